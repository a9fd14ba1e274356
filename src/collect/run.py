"""The collecting step: new items of every feed and listed address saved once, failures reported, never fatal."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

from src.collect.http import FetchError, Forbidden, PoliteClient, Response
from src.collect.sources import Feed, Sources, slug
from src.collect.store import SAVED, Index, content_hash, normalise_url, now, save_source_results

URL_SOURCE = "urls"  # the folder and source name of the plain addresses in sources.yml


@dataclass
class Outcome:
    saved: list[Path] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    offline: bool = False
    capped: bool = False

    @property
    def failed(self) -> list[dict[str, str]]:
        return [s for s in self.sources if s["result"] != "ok"]


def _decode(r: Response) -> str:
    from trafilatura.utils import decode_file

    text = decode_file(r.body)  # trafilatura's charset detection
    return text if isinstance(text, str) else r.body.decode("utf-8", "replace")


def feed_items(feed: Feed, r: Response, client: PoliteClient) -> tuple[list[str], str]:
    """The links of the feed's wanted items, and a reason when the answer is not a feed."""
    import feedparser

    def linked(parsed: "feedparser.FeedParserDict") -> list:
        return [e for e in parsed.entries if e.get("link")]

    parsed = feedparser.parse(r.body)
    if not linked(parsed):
        text = _decode(r)
        if "<html" in text[:2000].lower():  # a web page: find its feed (trafilatura's feed discovery)
            from trafilatura.feeds import FeedParameters, determine_feed

            host = urlparse(feed.url)
            found = determine_feed(text, FeedParameters(f"{host.scheme}://{host.netloc}", host.netloc, feed.url))
            if found:
                try:
                    parsed = feedparser.parse(client.get(found[0]).body)
                except FetchError as exc:
                    return [], f"feed {found[0]} found on the page but not fetched: {exc.reason}"
        if not linked(parsed):
            problem = getattr(parsed, "bozo_exception", None) if parsed.get("bozo") else None
            return [], f"bad XML: {problem}" if problem else "no items with a link in the feed"
    return [e["link"] for e in linked(parsed) if feed.wants(e.get("title", ""), e.get("summary", ""))], ""


def _file_name(url: str, title: str) -> str:
    path = urlparse(url).path.rstrip("/").rsplit("/", 1)[-1]
    stem = slug(re.sub(r"\.\w{2,5}$", "", path) or title or "page")[:50]
    return f"{stem}-{hashlib.sha1(normalise_url(url).encode()).hexdigest()[:8]}.html"


def save_page(url: str, source: str, client: PoliteClient, index: Index, folder: Path) -> tuple[str, Path | None]:
    """Fetch one address and save it once; returns (status, file). Records every outcome in the index
    (status "offline" when the network could not be reached at all)."""
    row = {"url": url, "normalised_url": normalise_url(url), "source": source, "fetched_at": now()}
    try:
        r = client.get(url)
    except FetchError as exc:
        status = "robots-disallowed" if isinstance(exc, Forbidden) else "offline" if exc.offline else "failed"
        index.add({**row, "status": status, "note": exc.reason})
        return status, None
    if r.status != 200:
        index.add({**row, "status": str(r.status), "note": f"HTTP {r.status}"})
        return str(r.status), None
    import trafilatura

    html = _decode(r)
    meta = trafilatura.extract_metadata(html, default_url=url)
    text = trafilatura.extract(html, url=url) or ""
    digest = content_hash(text or html)
    meta_row = {"title": getattr(meta, "title", "") or "", "published": getattr(meta, "date", "") or "",
                "author": getattr(meta, "author", "") or "", "content_hash": digest}
    twin = index.hashes.get(digest)
    if twin is not None:
        index.add({**row, **meta_row, "status": "duplicate", "note": f"same text as {twin['url']}"})
        return "duplicate", None
    target = folder / slug(source) / _file_name(url, meta_row["title"])
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():  # never rewrite a collected file
        target.write_bytes(r.body)
    index.add({**row, **meta_row, "status": SAVED, "file": target.relative_to(folder.parent).as_posix()})
    return SAVED, target


def collect(sources: Sources, raw_dir: Path, client: PoliteClient | None = None, max_new: int | None = None,
            log: Callable[[str], None] = print) -> Outcome:
    settings = sources.settings
    client = client or PoliteClient(str(settings["user_agent"]), float(settings["per_host_interval_s"]),
                                    float(settings["timeout_s"]), int(settings["retries"]),
                                    float(settings["backoff_s"]))
    folder = raw_dir / "collected"
    index = Index(folder)
    budget = int(settings["max_new_items"]) if max_new is None else max_new
    retry_after = float(settings["retry_failed_after_h"])
    out = Outcome()
    offline_errors = other_errors = 0
    held: list[str] = []  # failures for want of a network: one line says it all if nothing was reachable
    jobs: list[tuple[str, str, list[str] | None]] = [(f.name, f.url, None) for f in sources.feeds]
    if sources.urls:
        jobs.append((URL_SOURCE, "", list(sources.urls)))
    feeds = {f.name: f for f in sources.feeds}
    for name, url, links in jobs:
        result = {"source": name, "url": url, "checked_at": now(), "result": "ok", "reason": "", "items": 0, "new": 0}
        if links is None:
            try:
                r = client.get(url)
                if r.status != 200:
                    raise FetchError(f"HTTP {r.status}")
                links, problem = feed_items(feeds[name], r, client)
                if problem:
                    raise FetchError(problem)
            except FetchError as exc:
                offline_errors += exc.offline
                other_errors += not exc.offline
                result.update(result="failed", reason=exc.reason)
                out.sources.append(result)
                (held.append if exc.offline else log)(f"collect: {name}: FAILED ({exc.reason})")
                continue
        problems: list[str] = []
        offline_here = other_here = 0  # failures for want of a network, and the others
        result["items"] = len(links)
        for link in links:
            if index.seen(link, retry_after):
                continue
            if len(out.saved) >= budget:
                out.capped = True
                break
            status, path = save_page(link, name, client, index, folder)
            offline_here += status == "offline"
            other_here += status not in ("offline", "duplicate", SAVED)
            if path is not None:
                out.saved.append(path)
                result["new"] += 1
            elif status not in ("duplicate", "robots-disallowed"):
                problems.append(f"{link}: {index.by_url[normalise_url(link)]['note']}")
        if problems:
            result.update(result="some items failed", reason="; ".join(problems[:5]) +
                          (f" and {len(problems) - 5} more" if len(problems) > 5 else ""))
        out.sources.append(result)
        index.save()  # after every source: an interrupted run loses nothing already fetched
        line = (f"collect: {name}: {result['items']} item(s), {result['new']} new saved"
                + (f"; {len(problems)} failed ({problems[0].split(': ', 1)[-1]}{', ...' if len(problems) > 1 else ''})"
                   if problems else ""))
        offline_errors, other_errors = offline_errors + offline_here, other_errors + other_here
        (held.append if offline_here and not other_here else log)(line)  # as a feed that failed for want of a network
    save_source_results(folder, out.sources)
    out.offline = offline_errors > 0 and other_errors == 0 and not out.saved
    if not out.offline:
        for line in held:
            log(line)
    if out.capped:
        log(f"collect: stopped at the cap of {budget} new item(s) for one run; the rest come next run")
    return out

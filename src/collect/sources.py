"""What to collect: ``sources.yml`` read and checked strictly (an unknown key is an error, not a warning)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import yaml

DEFAULTS = {"user_agent": "violent-crime-policy-research/1.0 (+https://github.com/; research on UK violence policy)",
            "per_host_interval_s": 1.0, "timeout_s": 15.0, "retries": 2, "backoff_s": 1.0, "max_new_items": 50,
            "retry_failed_after_h": 24.0}


class SourcesError(ValueError):
    """sources.yml is not what the collecting step can use; the message says where."""


@dataclass(frozen=True)
class Feed:
    name: str
    url: str
    keywords: tuple[str, ...] = ()

    def wants(self, title: str, summary: str) -> bool:
        """An item is kept when the feed has no keywords or its title or summary holds one of them."""
        text = f"{title} {summary}".lower()
        return not self.keywords or any(k.lower() in text for k in self.keywords)


@dataclass(frozen=True)
class Sources:
    feeds: tuple[Feed, ...]
    urls: tuple[str, ...]
    settings: dict[str, object] = field(default_factory=lambda: dict(DEFAULTS))


def slug(name: str) -> str:
    """A source name as a folder name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "source"


def _url(value: object, where: str) -> str:
    url = str(value or "").strip()
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise SourcesError(f"{where}: {url!r} is not an http(s) address")
    return url


def load_sources(path: Path) -> Sources:
    if not path.is_file():
        raise SourcesError(f"sources file not found: {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise SourcesError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise SourcesError(f"{path}: expected the keys feeds, urls and settings")
    unknown = set(data) - {"feeds", "urls", "settings"}
    if unknown:
        raise SourcesError(f"{path}: unknown key(s) {sorted(unknown)}; expected feeds, urls, settings")
    feeds, names = [], set()
    for i, entry in enumerate(data.get("feeds") or [], start=1):
        where = f"{path.name}: feeds[{i}]"
        if not isinstance(entry, dict) or set(entry) - {"name", "url", "keywords"} or "name" not in entry:
            raise SourcesError(f"{where}: needs name and url, optionally keywords, and nothing else")
        name = str(entry["name"]).strip()
        if slug(name) in names:
            raise SourcesError(f"{where}: a second source called {name!r}")
        names.add(slug(name))
        keywords = entry.get("keywords") or []
        if not isinstance(keywords, list):
            raise SourcesError(f"{where}: keywords must be a list")
        feeds.append(Feed(name, _url(entry.get("url"), where), tuple(str(k) for k in keywords)))
    urls = tuple(_url(u, f"{path.name}: urls[{i}]") for i, u in enumerate(data.get("urls") or [], start=1))
    settings = dict(DEFAULTS)
    given = data.get("settings") or {}
    unknown = set(given) - set(DEFAULTS)
    if unknown:
        raise SourcesError(f"{path.name}: unknown setting(s) {sorted(unknown)}; known: {sorted(DEFAULTS)}")
    for key, value in given.items():
        settings[key] = type(DEFAULTS[key])(value)
    return Sources(tuple(feeds), urls, settings)

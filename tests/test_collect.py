"""Collecting from feeds and URL lists, against a local HTTP server started here (never the internet)."""
from __future__ import annotations

import csv
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from src.clean.articles import clean_corpus
from src.collect.__main__ import main as collect_main
from src.collect.http import PoliteClient
from src.collect.run import collect
from src.collect.sources import Feed, Sources, SourcesError, load_sources
from src.collect.store import normalise_url

SETTINGS = {"user_agent": "violent-crime-policy-research/1.0 (test)", "per_host_interval_s": 0.2, "timeout_s": 0.8,
            "retries": 2, "backoff_s": 0.2, "max_new_items": 50, "retry_failed_after_h": 24.0}


def page(title: str, date: str, text: str) -> bytes:
    return (f"<!doctype html><html><head><title>{title} | Example News</title>"
            f'<meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="{date}">'
            f'<meta name="author" content="Jane Smith"></head><body><nav>Home | News | Sport</nav>'
            f"<article><h1>{title}</h1><p>{text}</p><p>{text} It was announced on Thursday.</p></article>"
            "<footer>Cookies | Privacy</footer></body></html>").encode()


TWO_TEXT = ("A violence reduction unit in Cardiff will get £1.2m from the police and crime commissioner to "
            "put youth workers in hospital emergency departments, the commissioner said.")
PAGES = {
    "/news/one.html": page("Knife crime funding for schools", "2019-03-14",
                           "The Home Office will give £5m to schools in London to tackle knife crime, the Home "
                           "Secretary said, in the largest grant of its kind for youth work in the capital."),
    "/news/two.html": page("Violence reduction unit opens", "2019-04-02", TWO_TEXT),
    "/news/copy-of-two.html": page("Violence reduction unit opens", "2019-04-02", TWO_TEXT),
    "/news/three.html": page("Gangs unit praised", "2019-05-03",
                             "The integrated gangs unit in Westminster was praised by the Minister for London for "
                             "its work with young people at risk of violence, and for sharing one office."),
    "/news/offtopic.html": page("Gardening show opens", "2019-05-04", "Flowers everywhere in the park today."),
    "/private/secret.html": page("Knife crime secret", "2019-05-05", "Not for robots."),
}


def atom(entries: list[tuple[str, str]]) -> bytes:
    items = "".join(f"<entry><title>{t}</title><link href=\"{u}\"/><id>{u}</id><updated>2019-05-01T00:00:00Z"
                    f"</updated><summary>{t}</summary></entry>" for u, t in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>'
            f"<id>urn:test</id><updated>2019-05-01T00:00:00Z</updated>{items}</feed>").encode()


def rss(entries: list[tuple[str, str]]) -> bytes:
    items = "".join(f"<item><title>{t}</title><link>{u}</link><description>{t}</description></item>"
                    for u, t in entries)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{items}</channel></rss>'.encode()


class Server:
    def __init__(self) -> None:
        self.log: list[tuple[float, str, str]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                outer.log.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
                base = outer.base
                if self.path == "/robots.txt":
                    return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
                if self.path == "/feed.atom":
                    return self._send(200, atom([
                        (f"{base}/news/one.html", "Knife crime funding for schools"),
                        (f"{base}/news/two.html", "Violence reduction unit opens"),
                        (f"{base}/news/offtopic.html", "Gardening show opens"),
                        (f"{base}/private/secret.html", "Knife crime secret"),
                        (f"{base}/news/slow.html", "Knife crime slow page"),
                        (f"{base}/news/missing.html", "Knife crime missing page"),
                        (f"{base}/news/broken.html", "Knife crime broken page")]), "application/atom+xml")
                if self.path == "/feed.rss":
                    return self._send(200, rss([
                        (f"{base}/news/three.html", "Gangs unit praised"),
                        (f"{base}/news/one.html?utm_source=rss#top", "Knife crime funding for schools"),
                        (f"{base}/news/copy-of-two.html", "Violence reduction unit opens")]), "application/rss+xml")
                if self.path == "/bad.xml":
                    return self._send(200, b"<rss><channel><item><title>broken", "application/rss+xml")
                if self.path == "/news/slow.html":
                    time.sleep(2.0)
                    return self._send(200, PAGES["/news/one.html"], "text/html")
                if self.path == "/news/broken.html":
                    return self._send(500, b"server error", "text/plain")
                if self.path in PAGES:
                    return self._send(200, PAGES[self.path], "text/html; charset=utf-8")
                return self._send(404, b"not found", "text/plain")

            def _send(self, status: int, body: bytes, kind: str) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the slow page)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def paths(self, prefix: str) -> list[str]:
        return [p for _, p, _ in self.log if p.startswith(prefix)]


@pytest.fixture(scope="module")
def server():
    s = Server()
    s.thread.start()
    yield s
    s.httpd.shutdown()


def sources_for(server: Server) -> Sources:
    keywords = ("knife", "violence", "gang")
    return Sources((Feed("Test Atom", f"{server.base}/feed.atom", keywords),
                    Feed("Test RSS", f"{server.base}/feed.rss"),
                    Feed("Bad XML", f"{server.base}/bad.xml"),
                    Feed("Gone", f"{server.base}/gone.xml"),
                    Feed("No such host", "http://feeds.example.invalid/rss")),
                   (f"{server.base}/news/three.html",), dict(SETTINGS))


@pytest.fixture(scope="module")
def two_runs(server: Server, tmp_path_factory: pytest.TempPathFactory):
    raw = tmp_path_factory.mktemp("raw")
    first = collect(sources_for(server), raw, log=lambda _: None)
    files = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (raw / "collected").rglob("*.html")}
    log_after_first = list(server.log)
    second = collect(sources_for(server), raw, log=lambda _: None)
    return raw, first, second, files, log_after_first


def _index(raw: Path) -> dict[str, dict[str, str]]:
    with (raw / "collected" / "index.csv").open(encoding="utf-8", newline="") as fh:
        return {r["normalised_url"]: r for r in csv.DictReader(fh)}


def test_first_collect_saves_the_allowed_new_items(two_runs, server: Server) -> None:
    raw, first, _, files, _ = two_runs
    names = sorted(p.relative_to(raw / "collected").as_posix().rsplit("-", 1)[0] for p in files)
    assert names == ["test-atom/one", "test-atom/two", "test-rss/three"]  # off-topic, forbidden, failed, copies out
    index = _index(raw)
    row = index[normalise_url(f"{server.base}/news/one.html")]
    assert row["status"] == "saved" and row["source"] == "Test Atom" and row["title"] == "Knife crime funding for schools"
    assert row["published"] == "2019-03-14" and len(row["content_hash"]) == 64 and row["fetched_at"]
    assert (raw / "collected" / row["file"].removeprefix("collected/")).is_file()
    status = {u.rsplit("/", 1)[-1]: r["status"] for u, r in index.items()}
    assert status["secret.html"] == "robots-disallowed" and status["missing.html"] == "404"
    assert status["broken.html"] == "500" and status["slow.html"] == "failed"
    assert status["copy-of-two.html"] == "duplicate"  # same text as two.html under another address
    assert "offtopic.html" not in status and "/private/secret.html" not in server.paths("/private")


def test_failing_sources_are_reported_and_never_stop_the_run(two_runs) -> None:
    raw, first, _, _, _ = two_runs
    by_name = {s["source"]: s for s in first.sources}
    assert by_name["Bad XML"]["result"] == "failed" and "bad XML" in by_name["Bad XML"]["reason"]
    assert by_name["Gone"]["reason"] == "HTTP 404"
    assert by_name["No such host"]["reason"].startswith("DNS")
    assert by_name["Test Atom"]["result"] == "some items failed" and "timeout" in by_name["Test Atom"]["reason"]
    assert by_name["Test RSS"]["result"] == "ok" and by_name["urls"]["result"] == "ok"
    with (raw / "collected" / "sources.csv").open(encoding="utf-8", newline="") as fh:
        assert {r["source"]: r["result"] for r in csv.DictReader(fh)}["Bad XML"] == "failed"
    assert not first.offline


def test_polite_requests(two_runs, server: Server) -> None:
    _, _, _, _, log = two_runs
    assert all("violent-crime-policy" in agent for _, _, agent in log)
    assert len([p for _, p, _ in log if p == "/news/broken.html"]) == 3  # the request and two retries on 500
    assert len([p for _, p, _ in log if p == "/robots.txt"]) == 1  # read once per host per run
    times = [t for t, _, _ in log]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= SETTINGS["per_host_interval_s"] * 0.9  # one request per host per interval


def test_second_collect_fetches_and_rewrites_nothing(two_runs, server: Server) -> None:
    raw, _, second, files, log_after_first = two_runs
    assert second.saved == []
    later = [p for _, p, _ in server.log[len(log_after_first):]]
    assert not [p for p in later if p.startswith(("/news/", "/private/"))]  # only feeds and robots.txt again
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (raw / "collected").rglob("*.html")} == files


def test_collected_pages_are_read_with_their_own_metadata(two_runs) -> None:
    raw, _, _, _, _ = two_runs
    corpus = clean_corpus(raw, workers=1)
    arts = corpus.articles
    assert len(arts) == 3 and set(corpus.skipped["source_file"]) == set()  # index.csv, sources.csv are not inputs
    one = arts[arts["source_file"].str.startswith("collected/test-atom/one")].iloc[0]
    assert one["title"] == "Knife crime funding for schools" and one["published"] == "2019-03-14"
    assert "£5m to schools in London" in one["body"] and "Cookies" not in one["body"]


def test_cap_on_new_items_per_run(server: Server, tmp_path: Path) -> None:
    outcome = collect(sources_for(server), tmp_path, max_new=1, log=lambda _: None)
    assert len(outcome.saved) == 1 and outcome.capped


def test_no_network_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "sources.yml"
    sources.write_text("feeds:\n  - name: Nowhere\n    url: http://feeds.example.invalid/rss\n"
                       "urls:\n  - http://www.example.invalid/news/1.html\n"
                       "settings:\n  retries: 0\n  timeout_s: 2\n", encoding="utf-8")
    assert collect_main(["--sources", str(sources), "--raw-dir", str(tmp_path / "raw")]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("collect: no network")


def test_sources_file_is_checked_strictly(tmp_path: Path) -> None:
    bad = tmp_path / "sources.yml"
    for text, message in [("feeds:\n  - name: A\n    url: ftp://x\n", "not an http"),
                          ("feedz: []\n", "unknown key"),
                          ("settings:\n  speed: 3\n", "unknown setting"),
                          ("feeds:\n  - name: A\n    url: http://a/\n  - name: a\n    url: http://b/\n", "second source")]:
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(SourcesError, match=message):
            load_sources(bad)


def test_shipped_sources_file_is_valid() -> None:
    from src.collect.__main__ import DEFAULT_SOURCES

    sources = load_sources(DEFAULT_SOURCES)
    assert len(sources.feeds) >= 5 and all(f.url.startswith("https://") for f in sources.feeds)
    text = DEFAULT_SOURCES.read_text(encoding="utf-8")
    for feed in sources.feeds:  # every feed says what it covers in a comment just above it
        lines = text.splitlines()
        at = next(i for i, line in enumerate(lines) if line.strip() == f"- name: {feed.name}")
        assert lines[at - 1].strip().startswith("#"), feed.name


def test_rate_limit_waits_per_host() -> None:
    now = [0.0]
    slept: list[float] = []
    client = PoliteClient("ua", per_host_interval_s=1.0, clock=lambda: now[0], sleep=lambda s: slept.append(s))
    client._wait_turn("a.example")
    now[0] = 0.3
    client._wait_turn("a.example")  # 0.3 s after the last request to this host: waits the rest
    client._wait_turn("b.example")  # another host: no wait
    assert slept == [pytest.approx(0.7)]


def test_report_lists_failed_sources(two_runs) -> None:
    from src.report.html import sources_html

    raw = two_runs[0]
    html = sources_html(raw)
    assert "Bad XML" in html and "HTTP 404" in html and "DNS: host not found" in html
    assert "Test RSS" not in html  # only the sources that failed are listed
    assert "No collecting run" in sources_html(raw / "nowhere")

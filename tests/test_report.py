"""The report as a reader gets it: standalone, offline, escaped, and checked in headless Chromium."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import Run, run_pipeline
from src.common.paths import DEFAULT_RAW_DIR

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SECTION_IDS = ["headlines", "funding", "outcomes", "checks", "policies", "quotes", "programmes", "charts", "articles",
               "data-quality", "method", "run"]
HOSTILE = """<script>window.__pwned = 1; document.title = 'PWNED'</script>
Council pledges £3m for youth clubs <img src=x onerror="window.__pwned=2">
The council said it would spend £3m on youth clubs in Leeds over two years, according to a statement today.
Read the <a href="javascript:window.__pwned=3">full statement</a> for details of the plan, the council said.
Cllr Jane Roe, leader of Leeds City Council, said: "This <b onmouseover=alert(1)>matters</b> to us all."
"""


def test_report_loads_nothing_from_outside(pipeline_run: Run) -> None:
    html = (pipeline_run.reports / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=[\"']?(?:https?:)?//", html, re.I)
    assert "cdnjs" not in html and "require.min.js" not in html and "mathjax" not in html.lower()
    assert "Content-Security-Policy" in html
    assert "jp-InputArea" not in html or "display: none" in html  # no code shown


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("hostile")
    raw = base / "raw"
    raw.mkdir()
    shutil.copy(DEFAULT_RAW_DIR / "000_95ba648fc2615cfc.txt", raw)
    (raw / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    return run_pipeline(raw, base / "processed", base / "reports")


def test_article_markup_is_escaped_in_the_report(hostile_run: Run) -> None:
    assert hostile_run.status == 0, hostile_run.output
    html = (hostile_run.reports / "report.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html
    assert not re.search(r"<img[^>]*onerror", html, re.I)
    assert not re.search(r"<a\s[^>]*href=[\"']?javascript:", html, re.I)
    assert not re.search(r"<b\s[^>]*onmouseover", html, re.I)
    # the markup is shown as text, not dropped: the headline carries an <img> tag
    assert "&lt;img src=x onerror=" in html


def _browser_check(report: Path, screenshot: Path) -> dict:
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
                if msg.type == "error" else None)
        page.on("pageerror", lambda err: problems.append(f"page error: {err}"))

        def guard(route):  # every request must stay inside the file (blob: URLs are made from its own content)
            url = route.request.url
            if url.startswith(("data:", "about:", "blob:null/")) or url == report.as_uri():
                route.continue_()
            else:
                problems.append(f"request left the file: {url}")
                route.abort()

        page.route("**/*", guard)
        page.goto(report.as_uri())
        page.locator("table.dataTable").nth(4).wait_for(timeout=15000)
        result = {
            "sections": [sid for sid in SECTION_IDS if page.locator(f"#{sid}").is_visible()],
            "tables": page.locator("table.dataTable").count(),
            "images": page.evaluate("[...document.images].filter(i => i.complete && i.naturalWidth > 0 && i.alt)"
                                    ".length"),
            "sparklines": page.locator("figure div[role=img] svg").count(),
            "pwned": page.evaluate("window.__pwned || null"),
            "title": page.title(),
        }
        search = page.locator("input[type=search]").first
        search.fill("Home Office")
        page.wait_for_timeout(300)
        result["filtered_rows"] = page.locator("table.dataTable").first.locator("tbody tr").count()
        page.screenshot(path=str(screenshot), full_page=False)
        browser.close()
    result["problems"] = problems
    return result


@pytest.mark.skipif(CHROMIUM is None, reason="chromium missing: `make test` installs it (make browser)")
def test_report_in_headless_chromium(pipeline_run: Run) -> None:
    shot = pipeline_run.reports / "report-screenshot.png"
    result = _browser_check(pipeline_run.reports / "report.html", shot)
    assert result["problems"] == []
    assert result["sections"] == SECTION_IDS
    assert result["tables"] >= 5 and result["images"] == 5  # funding x2, crime changes, crime levels, claims
    assert result["sparklines"] >= 8  # a small chart per checked series and span
    assert 0 < result["filtered_rows"] < 11  # the funding table filters down to the Home Office rows
    assert shot.stat().st_size > 10_000


@pytest.mark.skipif(CHROMIUM is None, reason="chromium missing: `make test` installs it (make browser)")
def test_hostile_article_never_runs_in_the_browser(hostile_run: Run) -> None:
    result = _browser_check(hostile_run.reports / "report.html", hostile_run.reports / "hostile.png")
    assert result["pwned"] is None and result["title"] != "PWNED"
    assert result["problems"] == []

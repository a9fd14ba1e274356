"""The report as a reader gets it: standalone, offline, escaped, and checked in headless Chromium."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import csv

import pandas as pd

from conftest import Run, run_pipeline
from src.common.paths import DEFAULT_RAW_DIR
from src.report.datatables import payload_from_html

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
    # the markup is kept as text, not dropped: the headline carries an <img> tag, stored as data for the
    # escaping renderer (the browser test below sees it drawn as text)
    strings = payload_from_html(html)["s"]
    assert any("<img src=x onerror=" in s for s in strings)


MEASURE = """() => {
  const median = (a) => { a = [...a].sort((x, y) => x - y); return a.length ? a[Math.floor(a.length / 2)] : null; };
  const page = document.documentElement;
  const out = {tables: {}, pageOverflow: page.scrollWidth - page.clientWidth};
  for (const t of document.querySelectorAll("table.report-data")) {
    const box = t.closest(".dt-layout-table"), style = getComputedStyle(box);
    out.tables[t.id.replace("table-", "")] = {
      rows: t.tBodies[0].querySelectorAll("tr:not(:has(td.dt-empty))").length,
      medianHeight: median([...t.tBodies[0].rows].map((r) => r.getBoundingClientRect().height)),
      marks: t.querySelectorAll("tbody mark").length,
      headers: [...t.tHead.rows[0].cells].map((c) => c.textContent.trim()),
      rowTitles: [...t.tBodies[0].rows].map((r) => r.title),
      // wider than its box only if the box scrolls sideways
      overflows: box.scrollWidth > box.clientWidth, scrolls: ["auto", "scroll"].includes(style.overflowX),
      right: t.getBoundingClientRect().right,
    };
  }
  const sizes = [...document.querySelectorAll("div.chart svg text")].map((el) => {
    const m = el.getScreenCTM();
    return parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
  });
  out.chartTexts = sizes.length;
  out.smallestChartText = Math.min(...sizes);
  out.charts = document.querySelectorAll("figure div.chart svg").length;
  out.bodyRight = document.body.getBoundingClientRect().right;
  return out;
}"""


def _browser_check(report: Path, screenshot: Path, download_dir: Path) -> dict:
    """The report as a reader sees it at 1300 px: every measure the report issue names."""
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1300, "height": 900}, accept_downloads=True)
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
        page.locator("body[data-tables-ready], body[data-tables-error]").wait_for(state="attached", timeout=20000)
        result = {
            "error": page.locator("body").get_attribute("data-tables-error"),
            "sections": [sid for sid in SECTION_IDS if page.locator(f"#{sid}").is_visible()],
            "sparklines": page.locator(".thumbs figure div[role=img] svg").count(),
            "pwned": page.evaluate("window.__pwned || null"),
            "title": page.title(),
            "articles_text": page.locator("#table-articles").inner_text(),
            **page.evaluate(MEASURE),
        }
        downloads = {}
        for name in ("funding", "quotes"):
            with page.expect_download() as info:
                page.locator(f"div[data-table={name}] button.download-csv").click()
            target = download_dir / f"{name}.csv"
            info.value.save_as(target)
            downloads[name] = target
        result["downloads"] = downloads
        page.locator("#table-funding a.article-link").first.click()
        page.wait_for_timeout(300)
        result["article_rows_after_link"] = page.locator("#table-articles tbody tr").count()
        search = page.locator("div[data-table=funding] input[type=search]")
        search.fill("Home Office")
        page.wait_for_timeout(300)
        result["filtered_rows"] = page.locator("#table-funding tbody tr").count()
        page.screenshot(path=str(screenshot), full_page=False)
        browser.close()
    result["problems"] = problems
    return result


@pytest.fixture(scope="module")
def browser_result(pipeline_run: Run, tmp_path_factory: pytest.TempPathFactory) -> dict:
    if CHROMIUM is None:
        pytest.fail("chromium missing: `make test` installs it (make browser)")
    return _browser_check(pipeline_run.reports / "report.html", pipeline_run.reports / "report-screenshot.png",
                          tmp_path_factory.mktemp("downloads"))


def test_report_in_headless_chromium(browser_result: dict, pipeline_run: Run) -> None:
    result = browser_result
    assert result["problems"] == [] and result["error"] is None
    assert result["sections"] == SECTION_IDS
    assert set(result["tables"]) == {"funding", "outcomes", "checks", "policies", "quotes", "programmes", "articles"}
    assert result["charts"] == 5 + result["sparklines"] and result["sparklines"] >= 8
    assert 0 < result["filtered_rows"] < 11  # the funding table filters down to the Home Office rows
    assert result["article_rows_after_link"] == 1  # an article link shows that article's row
    assert (pipeline_run.reports / "report-screenshot.png").stat().st_size > 10_000


def test_tables_read_at_1300_px(browser_result: dict) -> None:
    tables = browser_result["tables"]
    for name in ("funding", "outcomes", "quotes"):
        assert tables[name]["rows"] >= 5, name
        assert tables[name]["medianHeight"] <= 90, (name, tables[name]["medianHeight"])
    assert browser_result["pageOverflow"] <= 0  # the page itself never scrolls sideways
    for name, t in tables.items():
        assert t["scrolls"] or not t["overflows"], name  # a wide table has its own horizontal scroll bar
        assert t["right"] <= browser_result["bodyRight"] + 1 or t["scrolls"], name


def test_ids_out_of_sight_and_amounts_highlighted(browser_result: dict) -> None:
    funding = browser_result["tables"]["funding"]
    assert "claim" not in funding["headers"] and "claim_id" not in funding["headers"]
    assert all(t.startswith("claim: F-") for t in funding["rowTitles"])
    assert funding["marks"] == funding["rows"]  # every amount is found and highlighted in its sentence
    assert browser_result["tables"]["outcomes"]["marks"] >= browser_result["tables"]["outcomes"]["rows"] * 0.8


def test_chart_text_is_text_and_readable(browser_result: dict) -> None:
    assert browser_result["chartTexts"] > 50
    assert browser_result["smallestChartText"] >= 10


def test_download_csv_holds_the_table_rows(browser_result: dict, pipeline_run: Run) -> None:
    funding = pd.read_csv(pipeline_run.processed / "funding.csv", dtype=str, keep_default_na=False)
    with browser_result["downloads"]["funding"].open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["claim"] for r in rows) == sorted(funding["claim_id"])
    by_id = {r["claim"]: r for r in rows}
    for claim in funding.itertuples():
        assert by_id[claim.claim_id]["sentence"] == claim.sentence
        assert by_id[claim.claim_id]["amount as written"] == claim.amount_text
        assert float(by_id[claim.claim_id]["£m"]) * 1e6 == pytest.approx(float(claim.amount_gbp))
    quotes = pd.read_csv(pipeline_run.processed / "quotes.csv", dtype=str, keep_default_na=False)
    with browser_result["downloads"]["quotes"].open(encoding="utf-8-sig", newline="") as f:
        assert sorted(r["quote"] for r in csv.DictReader(f)) == sorted(quotes["quote"])


def test_hostile_article_never_runs_in_the_browser(hostile_run: Run, tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.fail("chromium missing: `make test` installs it (make browser)")
    result = _browser_check(hostile_run.reports / "report.html", hostile_run.reports / "hostile.png", tmp_path)
    assert result["pwned"] is None and result["title"] != "PWNED"
    assert result["problems"] == [] and result["error"] is None
    assert "<img src=x onerror=" in result["articles_text"]  # shown as text, not run and not dropped

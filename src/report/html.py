"""Stage 4: the HTML fragments of the report. Every piece of article text goes through
``html.escape`` here (or through itables, which escapes by default): article text is untrusted
and never becomes markup."""
from __future__ import annotations

import html
import json
import platform
import subprocess
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import pandas as pd

from src.charts.figures import Figure
from src.common.paths import REPO_ROOT
from src.report.datatables import Column, Payload, add_articles, add_table, find_mark, numbers

SECTIONS = [("headlines", "Headline figures"), ("funding", "Funding claims"), ("outcomes", "Crime figures"),
            ("checks", "Claims against official figures"),
            ("policies", "Policy claims"), ("quotes", "Who said what"), ("programmes", "Programmes"),
            ("charts", "Charts"), ("articles", "The articles"), ("data-quality", "Data quality: inputs skipped"),
            ("method", "Method and accuracy"), ("run", "About this run")]
PACKAGES = ["pandas", "matplotlib", "seaborn", "nbconvert", "papermill", "itables", "charset-normalizer",
            "trafilatura", "ftfy", "pandera", "jupyterlab"]
e = html.escape


def display_title(row: pd.Series | object) -> str:
    title = getattr(row, "title", "") or ""
    if title:
        return title
    body = getattr(row, "body", "") or ""
    first = body.split("\n")[0]
    return "(untitled) " + (first[:90] + "…" if len(first) > 90 else first)


def header(title: str, subtitle: str) -> str:
    toc = "".join(f'<li><a href="#{sid}">{e(name)}</a></li>' for sid, name in SECTIONS)
    return (f'<header class="report-header"><h1>{e(title)}</h1><p>{e(subtitle)}</p></header>'
            f'<nav aria-label="Contents" id="toc"><h2>Contents</h2><ol>{toc}</ol></nav>')


def section(sid: str, intro: str = "", finding: str = "") -> str:
    """A section's heading, its finding (computed from its table, see src/report/summary.py) and what it holds."""
    name = dict(SECTIONS)[sid]
    return (f'<h2 id="{sid}">{e(name)}</h2>' + (f'<p class="finding">{e(finding)}</p>' if finding else "")
            + (f'<p class="intro">{e(intro)}</p>' if intro else ""))


def headline_figures(articles: pd.DataFrame, funding: pd.DataFrame, outcomes: pd.DataFrame, quotes: pd.DataFrame,
                     programmes: pd.DataFrame, skipped: pd.DataFrame, total_gbp: float) -> str:
    up = int((outcomes["direction"] == "up").sum())
    down = int((outcomes["direction"] == "down").sum())
    levels = int((outcomes["direction"] == "none").sum())
    cards = [
        ("articles read", f"{len(articles):,}", f"{len(skipped):,} input file(s) skipped"),
        ("funding announced", f"£{total_gbp / 1e6:,.1f}m", f"in {len(funding):,} funding claims, shares and repeats "
                                                         "counted once"),
        ("crime-figure claims", f"{len(outcomes):,}", f"{up} say up, {down} say down, {levels} state a level"),
        ("quotes", f"{len(quotes):,}", f"from {quotes['speaker'].nunique():,} named speakers"),
        ("programmes named", f"{len(programmes):,}", "canonical names, aliases merged"),
    ]
    items = "".join(f'<div class="card"><div class="big">{e(v)}</div><div class="what">{e(k)}</div>'
                    f'<div class="note">{e(n)}</div></div>' for k, v, n in cards)
    return f'<div class="headline">{items}</div>'


FUNDING = [Column("claim_id", "claim", "hidden"), Column("article_id", "article", "article", width="title"),
           Column("amount_gbp", "£m", "num", "m", width="number"), Column("funder", "funder", width="medium"),
           Column("programme", "programme", width="medium"), Column("place", "place", width="narrow"),
           Column("period", "period", width="narrow"), Column("sentence", "sentence", "sentence", width="wide"),
           Column("amount_text", "amount as written", "hidden"), Column("status", "status", "hidden"),
           Column("part_of", "share of claim", "hidden")]
OUTCOMES = [Column("claim_id", "claim", "hidden"), Column("article_id", "article", "article", width="title"),
            Column("metric", "metric", width="medium"), Column("place", "place", width="narrow"),
            Column("direction", "direction", width="narrow"), Column("change", "change", "num", "pct", width="number"),
            Column("value", "figure", "num", width="number"), Column("period", "period", width="narrow"),
            Column("sentence", "sentence", "sentence", width="wide"), Column("magnitude", "as written", "hidden"),
            Column("category", "official category", "hidden"), Column("unit", "unit", "hidden"),
            Column("base_value", "from", "hidden")]
POLICIES = [Column("claim_id", "claim", "hidden"), Column("article_id", "article", "article", width="title"),
            Column("subject", "programme or policy", width="medium"), Column("sentence", "sentence", "sentence", width="wide")]
QUOTES = [Column("quote_id", "quote id", "hidden"), Column("article_id", "article", "article", width="title"),
          Column("speaker", "speaker", width="medium"), Column("role", "role", width="medium"),
          Column("quote", "quote", "sentence", width="wide")]
PROGRAMMES = [Column("programme", "programme", width="medium"), Column("aliases", "also called", width="wide"),
              Column("places", "places", width="wide"), Column("n_articles", "articles", "num", "int", width="number"),
              Column("mentions", "mentions", "num", "int", width="number"),
              Column("funding_claims", "funding claims", "num", "int", width="number"),
              Column("funding_total_gbp", "funding £m", "num", "m", width="number")]
CHECKS = [Column("claim_id", "claim", "hidden"), Column("article_id", "article", "article", width="title"),
          Column("subject", "claim about", width="medium"), Column("place", "place", width="narrow"),
          Column("claimed_change", "claimed", width="narrow"), Column("verdict", "verdict", width="narrow"),
          Column("official", "official change", width="narrow"), Column("latest", "on latest figures", width="narrow"),
          Column("official_figures", "official figures", width="medium"), Column("details", "how checked", width="small")]
ARTICLES = [Column("article_id", "article id", "hidden"), Column("title", "title", width="medium"),
            Column("published", "published", width="narrow"), Column("byline", "byline", width="narrow"),
            Column("publisher", "publisher", width="narrow"), Column("word_count", "words", "num", "int", width="number"),
            Column("claims", "claims", "num", "int", width="number"), Column("text", "text", "sentence", width="wide"),
            Column("source_file", "file", "hidden")]


def funding_table(payload: Payload, funding: pd.DataFrame) -> str:
    marks = [find_mark(s, [a]) for s, a in zip(funding["sentence"].tolist(), funding["amount_text"].tolist())]
    return add_table(payload, "funding", funding, FUNDING, "Funding claims", marks)


def outcomes_table(payload: Payload, outcomes: pd.DataFrame) -> str:
    values = [[] if v is None else [f"{v:,.0f}", f"{v:.0f}"] if v == int(v) else [f"{v:,}", f"{v}"]
              for v in numbers(outcomes["value"])]  # the figure as an article prints it: 16,344 or 16344
    marks = [find_mark(s, [m, *v]) for s, m, v in zip(outcomes["sentence"].tolist(), outcomes["magnitude"].tolist(),
                                                       values)]
    return add_table(payload, "outcomes", outcomes, OUTCOMES, "Crime-figure claims", marks)


def policies_table(payload: Payload, policies: pd.DataFrame) -> str:
    marks = [find_mark(s, [p]) for s, p in zip(policies["sentence"].tolist(), policies["subject"].tolist())]
    return add_table(payload, "policies", policies, POLICIES, "Policy claims", marks)


def quotes_table(payload: Payload, quotes: pd.DataFrame) -> str:
    return add_table(payload, "quotes", quotes, QUOTES, "Quotes")


def programmes_table(payload: Payload, programmes: pd.DataFrame) -> str:
    """Programmes with the number of articles naming them (the ids are in programmes.csv: at scale a
    programme is named by thousands of articles)."""
    n_articles = [len([a for a in str(ids).split("; ") if a]) if isinstance(ids, str) else 0
                  for ids in programmes["article_ids"].tolist()]
    return add_table(payload, "programmes", programmes.assign(n_articles=n_articles), PROGRAMMES, "Programmes")


def articles_table(payload: Payload, articles: pd.DataFrame, claims: pd.DataFrame, full_text_max_articles: int = 500,
                   cut_chars: int = 300) -> str:
    """One row per article. Up to ``full_text_max_articles`` articles a row holds the whole cleaned
    text; above that, its first ``cut_chars`` characters (the whole text stays in articles.csv), so a
    report on a whole archive stays small enough to email."""
    counts = claims.groupby("article_id").size().to_dict()
    bodies = articles["body"].fillna("").astype(str).tolist()
    if len(articles) > full_text_max_articles:
        bodies = [b if len(b) <= cut_chars else b[:cut_chars].rsplit(" ", 1)[0] + " …" for b in bodies]
    dates = [f"{p} ({b})" if p else "not stated" for p, b in zip(articles["published"].tolist(),
                                                                  articles["published_basis"].tolist())]
    table = articles.assign(text=bodies, published=dates, title=[display_title(r) for r in articles.itertuples()],
                            claims=[counts.get(a, 0) for a in articles["article_id"].tolist()])
    add_articles(payload, table)
    caption = "Articles" + ("" if len(articles) <= full_text_max_articles else
                            f" (text cut to {cut_chars} characters; the full text is in articles.csv)")
    return add_table(payload, "articles", table, ARTICLES, caption)


def checks_table(payload: Payload, checks: pd.DataFrame) -> str:
    """One row per claim: its own place's check, with any wider-area check as context."""
    if checks.empty:
        return add_table(payload, "checks", pd.DataFrame(columns=[c.key for c in CHECKS]), CHECKS,
                         "Claims against official figures")
    rank = pd.to_numeric(checks["rank"], errors="coerce")
    primary = checks[rank == 1].reset_index(drop=True)
    context = checks[rank > 1]
    notes: dict[str, list[str]] = {}
    for cid, place, change, verdict_text in zip(context["claim_id"].tolist(), context["place"].tolist(),
                                                 _signed_column(context["official_change"]),
                                                 context["verdict"].tolist()):
        notes.setdefault(cid, []).append(f"{place}: {change} {verdict_text}")
    col = {c: primary[c].tolist() for c in primary.columns}  # plain lists: iterating pandas strings is slow
    n = len(primary)
    official, official_now = _signed_column(primary["official_change"]), _signed_column(primary["official_change_now"])
    base_values, end_values = _figures(primary["base_value"]), _figures(primary["end_value"])
    figures, latest, details = [], [], []
    for i in range(n):
        base, end = col["base_period"][i], col["end_period"][i]
        span = (f"{base}: {base_values[i]} → {end}: {end_values[i]}" if base else
                f"{end}: {end_values[i]}" if end else "")
        figures.append(f"{col['series'][i]} ({col['area'][i]}): {span}" if col["series"][i] else "")
        latest.append(f"{official_now[i]} {col['verdict_now'][i]}".strip() if col["verdict_now"][i] else "")
        details.append("; ".join(x for x in (
            f"figures used: {col['vintage'][i]}" if col["vintage"][i] else "",
            f"confidence: {col['confidence'][i]}" if col["confidence"][i] else "",
            f"span: {col['span_basis'][i]}" if col["span_basis"][i] else "", col["caveats"][i],
            "; ".join(notes.get(col["claim_id"][i], [])),
            f"sources: {col['sources'][i]}" if col["sources"][i] else "") if x))
    table = primary.assign(official=official, latest=latest, official_figures=figures, details=details)
    return add_table(payload, "checks", table, CHECKS, "Claims against official figures")


def _signed_column(values: pd.Series) -> list[str]:
    numbers = pd.to_numeric(values, errors="coerce").tolist()
    return ["" if pd.isna(v) else f"{v:+.0%}" for v in numbers]


def _figures(values: pd.Series) -> list[str]:
    """Official figures as printed: 39,598, or >1,000 for a lower bound."""
    strings = values.fillna("").astype(str).tolist()
    return [(">" if s.startswith(">") else "") + ("" if v is None else f"{v:,.0f}")
            for s, v in zip(strings, numbers(values))]


def figures_html(figures: list[Figure], figure_dir: Path, small: bool = False) -> str:
    """Charts inline as SVG, their text kept as text: searchable, crisp at any zoom, and measurable."""
    parts = []
    for f in figures:
        svg = (figure_dir / f.svg).read_text(encoding="utf-8")
        svg = svg[svg.index("<svg"):]  # without the XML declaration and doctype, which are not allowed inline
        parts.append(f'<figure id="fig-{e(f.name)}"><div class="chart" role="img" aria-label="{e(f.alt)}">{svg}</div>'
                     f"<figcaption>{e(f.title)}</figcaption></figure>")
    return f'<div class="thumbs">{"".join(parts)}</div>' if small else "".join(parts)


def skipped_html(skipped: pd.DataFrame) -> str:
    if skipped.empty:
        return "<p>Every file in the raw folder became an article; nothing was skipped.</p>"
    rows = "".join(f"<tr><td>{e(r.source_file)}</td><td>{e(r.reason)}</td></tr>" for r in skipped.itertuples())
    return f'<table class="plain"><thead><tr><th>file</th><th>why it was skipped</th></tr></thead><tbody>{rows}</tbody></table>'


def sources_html(raw_dir: Path) -> str:
    """The last collecting run's sources that failed (from <raw>/collected/sources.csv), with the reason."""
    import csv

    path = raw_dir / "collected" / "sources.csv"
    if not path.is_file():
        return "<p>No collecting run has written to this raw folder (<code>make collect</code>).</p>"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    failed = [r for r in rows if r.get("result") != "ok"]
    checked = rows[0].get("checked_at", "") if rows else ""
    text = (f"<p>The last collecting run ({e(checked)}) read {len(rows)} source(s); "
            + (f"{len(failed)} failed or had items that failed:</p>" if failed else "none failed.</p>"))
    if failed:
        body = "".join(f"<tr><td>{e(r.get('source', ''))}</td><td>{e(r.get('url', ''))}</td>"
                       f"<td>{e(r.get('result', ''))}</td><td>{e(r.get('reason', ''))}</td></tr>" for r in failed)
        text += ('<table class="plain"><thead><tr><th>source</th><th>address</th><th>result</th><th>why</th></tr>'
                 f"</thead><tbody>{body}</tbody></table>")
    return text


def _pct(x: object) -> str:
    value = pd.to_numeric(x, errors="coerce")
    return f"{float(value) * 100:.0f}%" if pd.notna(value) else "n/a"


def _int(x: object) -> int:
    value = pd.to_numeric(x, errors="coerce")
    return int(value) if pd.notna(value) else 0


def _cross_validated_html() -> str:
    """The cleaning scores on pages the line classifier was not trained on (from the model file)."""
    import json

    from src.clean.model import MODEL_PATH

    if not MODEL_PATH.is_file():
        return "<p>No line classifier is installed: the rules alone cleaned the articles.</p>"
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    cv, spread = model.get("cross_validation", {}), model.get("cross_validation_spread", {})
    rows = ""
    for corpus, name in (("dev", "26 development pages modelled on 26 sites"), ("seeds", "the five seed articles")):
        if f"{corpus}_boilerplate_removed" not in cv:
            continue
        rows += (f"<tr><td>{e(name)}</td><td>{_pct(cv[f'{corpus}_boilerplate_removed'])}</td>"
                 f"<td>{_pct(cv[f'{corpus}_content_kept'])}</td><td>{_pct(cv[f'{corpus}_title_right'])}</td>"
                 f"<td>{_pct(cv[f'{corpus}_date_found'])}</td><td>{_int(cv[f'{corpus}_date_wrong'])}</td></tr>")
    note = ""
    if "dev_boilerplate_removed" in spread:
        bp, ck = spread["dev_boilerplate_removed"], spread["dev_content_kept"]
        note = (f"<p>With so few pages a single split moves these figures by a few lines: over {_int(spread['splits'])} "
                f"different assignments of the development pages to folds, boilerplate removed ranged "
                f"{_pct(bp['min'])}–{_pct(bp['max'])} (mean {_pct(bp['mean'])}) and content kept "
                f"{_pct(ck['min'])}–{_pct(ck['max'])}.</p>")
    return ("<p>Cross-validated by page (each page scored by a model that never saw it; "
            f"{e(str(cv.get('method', '')))}):</p><table class=\"plain\"><thead><tr><th>corpus</th>"
            "<th>boilerplate removed</th><th>content kept</th><th>title right</th><th>printed date found</th>"
            f"<th>dates wrong</th></tr></thead><tbody>{rows}</tbody></table>{note}")


def _dev_claims_html() -> str:
    """The claim scores on the 26 dev pages, as ``make evaluate`` recorded them."""
    import json

    from src.evaluate.report import DEV_CLAIM_SCORES

    if not DEV_CLAIM_SCORES.is_file():
        return ""
    s = json.loads(DEV_CLAIM_SCORES.read_text(encoding="utf-8"))
    rows = (f"<tr><td>funding</td><td>{_int(s['funding_gold'])}</td><td>{_pct(s['funding_precision'])}</td>"
            f"<td>{_pct(s['funding_recall'])}</td><td>funder and programme both right on "
            f"{_pct(s['funder_and_programme_right'])} of the amounts found</td></tr>"
            f"<tr><td>crime figures</td><td>{_int(s['outcomes_gold'])}</td><td>{_pct(s['outcome_precision'])}</td>"
            f"<td>{_pct(s['outcome_recall'])}</td><td>same metric (by the metrics vocabulary) and direction; "
            f"written with the gold's own words: precision {_pct(s['outcome_precision_same_words'])}, recall "
            f"{_pct(s['outcome_recall_same_words'])}</td></tr>"
            f"<tr><td>quotes</td><td>{_int(s['quotes_gold'])}</td><td>{_pct(s['quote_precision'])}</td>"
            f"<td>{_pct(s['quote_recall'])}</td><td>right speaker and first five words</td></tr>")
    return ("<p>Claims on 26 development pages modelled on pages from 26 sites (hand-annotated; the extraction "
            "rules were developed while looking at these pages, so expect somewhat lower figures on new sites):"
            "</p><table class=\"plain\"><thead><tr><th>table</th><th>gold rows</th><th>precision</th>"
            f"<th>recall</th><th>matched on</th></tr></thead><tbody>{rows}</tbody></table>")


def method_html(cleaning: pd.DataFrame, claims_eval: pd.DataFrame) -> str:
    text = ("<p>Articles are read from the raw folder (charset detection, HTML main-text extraction), cleaned of web "
            "boilerplate by general rules and a line classifier (see below), "
            "split into sentences, and searched with regular expressions for amounts of money, crime-figure "
            "statements and quoted speech. Funding totals count an amount once: shares of a larger amount in the "
            "same article and the same amount reported by several articles are not added again. Figures are as the "
            "articles state them; the section \"Claims against official figures\" then puts each claim next to the "
            "official statistics (reference files with their sources and confidence labels): the series for the "
            "claim's metric and place, the two periods the claim speaks of (or, when it names none, the last full "
            "year before the article against the year before), and a verdict by fixed rules: a stated figure counts "
            "within 3 points or 10% of it, words such as \"significantly\" or \"surge\" mean at least 10%, other "
            "words of change at least 2%; supported, overstated, understated, contradicted, or not checkable when "
            "a series or a figure is missing. Figures are never estimated. Each verdict is given on the figures "
            "published by the article's date and on the latest revision.</p>"
            "<p>Which lines are the article is decided by a line classifier (logistic regression over shallow "
            "features of each line and its neighbours, with the rules' verdicts, the furniture phrases of "
            "<code>vocabularies/furniture.csv</code>, signs of furniture written as prose (picture credits, "
            "lead-ins to embedded video, closing calls to action, captions printed twice) and a lexicon of word "
            "weights learned from the labelled lines among them), trained on hand-labelled lines: the development pages, the seeds, and pages we "
            "wrote in the layouts of common UK news sites (training data only, not scored here).</p>"
            + _cross_validated_html() + _dev_claims_html() +
            "<p>Accuracy is measured against hand-annotated gold files for the articles that have them "
            "(<code>data/gold/</code>); articles without gold are not scored, so these numbers describe the "
            "annotated sample only.</p>")
    if not cleaning.empty:
        rows = "".join(
            f"<tr><td>{e(str(r.article_id))}</td><td>{_pct(r.boilerplate_removed_share)}</td>"
            f"<td>{_pct(r.content_kept_share)}</td><td>{_int(r.title_right)}</td><td>{_int(r.byline_right)}</td>"
            f"<td>{_int(r.date_right)}</td><td>{_int(r.date_wrong)}</td></tr>" for r in cleaning.itertuples())
        text += ('<h3>Cleaning</h3><table class="plain"><thead><tr><th>article</th><th>boilerplate removed</th>'
                 "<th>content kept</th><th>title right</th><th>byline right</th><th>date right</th>"
                 f"<th>date wrong</th></tr></thead><tbody>{rows}</tbody></table>")
    else:
        text += "<p>No article in this run has a gold annotation: cleaning accuracy is not measured.</p>"
    if not claims_eval.empty:
        rows = "".join(
            f"<tr><td>{e(r.table)}</td><td>{_int(r.gold)}</td><td>{_int(r.predicted)}</td><td>{_pct(r.precision)}</td>"
            f"<td>{_pct(r.recall)}</td><td>{e(_extra(r))}</td></tr>" for r in claims_eval.itertuples())
        text += ('<h3>Claims</h3><table class="plain"><thead><tr><th>table</th><th>gold rows</th><th>found</th>'
                 f"<th>precision</th><th>recall</th><th>also</th></tr></thead><tbody>{rows}</tbody></table>")
    else:
        text += "<p>No article in this run has gold claims: extraction accuracy is not measured.</p>"
    return text


def _extra(r: object) -> str:
    bits = []
    for col, label in (("funder_right", "funder right"), ("programme_right", "programme right"),
                       ("place_right", "place right"), ("whole_quote", "whole quote")):
        v = getattr(r, col, None)
        if v is not None and pd.notna(v):
            bits.append(f"{label} {_pct(v)}")
    return ", ".join(bits)


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=5, check=False)
        dirty = subprocess.run(["git", "-C", str(REPO_ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=5, check=False).stdout.strip()
        return (out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")) if out.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        return ""


def run_info(processed_dir: Path, parameters: dict[str, object]) -> dict[str, object]:
    """What the report was built from and when: the runner's run.json if there is one, else now."""
    info: dict[str, object] = {}
    path = processed_dir / "run.json"
    if path.is_file():
        info.update(json.loads(path.read_text(encoding="utf-8")))
    info.setdefault("started_utc", datetime.now(timezone.utc).isoformat(timespec="seconds"))
    info["notebook_parameters"] = {k: str(v) for k, v in parameters.items() if not k.endswith("_dir")}
    info["git_commit"] = git_commit() or "unknown (not a git checkout)"
    info["python"] = platform.python_version()
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    info["packages"] = versions
    return info


def run_html(info: dict[str, object], articles: pd.DataFrame, raw_dir: str) -> str:
    rows = [("built (UTC)", info.get("started_utc", "")), ("run id", info.get("run_id", "interactive")),
            ("raw folder", raw_dir), ("articles", f"{len(articles)}"),
            ("command-line parameters", json.dumps(info.get("parameters", {}))),
            ("notebook parameters", json.dumps(info.get("notebook_parameters", {}))),
            ("git commit", info.get("git_commit", "")), ("Python", info.get("python", "")),
            ("packages", ", ".join(f"{k} {v}" for k, v in dict(info.get("packages", {})).items()))]
    body = "".join(f"<tr><th>{e(k)}</th><td>{e(str(v))}</td></tr>" for k, v in rows)
    return f'<table class="plain">{body}</table>'


STYLE = """<style>
.report-header h1 { margin-bottom: .2rem; }
p.finding, p.intro, .report-header p { max-width: 52rem; }
p.finding { font-size: 1.08rem; font-weight: 600; }
nav#toc ol { columns: 2; max-width: 40rem; }
.headline { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.headline .card { border: 1px solid #ccc; border-radius: 6px; padding: .8rem 1rem; min-width: 11rem; flex: 1; }
.headline .big { font-size: 1.8rem; font-weight: bold; }
.headline .note { color: #555; font-size: .85rem; }
table.plain { border-collapse: collapse; margin: .5rem 0 1rem; }
table.plain th, table.plain td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
figure { margin: 1rem 0 2rem; }
figcaption { font-style: italic; color: #444; }
div.chart svg { max-width: 100%; height: auto; }
.thumbs { display: flex; flex-wrap: wrap; gap: .5rem; }
.thumbs figure { margin: 0; }
.thumbs figcaption { font-size: .8rem; }
div.report-table { margin: .5rem 0 1.5rem; }
div.report-table .dt-layout-table { overflow-x: auto; }
table.report-data { width: 100% !important; font-size: .88rem; line-height: 1.35; }
table.report-data caption { caption-side: top; text-align: left; font-weight: 600; padding: .3rem 0; }
table.report-data td { vertical-align: top; overflow-wrap: anywhere; }
table.report-data .w-number { width: 3.6rem; }
table.report-data .w-narrow { width: 5rem; }
table.report-data .w-medium { width: 8.5rem; }
table.report-data .w-small { width: 16rem; font-size: .8rem; color: #444; }
table.report-data .w-title { width: 8rem; max-width: 8rem; }
table.report-data td.w-title a { display: block; max-width: 8rem; white-space: nowrap; overflow: hidden;
                                 text-overflow: ellipsis; }
table.report-data q { quotes: none; }
table.report-data .clamp { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 5;
                           line-clamp: 5; overflow: hidden; cursor: pointer; }
table.report-data .w-small .clamp { -webkit-line-clamp: 4; line-clamp: 4; }
table.report-data .clamp.open { display: block; cursor: auto; }
table.report-data mark { background: #ffe08a; padding: 0 .1em; border-radius: 2px; }
button.download-csv { margin-left: .6rem; padding: .15rem .6rem; cursor: pointer; }
</style>"""

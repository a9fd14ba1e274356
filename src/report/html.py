"""Stage 4: the HTML fragments of the report. Every piece of article text goes through
``html.escape`` here (or through itables, which escapes by default): article text is untrusted
and never becomes markup."""
from __future__ import annotations

import base64
import html
import json
import platform
import re
import subprocess
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import pandas as pd

from src.charts.figures import Figure
from src.common.paths import REPO_ROOT

SECTIONS = [("headlines", "Headline figures"), ("funding", "Funding claims"), ("outcomes", "Crime figures"),
            ("checks", "Claims against official figures"),
            ("policies", "Policy claims"), ("quotes", "Who said what"), ("programmes", "Programmes"),
            ("charts", "Charts"), ("articles", "The articles"), ("data-quality", "Data quality: inputs skipped"),
            ("method", "Method and accuracy"), ("run", "About this run")]
PACKAGES = ["pandas", "matplotlib", "seaborn", "nbconvert", "papermill", "itables", "charset-normalizer",
            "trafilatura", "ftfy", "pandera", "jupyterlab"]
e = html.escape


def anchor(article_id: str) -> str:
    """A safe, unique HTML id for an article."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", article_id)[:60]
    return f"article-{slug}"


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


def section(sid: str, intro: str = "") -> str:
    name = dict(SECTIONS)[sid]
    return f'<h2 id="{sid}">{e(name)}</h2>' + (f"<p>{e(intro)}</p>" if intro else "")


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


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return e(str(value))


def linked_table(df: pd.DataFrame, articles: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The columns to show, escaped, with the article as a link to its card and the sentence quoted."""
    titles = dict(zip(articles["article_id"].tolist(), [display_title(r) for r in articles.itertuples()]))
    out = pd.DataFrame()
    links = ({a: f'<a href="#{anchor(a)}">{e(titles.get(a, a))}</a>' for a in set(df["article_id"].tolist())}
             if "article_id" in columns else {})
    for col, label in columns.items():
        values = df[col].tolist()  # plain lists: iterating pandas string arrays is slow at scale
        if col == "article_id":
            out[label] = [links[a] for a in values]
        elif col in ("sentence", "quote"):
            out[label] = [f"<q>{_cell(v)}</q>" for v in values]
        elif col == "amount_gbp":
            out[label] = [f"{v / 1e6:,.3f}".rstrip("0").rstrip(".") if pd.notna(v) else "" for v in values]
        elif col == "change":
            out[label] = [f"{v * 100:+.0f}%" if pd.notna(v) else "" for v in values]
        else:
            out[label] = [_cell(v) for v in values]
    return out


def interactive_table(df: pd.DataFrame, caption: str) -> str:
    """A sortable, filterable table (itables, offline): cells were escaped by ``linked_table``."""
    from itables import to_html_datatable

    if df.empty:
        return f"<p><em>{e(caption)}: none found.</em></p>"
    paging = len(df) > 25
    layout = {"topStart": "pageLength" if paging else None, "topEnd": "search", "bottomStart": "info",
              "bottomEnd": "paging" if paging else None}  # a search box on every table, however small
    return to_html_datatable(df, caption=caption, connected=False, allow_html=True, paging=paging,
                             lengthMenu=[10, 25, 100], maxBytes=0, classes="display compact", layout=layout)


def checks_table(checks: pd.DataFrame, claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: its own place's check, with any wider-area check as context."""
    if checks.empty:
        return pd.DataFrame()
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
    figures, latest, details = [], [], []
    for i in range(n):
        base, end = col["base_period"][i], col["end_period"][i]
        span = (f"{base}: {_num(col['base_value'][i])} → {end}: {_num(col['end_value'][i])}" if base else
                f"{end}: {_num(col['end_value'][i])}" if end else "")
        figures.append(f"{col['series'][i]} ({col['area'][i]}): {span}" if col["series"][i] else "")
        latest.append(f"{official_now[i]} {col['verdict_now'][i]}".strip() if col["verdict_now"][i] else "")
        details.append("; ".join(x for x in (
            f"figures used: {col['vintage'][i]}" if col["vintage"][i] else "",
            f"confidence: {col['confidence'][i]}" if col["confidence"][i] else "",
            f"span: {col['span_basis'][i]}" if col["span_basis"][i] else "", col["caveats"][i],
            "; ".join(notes.get(col["claim_id"][i], [])),
            f"sources: {col['sources'][i]}" if col["sources"][i] else "") if x))
    table = primary.assign(official=official, latest=latest, official_figures=figures, details=details)
    cols = {"article_id": "article", "subject": "claim about", "place": "place", "claimed_change": "claimed",
            "verdict": "verdict", "official": "official change", "latest": "on latest figures",
            "official_figures": "official figures", "details": "how checked", "claim_id": "claim"}
    return linked_table(table, articles, cols)


def _signed_column(values: pd.Series) -> list[str]:
    numbers = pd.to_numeric(values, errors="coerce").tolist()
    return ["" if pd.isna(v) else f"{v:+.0%}" for v in numbers]


def _num(value: object) -> str:
    number = pd.to_numeric(str(value).lstrip(">"), errors="coerce")
    return (">" if str(value).startswith(">") else "") + (f"{float(number):,.0f}" if pd.notna(number) else "")


def figures_html(figures: list[Figure], figure_dir: Path, small: bool = False) -> str:
    parts = []
    for f in figures:
        if f.png:
            data = base64.b64encode((figure_dir / f.png).read_bytes()).decode()
            picture = f'<img src="data:image/png;base64,{data}" alt="{e(f.alt)}" style="max-width:100%">'
        else:  # an SVG the project wrote itself (src/checks/sparklines.py): inline, with its description
            picture = (f'<div role="img" aria-label="{e(f.alt)}">'
                       f'{(figure_dir / f.svg).read_text(encoding="utf-8")}</div>')
        parts.append(f'<figure id="fig-{e(f.name)}">{picture}<figcaption>{e(f.title)}</figcaption></figure>')
    return f'<div class="thumbs">{"".join(parts)}</div>' if small else "".join(parts)


def article_cards(articles: pd.DataFrame, claims: pd.DataFrame, full_text_max_articles: int = 500) -> str:
    """A card per article. Above ``full_text_max_articles`` articles a card holds the first paragraph
    only, so a report on a whole archive stays small enough to open and to send (the full text is
    in articles.csv)."""
    counts = claims.groupby("article_id").size().to_dict()
    full = len(articles) <= full_text_max_articles
    cards = [] if full else [f"<p><em>{len(articles):,} articles: each card shows the first paragraph; the full "
                             "cleaned text of every article is in articles.csv.</em></p>"]
    for r in articles.itertuples():
        date = f"{r.published} ({r.published_basis})" if r.published else "date not stated"
        meta = " · ".join(x for x in [date, f"by {r.byline}" if r.byline else "", r.publisher or "",
                                      f"file {r.source_file}", f"{r.word_count} words",
                                      f"{counts.get(r.article_id, 0)} claims"] if x)
        paras = "".join(f"<p>{e(p)}</p>" for p in (str(r.body).split("\n") if full else str(r.body).split("\n")[:1]))
        cards.append(f'<article class="article-card" id="{anchor(r.article_id)}"><h3>{e(display_title(r))}</h3>'
                     f'<p class="meta">{e(meta)}</p><details><summary>{"Cleaned text" if full else "First paragraph"}'
                     f"</summary>{paras}</details></article>")
    return "".join(cards)


def skipped_html(skipped: pd.DataFrame) -> str:
    if skipped.empty:
        return "<p>Every file in the raw folder became an article; nothing was skipped.</p>"
    rows = "".join(f"<tr><td>{e(r.source_file)}</td><td>{e(r.reason)}</td></tr>" for r in skipped.itertuples())
    return f'<table class="plain"><thead><tr><th>file</th><th>why it was skipped</th></tr></thead><tbody>{rows}</tbody></table>'


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
    cv = json.loads(MODEL_PATH.read_text(encoding="utf-8")).get("cross_validation", {})
    rows = ""
    for corpus, name in (("dev", "26 development pages modelled on 26 sites"), ("seeds", "the five seed articles")):
        if f"{corpus}_boilerplate_removed" not in cv:
            continue
        rows += (f"<tr><td>{e(name)}</td><td>{_pct(cv[f'{corpus}_boilerplate_removed'])}</td>"
                 f"<td>{_pct(cv[f'{corpus}_content_kept'])}</td><td>{_pct(cv[f'{corpus}_title_right'])}</td>"
                 f"<td>{_pct(cv[f'{corpus}_date_found'])}</td><td>{_int(cv[f'{corpus}_date_wrong'])}</td></tr>")
    return ("<p>Cross-validated by page (each page scored by a model that never saw it; "
            f"{e(str(cv.get('method', '')))}):</p><table class=\"plain\"><thead><tr><th>corpus</th>"
            "<th>boilerplate removed</th><th>content kept</th><th>title right</th><th>printed date found</th>"
            f"<th>dates wrong</th></tr></thead><tbody>{rows}</tbody></table>")


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
            f"<td>{_pct(s['outcome_recall'])}</td><td>same metric and direction</td></tr>"
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
            "features of each line and its neighbours, with the rules' verdicts and the furniture phrases of "
            "<code>vocabularies/furniture.csv</code> among them), trained on hand-labelled lines.</p>"
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
nav#toc ol { columns: 2; }
.headline { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.headline .card { border: 1px solid #ccc; border-radius: 6px; padding: .8rem 1rem; min-width: 11rem; flex: 1; }
.headline .big { font-size: 1.8rem; font-weight: bold; }
.headline .note, .article-card .meta { color: #555; font-size: .85rem; }
.article-card { border-top: 1px solid #ddd; padding: .5rem 0; }
table.plain { border-collapse: collapse; margin: .5rem 0 1rem; }
table.plain th, table.plain td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
figure { margin: 1rem 0 2rem; }
figcaption { font-style: italic; color: #444; }
table.dataTable td { white-space: normal !important; max-width: 40rem; }
.thumbs { display: flex; flex-wrap: wrap; gap: .5rem; }
.thumbs figure { margin: 0; width: 20rem; }
.thumbs figcaption { font-size: .8rem; }
</style>"""

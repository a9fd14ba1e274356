"""The report's tables: every table's rows stored once, compressed, and drawn in the browser.

The rows of all tables go into one JSON payload. Strings (sentences, article titles, names) are
kept once in a shared list and cells point at them, because the same sentence is often a funding
claim, a policy claim and a checked claim at once. The payload is gzip-compressed and base64-coded
into the page; ``tables.js`` (next to this module's templates) unpacks it with the browser's own
DecompressionStream and draws each table with DataTables, the library itables bundles for offline
use. Drawing in the browser keeps the report small enough to email at 10,000 articles, and every
piece of article text reaches the page through an escaping renderer, never as markup.

Column kinds:
    text      a string, shown escaped
    num       a number; ``fmt`` says how it is shown ("m": £ millions, "pct": signed per cent, "int")
    sentence  a string with the claim's amount or figure highlighted
    article   the article's id, shown as its title and linked to its row in the articles table
    hidden    a string the reader does not need to see: searchable and in the CSV; the first hidden
              column (the claim id) is the row's tooltip
"""
from __future__ import annotations

import base64
import gzip
import html
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

TEMPLATES = Path(__file__).resolve().parent / "templates"
KINDS = {"text", "num", "sentence", "article", "hidden"}
FORMATS = {"", "m", "pct", "int"}
COMPRESSION = 4  # gzip level: at 10,000 articles level 6 costs twice the time for 4% less


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"
    fmt: str = ""
    width: str = ""  # a CSS class that sets the column's share of the page: narrow, medium, wide, title

    def __post_init__(self) -> None:
        if self.kind not in KINDS or self.fmt not in FORMATS:
            raise ValueError(f"column {self.key!r}: unknown kind {self.kind!r} or format {self.fmt!r}")


@dataclass
class Payload:
    """Every table of one report, with the strings they share."""

    strings: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    tables: dict[str, dict] = field(default_factory=dict)
    titles: list[list[int]] = field(default_factory=list)  # [article id, title] pairs for ``article`` columns

    def ref(self, value: object) -> int:
        text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.strings)
            self.strings.append(text)
        return found

    def refs(self, values: pd.Series) -> list[int]:
        """``ref`` of a whole column (the report's hot loop at 10,000 articles)."""
        get, out = self.index.get, []
        for text in values.fillna("").astype(str).tolist():
            found = get(text)
            out.append(self.ref(text) if found is None else found)
        return out


def utf16_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Python string offsets as the browser counts them (UTF-16 code units)."""
    before = len(text[:start].encode("utf-16-le")) // 2
    return before, before + len(text[start:end].encode("utf-16-le")) // 2


def find_mark(sentence: str, candidates: Iterable[object]) -> tuple[int, int] | None:
    """The span of the first candidate (e.g. the amount as written) found in the sentence."""
    lowered = sentence.lower()
    for candidate in candidates:
        text = "" if candidate is None or (isinstance(candidate, float) and math.isnan(candidate)) else str(candidate)
        text = text.strip()
        if not text:
            continue
        at = lowered.find(text.lower())
        if at >= 0:
            return utf16_span(sentence, at, at + len(text))
    return None


def numbers(values: pd.Series) -> list[float | None]:
    """A column as numbers, None where a cell is empty or not a number."""
    if not pd.api.types.is_numeric_dtype(values):
        values = values.fillna("").astype(str).str.lstrip(">")  # ">1,000": a lower bound, shown with its sign
    parsed = pd.to_numeric(values, errors="coerce")
    return [None if math.isnan(v) else float(v) for v in parsed.astype(float).tolist()]


def add_table(payload: Payload, name: str, df: pd.DataFrame, columns: Sequence[Column], caption: str,
              marks: Sequence[tuple[int, int] | None] | None = None) -> str:
    """Store ``df``'s ``columns`` in the payload under ``name``; returns the table's place in the page."""
    if name in payload.tables:
        raise ValueError(f"table {name!r} is already in the report")
    cells: list[list[object]] = []  # column by column: plain lists, as iterating pandas strings is slow
    for c in columns:
        if c.kind == "num":
            cells.append(numbers(df[c.key]))
        elif c.kind == "sentence" and marks is not None:
            cells.append([r if m is None else [r, *m] for r, m in zip(payload.refs(df[c.key]), marks)])
        else:
            cells.append(payload.refs(df[c.key]))
    rows = [list(row) for row in zip(*cells)] if cells else []
    payload.tables[name] = {"caption": caption, "columns": [
        {"key": c.key, "label": c.label, "kind": c.kind, "fmt": c.fmt, "width": c.width} for c in columns],
        "rows": rows}
    return placeholder(name, caption, len(rows))


def placeholder(name: str, caption: str, n_rows: int) -> str:
    """Where a table is drawn; says what it holds for readers without JavaScript."""
    return (f'<div class="report-table" data-table="{html.escape(name)}">'
            f'<noscript><p><em>{html.escape(caption)}: {n_rows:,} rows. The tables need JavaScript; every table '
            "is also in the processed folder as CSV.</em></p></noscript></div>")


def add_articles(payload: Payload, articles: pd.DataFrame) -> None:
    """The article titles that ``article`` columns show, keyed by article id."""
    payload.titles = [[payload.ref(a), payload.ref(t)]
                      for a, t in zip(articles["article_id"].tolist(), articles["title"].tolist())]


def encode(payload: Payload) -> str:
    """The payload as gzip in base64, the way ``tables.js`` reads it."""
    raw = json.dumps({"s": payload.strings, "tables": payload.tables, "titles": payload.titles}, ensure_ascii=False,
                     separators=(",", ":"), allow_nan=False).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=COMPRESSION, mtime=0)).decode("ascii")


def decode(text: str) -> dict:
    """The payload back from ``encode`` (for tests and for anyone reading a report with Python)."""
    return json.loads(gzip.decompress(base64.b64decode(text)).decode("utf-8"))


def payload_from_html(report_html: str) -> dict:
    start = report_html.index('id="report-data"')
    start = report_html.index(">", start) + 1
    return decode(report_html[start:report_html.index("</script>", start)].strip())


@lru_cache(maxsize=1)
def _library() -> tuple[str, str]:
    from itables import options

    bundle = Path(options.dt_bundle)
    return bundle.read_text(encoding="utf-8"), bundle.with_suffix(".css").read_text(encoding="utf-8")


def scripts(payload: Payload) -> str:
    """The DataTables library (inline, offline), the compressed rows and the code that draws them."""
    js, css = _library()
    library = base64.b64encode(js.encode("utf-8")).decode("ascii")
    own = (TEMPLATES / "tables.js").read_text(encoding="utf-8")
    return (f"<style>{css}</style>"
            f'<script type="text/plain" id="datatables-library">{library}</script>'
            f'<script type="text/plain" id="report-data">{encode(payload)}</script>'
            f"<script>{own}</script>")

"""Word, RTF and PDF files in the raw folder, and the news-database exports that hold many articles.

Nexis and Factiva exports put articles one after another, each with a header (headline, source,
date, byline, length) and an end marker ("End of Document" in Nexis, "Document <id>" in Factiva).
Such a file becomes one article per item, ``<file stem>-<n>``; any other document is one article.
The markers and header labels are data (``vocabularies/export_markers.csv``) so an analyst can add
another database's layout without touching code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from src.common.vocab import vocabulary

DOCUMENT_SUFFIXES = {".docx": "Word document", ".pdf": "PDF document", ".rtf": "RTF document"}


class DocumentError(Exception):
    """A document that cannot be read, with the reason to show in the skipped list."""


@dataclass
class ExportItem:
    headline: str
    source: str
    date: str
    byline: str
    body: str


def document_text(path: Path) -> str:
    """The text of a .docx, .rtf or .pdf file, paragraphs on their own lines."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            import docx

            return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        if suffix == ".rtf":
            from striprtf.striprtf import rtf_to_text

            return rtf_to_text(path.read_text(encoding="latin-1"), errors="ignore")
        if suffix == ".pdf":
            from pypdf import PdfReader

            text = "\n".join((page.extract_text() or "") for page in PdfReader(str(path)).pages)
            if not text.strip():
                raise DocumentError("PDF without a text layer (a scan?): no text to read")
            return text
    except DocumentError:
        raise
    except Exception as exc:  # a damaged file: say why, never stop the run
        raise DocumentError(f"unreadable {DOCUMENT_SUFFIXES[suffix]} ({type(exc).__name__}: {exc})") from exc
    raise DocumentError(f"not a document type this project reads ({suffix})")


@lru_cache(maxsize=1)
def _markers() -> dict[str, list[re.Pattern[str]]]:
    """kind -> patterns: 'end' (an item's last line), 'body' (where the text starts), and header labels."""
    out: dict[str, list[re.Pattern[str]]] = {}
    for row in vocabulary("export_markers"):
        out.setdefault(row["kind"], []).append(re.compile(row["pattern"], re.I))
    return out


def _match(kind: str, line: str) -> re.Match[str] | None:
    return next((m for p in _markers().get(kind, []) if (m := p.fullmatch(line.strip()))), None)


def split_export(text: str) -> list[ExportItem]:
    """The articles of a news-database export, or [] when the text is not one (fewer than one end marker)."""
    lines = text.splitlines()
    items, current = [], []
    for line in lines:
        if _match("end", line):
            if any(x.strip() for x in current):
                items.append(current)
            current = []
        else:
            current.append(line)
    if not items:
        return []
    if any(x.strip() for x in current) and len([x for x in current if x.strip()]) > 3:
        items.append(current)  # a last item without its end marker
    return [item for item in (_parse_item(lines) for lines in items) if item is not None]


def _parse_item(lines: list[str]) -> ExportItem | None:
    rows = [x.strip() for x in lines]
    rows = [x for x in rows if x]
    if not rows:
        return None
    body_at = next((i for i, x in enumerate(rows) if _match("body", x)), None)
    header, body = (rows[:body_at], rows[body_at + 1:]) if body_at is not None else _guess_header(rows)
    found: dict[str, str] = {}
    rest = []
    for line in header:
        for kind in ("byline", "date", "length", "source", "skip"):
            m = _match(kind, line)
            if m:
                if kind not in found and kind not in ("skip", "length"):
                    found[kind] = (m.groupdict().get("value") or line).strip()
                break
        else:
            rest.append(line)
    while body and any(_match(kind, body[-1]) for kind in ("skip", "length")):
        body = body[:-1]  # trailing fields such as "Load-Date:" are not article text
    headline = rest[0] if rest else ""
    source = found.get("source") or (rest[1] if len(rest) > 1 else "")
    return ExportItem(headline, source, found.get("date", ""), found.get("byline", ""), "\n".join(body))


def _guess_header(rows: list[str]) -> tuple[list[str], list[str]]:
    """No 'Body' line (Factiva): the header runs to the last header-like line among the first ten."""
    last = -1
    for i, line in enumerate(rows[:10]):
        if any(_match(kind, line) for kind in ("byline", "date", "length", "source", "skip")):
            last = i
    return rows[:last + 1], rows[last + 1:]


def export_article_text(item: ExportItem) -> str:
    """The item as the cleaner expects an article: headline, byline, date, then the text."""
    head = [item.headline, f"By {item.byline}" if item.byline and not item.byline.lower().startswith("by ")
            else item.byline, item.date]
    return "\n".join([x for x in head if x] + [""] + [item.body])

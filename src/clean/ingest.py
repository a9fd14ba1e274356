"""Reading the raw folder: every file becomes an article text or a skipped row with a plain reason.

Nothing here modifies ``data/raw``. Decoding uses charset-normalizer (never replacement
characters); HTML pages go through trafilatura for main text and metadata; Word, RTF and PDF
files, and the news-database exports among them, through src/clean/documents.py.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from src.clean.documents import DOCUMENT_SUFFIXES, DocumentError, document_text, export_article_text, split_export
from src.common.textnorm import normalise_text

TEXT_SUFFIXES = {"", ".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# what the collecting step (src/collect) keeps beside the pages it saves: records, not articles
BOOKKEEPING = {"collected/index.csv", "collected/sources.csv"}
UNSUPPORTED_SUFFIXES = {
    ".doc": "old Word document (save it as .docx)",
    ".odt": "OpenDocument text", ".xls": "spreadsheet", ".xlsx": "spreadsheet",
    ".csv": "table, not an article", ".zip": "archive", ".gz": "archive", ".png": "image", ".jpg": "image",
    ".jpeg": "image", ".gif": "image", ".mp3": "audio", ".mp4": "video", ".json": "data file",
}
WESTERN = ("utf_8", "cp1252", "latin_1", "iso8859_15")
_MAGIC = [(b"%PDF", "PDF document"), (b"PK\x03\x04", "zip container (e.g. .docx)"),
          (b"\x89PNG", "image"), (b"\xff\xd8\xff", "image"), (b"GIF8", "image"),
          (b"\xd0\xcf\x11\xe0", "old Office document")]


@dataclass
class RawArticle:
    article_id: str
    source_file: str
    text: str
    encoding: str
    html_meta: dict[str, str] = field(default_factory=dict)


@dataclass
class Skipped:
    source_file: str
    reason: str


def _decode(data: bytes) -> tuple[str, str] | None:
    """Bytes to text with the encoding used, or None when no encoding fits."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    # The corpus is UK news: where a Western encoding reads the bytes as cleanly as the best guess
    # (short texts often tie, e.g. cp1250 reads £ as Ł), take the Western one.
    western = [m for m in matches if m.encoding in WESTERN and m.chaos <= best.chaos + 0.01]
    chosen = western[0] if western else best
    text = str(chosen)
    return (text, chosen.encoding) if "\ufffd" not in text else None


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # no Python call per byte
    return control > len(sample) * 0.05


def _looks_html(text: str, suffix: str) -> bool:
    head = text[:2048].lstrip().lower()
    return suffix in HTML_SUFFIXES or head.startswith(("<!doctype html", "<html")) or (
        "<body" in head and "</" in head)


def _from_html(html: str) -> tuple[str, dict[str, str]]:
    """Main text and metadata of an HTML page (trafilatura; offline, no fetching)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_recall=True)
    if doc is None:
        return "", {}
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    meta = {k: str(get(k) or "") for k in ("title", "author", "date", "sitename")}
    return str(get("text") or ""), meta


def article_id_for(rel_path: Path) -> str:
    """The raw file's name without its extension; files in subfolders keep their folder (a/b)."""
    return rel_path.with_suffix("").as_posix() if rel_path.suffix else rel_path.as_posix()


def list_raw_files(raw_dir: Path) -> list[Path]:
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw directory not found: {raw_dir}")
    return sorted(p for p in raw_dir.rglob("*") if p.is_file() or p.is_symlink())


def _not_readable(path: Path, rel: Path, max_file_mb: float) -> Skipped | None:
    """Why a file is not read at all, whatever its type: hidden, a broken link, empty or too large."""
    name = rel.as_posix()
    if any(part.startswith(".") for part in rel.parts):
        return Skipped(name, "hidden file")
    if not path.is_file():
        return Skipped(name, "broken link")
    size = path.stat().st_size
    if size == 0:
        return Skipped(name, "empty file")
    if size > int(max_file_mb * 1024 * 1024):
        return Skipped(name, f"too large: {size / 1048576:.1f} MB, over the {max_file_mb:g} MB limit")
    return None


def read_file(path: Path, raw_dir: Path, max_file_mb: float = 10.0) -> list[RawArticle | Skipped]:
    """One file as its articles (a news-database export holds many), or a skipped row with the reason."""
    rel = path.relative_to(raw_dir)
    if rel.as_posix() in BOOKKEEPING:
        return []
    if path.suffix.lower() not in DOCUMENT_SUFFIXES:
        return [read_one(path, raw_dir, max_file_mb)]
    problem = _not_readable(path, rel, max_file_mb)
    return [problem] if problem else read_document(path, rel)


def read_document(path: Path, rel: Path) -> list[RawArticle | Skipped]:
    """A .docx, .rtf or .pdf file: one article per item of a news-database export, else one article."""
    name, kind = rel.as_posix(), path.suffix.lower()[1:]
    try:
        text = normalise_text(document_text(path))
    except DocumentError as exc:
        return [Skipped(name, str(exc))]
    items = split_export(text)
    if not items:
        return [RawArticle(article_id_for(rel), name, text, kind)] if text.strip() else [
            Skipped(name, f"no text in this {DOCUMENT_SUFFIXES[path.suffix.lower()]}")]
    stem = article_id_for(rel)
    return [RawArticle(f"{stem}-{n}", name, export_article_text(item), f"{kind}+export",
                       {"title": item.headline, "author": item.byline, "date": item.date, "sitename": item.source})
            for n, item in enumerate(items, start=1)]


def read_one(path: Path, raw_dir: Path, max_file_mb: float = 10.0) -> RawArticle | Skipped:
    """One file as an article, or a skipped row with the reason (duplicates are found later)."""
    rel = path.relative_to(raw_dir)
    name = rel.as_posix()
    problem = _not_readable(path, rel, max_file_mb)
    if problem:
        return problem
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        return Skipped(name, f"unsupported type: {UNSUPPORTED_SUFFIXES[suffix]} ({suffix})")
    data = path.read_bytes()
    magic = next((what for sig, what in _MAGIC if data.startswith(sig)), None)
    if magic:
        return Skipped(name, f"unsupported type: {magic}")
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and _looks_binary(data):
        return Skipped(name, "binary file, not text")
    decoded = _decode(data)
    if decoded is None:
        return Skipped(name, "text encoding could not be determined")
    text, encoding = decoded
    meta: dict[str, str] = {}
    if _looks_html(text, suffix):
        text, meta = _from_html(text)
        encoding += "+html"
    text = normalise_text(text)
    if not text.strip():
        return Skipped(name, "no text (empty or whitespace only)")
    return RawArticle(article_id_for(rel), name, text, encoding, meta)


def text_digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def drop_duplicates(items: list[RawArticle | Skipped]) -> list[RawArticle | Skipped]:
    """The same text under two names: the first (in path order) is kept, the other skipped."""
    seen: dict[str, str] = {}
    out: list[RawArticle | Skipped] = []
    for item in items:
        if isinstance(item, RawArticle):
            digest = text_digest(item.text)
            if digest in seen:
                item = Skipped(item.source_file, f"duplicate of {seen[digest]} (same text); kept that one")
            else:
                seen[digest] = item.source_file
        out.append(item)
    return out


def read_raw_dir(raw_dir: Path, max_file_mb: float = 10.0) -> tuple[list[RawArticle], list[Skipped]]:
    """Every file under ``raw_dir`` (recursively, sorted) as an article or a skipped row."""
    items = drop_duplicates([item for p in list_raw_files(raw_dir) for item in read_file(p, raw_dir, max_file_mb)])
    return ([i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, Skipped)])


def file_digest(path: Path) -> str:
    """SHA-256 of a file, read in blocks (used for incremental runs)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def tree_digest(root: Path) -> str:
    """One digest for every file under ``root``: names and contents."""
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + file_digest(p).encode())
    return h.hexdigest()


__all__ = ["RawArticle", "Skipped", "read_raw_dir", "read_file", "article_id_for", "file_digest", "tree_digest"]

"""Stage 1: raw folder -> articles.csv, sentences.csv, skipped.csv, cleaning_lines.csv."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from src.clean import clean_text
from src.ingest import read_raw_dir
from src.sentences import split_body


class NoArticlesError(RuntimeError):
    """The raw folder yielded no article at all: nothing to report."""


@dataclass
class Corpus:
    articles: pd.DataFrame
    sentences: pd.DataFrame
    skipped: pd.DataFrame
    lines: pd.DataFrame


def clean_corpus(raw_dir: Path, max_file_mb: float = 10.0) -> Corpus:
    raw, skipped = read_raw_dir(raw_dir, max_file_mb=max_file_mb)
    art_rows, sent_rows, line_rows = [], [], []
    skip_rows = [{"source_file": s.source_file, "reason": s.reason} for s in skipped]
    for item in raw:
        cleaned = clean_text(item.text, item.html_meta)
        if not cleaned.body.strip():
            skip_rows.append({"source_file": item.source_file, "reason": "no article text left after cleaning"})
            continue
        art_rows.append({
            "article_id": item.article_id, "source_file": item.source_file, "title": cleaned.title,
            "byline": cleaned.byline, "published": cleaned.published, "published_basis": cleaned.published_basis,
            "publisher": cleaned.publisher, "body": cleaned.body, "word_count": len(cleaned.body.split()),
            "content_hash": cleaned.content_hash, "encoding": item.encoding,
        })
        for no, text in enumerate(split_body(cleaned.body), start=1):
            sent_rows.append({"article_id": item.article_id, "sentence_no": no, "text": text})
        for no, line in enumerate(cleaned.lines, start=1):
            line_rows.append({"article_id": item.article_id, "line_no": no, "label": line.label,
                              "reason": line.reason, "text": line.text})
    cols = {"articles": ["article_id", "source_file", "title", "byline", "published", "published_basis",
                         "publisher", "body", "word_count", "content_hash", "encoding"],
            "sentences": ["article_id", "sentence_no", "text"], "skipped": ["source_file", "reason"],
            "lines": ["article_id", "line_no", "label", "reason", "text"]}
    return Corpus(pd.DataFrame(art_rows, columns=cols["articles"]),
                  pd.DataFrame(sent_rows, columns=cols["sentences"]),
                  pd.DataFrame(skip_rows, columns=cols["skipped"]),
                  pd.DataFrame(line_rows, columns=cols["lines"]))


def require_articles(corpus: Corpus, raw_dir: Path) -> None:
    if corpus.articles.empty:
        reasons = "; ".join(f"{r.source_file}: {r.reason}" for r in corpus.skipped.itertuples()) or "folder is empty"
        raise NoArticlesError(f"no article could be read from {raw_dir} ({reasons})")


def save_corpus(corpus: Corpus, processed_dir: Path) -> list[Path]:
    """Write the stage-1 tables (validated against their schemas)."""
    from src.schema import write_table

    return [write_table(corpus.articles, processed_dir, "articles.csv"),
            write_table(corpus.sentences, processed_dir, "sentences.csv"),
            write_table(corpus.skipped, processed_dir, "skipped.csv"),
            write_table(corpus.lines, processed_dir, "cleaning_lines.csv")]


def load_corpus(processed_dir: Path) -> Corpus:
    from src.schema import read_table

    return Corpus(read_table(processed_dir, "articles.csv"), read_table(processed_dir, "sentences.csv"),
                  read_table(processed_dir, "skipped.csv"), read_table(processed_dir, "cleaning_lines.csv"))

"""Stage 1: raw folder -> articles.csv, sentences.csv, skipped.csv, cleaning_lines.csv."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from src.clean.lines import CONTENT, clean_text
from src.clean.ingest import RawArticle, Skipped, drop_duplicates, list_raw_files, read_file
from src.runner.parallel import map_ordered
from src.clean.sentences import split_body


class NoArticlesError(RuntimeError):
    """The raw folder yielded no article at all: nothing to report."""


@dataclass
class Corpus:
    articles: pd.DataFrame
    sentences: pd.DataFrame
    skipped: pd.DataFrame
    lines: pd.DataFrame


ARTICLE_COLUMNS = ["article_id", "source_file", "title", "byline", "published", "published_basis", "publisher",
                   "body", "word_count", "content_hash", "encoding"]


def _clean_one(item: RawArticle) -> tuple[dict, list[dict], list[dict]]:
    cleaned = clean_text(item.text, item.html_meta)
    article = {"article_id": item.article_id, "source_file": item.source_file, "title": cleaned.title,
               "byline": cleaned.byline, "published": cleaned.published, "published_basis": cleaned.published_basis,
               "publisher": cleaned.publisher, "body": cleaned.body, "word_count": len(cleaned.body.split()),
               "content_hash": cleaned.content_hash, "encoding": item.encoding}
    sentences = [{"article_id": item.article_id, "sentence_no": no, "text": text}
                 for no, text in enumerate(split_body(cleaned.body), start=1)]
    # the lines not kept as article text, with the rule that took them out (kept lines are the body)
    lines = [{"article_id": item.article_id, "line_no": no, "label": line.label, "reason": line.reason,
              "text": line.text} for no, line in enumerate(cleaned.lines, start=1) if line.label != CONTENT]
    return article, sentences, lines


def _read_and_clean(job: tuple[Path, Path, float]) -> list[tuple[RawArticle | Skipped, tuple | None]]:
    return [(item, _clean_one(item) if isinstance(item, RawArticle) else None) for item in read_file(*job)]


def clean_corpus(raw_dir: Path, max_file_mb: float = 10.0, workers: int = 0) -> Corpus:
    """Read and clean every raw file (on all cores when there are many); same result on one core."""
    jobs = [(path, raw_dir, max_file_mb) for path in list_raw_files(raw_dir)]
    results = [pair for pairs in map_ordered(_read_and_clean, jobs, workers) for pair in pairs]
    kept = drop_duplicates([item for item, _ in results])
    art_rows, sent_rows, line_rows, skip_rows = [], [], [], []
    for item, (_, cleaned) in zip(kept, results):
        if isinstance(item, Skipped):
            skip_rows.append({"source_file": item.source_file, "reason": item.reason})
            continue
        article, sentences, lines = cleaned
        if not article["body"].strip():
            skip_rows.append({"source_file": item.source_file, "reason": "no article text left after cleaning"})
            continue
        art_rows.append(article)
        sent_rows.extend(sentences)
        line_rows.extend(lines)
    return Corpus(pd.DataFrame(art_rows, columns=ARTICLE_COLUMNS),
                  pd.DataFrame(sent_rows, columns=["article_id", "sentence_no", "text"]),
                  pd.DataFrame(skip_rows, columns=["source_file", "reason"]),
                  pd.DataFrame(line_rows, columns=["article_id", "line_no", "label", "reason", "text"]))


def require_articles(corpus: Corpus, raw_dir: Path) -> None:
    if corpus.articles.empty:
        reasons = "; ".join(f"{r.source_file}: {r.reason}" for r in corpus.skipped.itertuples()) or "folder is empty"
        raise NoArticlesError(f"no article could be read from {raw_dir} ({reasons})")


def save_corpus(corpus: Corpus, processed_dir: Path) -> list[Path]:
    """Write the stage-1 tables (validated against their schemas)."""
    from src.common.schema import write_table

    return [write_table(corpus.articles, processed_dir, "articles.csv"),
            write_table(corpus.sentences, processed_dir, "sentences.csv"),
            write_table(corpus.skipped, processed_dir, "skipped.csv"),
            write_table(corpus.lines, processed_dir, "cleaning_lines.csv")]


def load_corpus(processed_dir: Path, text_tables: bool = True) -> Corpus:
    """The stage-1 tables; without ``text_tables`` the two largest (sentences, line labels) are left
    empty, for the steps that need only the articles and the skipped files."""
    from src.common.schema import read_table

    def table(name: str, columns: list[str]) -> pd.DataFrame:
        return read_table(processed_dir, name) if text_tables else pd.DataFrame(columns=columns)

    return Corpus(read_table(processed_dir, "articles.csv"),
                  table("sentences.csv", ["article_id", "sentence_no", "text"]),
                  read_table(processed_dir, "skipped.csv"),
                  table("cleaning_lines.csv", ["article_id", "line_no", "label", "reason", "text"]))

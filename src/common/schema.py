"""The tables of DESIGN.md as pandera schemas: required columns, their types and allowed values.

Every notebook validates what it writes, so a table that breaks the contract fails the run
(and leaves the previous outputs in place) instead of reaching the report.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import pandera.pandas as pa


@lru_cache(maxsize=1)
def schemas() -> dict[str, "pa.DataFrameSchema"]:
    """The schema of each table, by file name. Built on first use: pandera is imported only by the
    steps that write a table, not by those that only read one (the report)."""
    import pandera.pandas as pa

    text = {"dtype": str, "nullable": True, "coerce": True}

    def _cols(names: list[str], **special: pa.Column) -> dict[str, pa.Column]:
        return {n: special.get(n, pa.Column(**text)) for n in names}

    ARTICLES = pa.DataFrameSchema(_cols(
        ["article_id", "source_file", "title", "byline", "published", "published_basis", "publisher", "body",
         "word_count", "content_hash", "encoding"],
        article_id=pa.Column(str, unique=True, nullable=False),
        published=pa.Column(str, pa.Check.str_matches(r"^(\d{4}-\d{2}-\d{2})?$"), nullable=True, coerce=True),
        published_basis=pa.Column(str, pa.Check.isin(["stated", "inferred", ""]), nullable=True, coerce=True),
        word_count=pa.Column(int, pa.Check.ge(0), coerce=True),
    ), strict=False)
    SENTENCES = pa.DataFrameSchema(_cols(["article_id", "sentence_no", "text"],
                                         sentence_no=pa.Column(int, pa.Check.ge(1), coerce=True)))
    SKIPPED = pa.DataFrameSchema(_cols(["source_file", "reason"]))
    FUNDING = pa.DataFrameSchema(_cols(
        ["claim_id", "article_id", "amount_gbp", "amount_text", "funder", "programme", "place", "period", "status",
         "part_of", "sentence"],
        claim_id=pa.Column(str, unique=True, nullable=False),
        amount_gbp=pa.Column(float, pa.Check.gt(0), nullable=False, coerce=True)))
    OUTCOMES = pa.DataFrameSchema(_cols(
        ["claim_id", "article_id", "metric", "category", "place", "direction", "magnitude", "change", "value",
         "base_value", "unit", "period", "sentence"],
        claim_id=pa.Column(str, unique=True, nullable=False),
        direction=pa.Column(str, pa.Check.isin(["up", "down", "none"]), coerce=True),
        change=pa.Column(float, nullable=True, coerce=True),
        value=pa.Column(float, pa.Check.ge(0), nullable=True, coerce=True),
        base_value=pa.Column(float, pa.Check.ge(0), nullable=True, coerce=True)))
    QUOTES = pa.DataFrameSchema(_cols(["article_id", "speaker", "role", "quote"]))
    CLAIMS = pa.DataFrameSchema(_cols(
        ["claim_id", "article_id", "claim_type", "subject", "sentence"],
        claim_id=pa.Column(str, unique=True, nullable=False),
        claim_type=pa.Column(str, pa.Check.isin(["funding", "outcome", "policy"]), coerce=True)))
    CHECKS = pa.DataFrameSchema(_cols(
        ["check_id", "claim_id", "article_id", "claim_type", "series", "base_period", "base_value", "end_period",
         "end_value", "official_change", "claimed_change", "verdict", "confidence", "sources"],
        check_id=pa.Column(str, unique=True, nullable=False),
        verdict=pa.Column(str, pa.Check.isin(["supported", "overstated", "understated", "contradicted", "not checkable",
                                              "consistent", "inconsistent"]), coerce=True)))
    PROGRAMMES = pa.DataFrameSchema(_cols(["programme", "aliases", "article_ids", "places", "funding_total_gbp"]))

    return {
        "articles.csv": ARTICLES, "sentences.csv": SENTENCES, "skipped.csv": SKIPPED, "funding.csv": FUNDING,
        "outcomes.csv": OUTCOMES, "quotes.csv": QUOTES, "claims.csv": CLAIMS, "programmes.csv": PROGRAMMES,
        "checks.csv": CHECKS,
    }


def write_table(df: pd.DataFrame, directory: Path, name: str) -> Path:
    """Validate ``df`` against the schema for ``name`` (if any) and write it as UTF-8 CSV."""
    schema = schemas().get(name)
    if schema is not None:
        missing = [c for c in schema.columns if c not in df.columns]
        if missing:
            raise ValueError(f"{name} lacks columns {missing}")
        schema.validate(df, lazy=True)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    df.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def read_table(directory: Path, name: str) -> pd.DataFrame:
    """A table as written by ``write_table``: text columns as strings, empty cells as ''."""
    try:
        df = pd.read_csv(directory / name, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError:  # a table written with no columns at all
        return pd.DataFrame()
    for col in ("amount_gbp", "change", "value", "base_value", "funding_total_gbp"):
        if col in df.columns:
            df[col] = pd.to_numeric(df[col], errors="coerce")
    for col in ("sentence_no", "word_count"):
        if col in df.columns:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    return df

"""What the notebooks import: one place to find the functions of every stage.

``from src.helpers import clean_corpus`` works as usual, but each name is imported from its stage
module only when a notebook first uses it, so a notebook pays only for the stages it calls (the
cleaning notebook never loads matplotlib). ``EXPORTS`` is also how the runner knows which steps a
change in ``src/`` affects (see src/incremental.py).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

EXPORTS: dict[str, str] = {
    "NoArticlesError": "src.articles", "clean_corpus": "src.articles", "load_corpus": "src.articles",
    "require_articles": "src.articles", "save_corpus": "src.articles",
    "draw_all": "src.charts", "draw_check_charts": "src.sparklines", "load_figures": "src.figures",
    "check_claims": "src.checks", "load_reference": "src.checks", "verdict_counts": "src.checks",
    "evaluate_claims": "src.evaluate", "evaluate_cleaning": "src.evaluate", "load_cleaning_gold": "src.evaluate",
    "funding_total": "src.extract.claims", "load_tables": "src.extract.claims", "save_tables": "src.extract.claims",
    "tabulate": "src.extract.claims",
    "resolve": "src.paths",
    "STYLE": "src.report", "article_cards": "src.report", "figures_html": "src.report", "header": "src.report",
    "headline_figures": "src.report", "interactive_table": "src.report", "linked_table": "src.report",
    "method_html": "src.report", "run_html": "src.report", "run_info": "src.report", "section": "src.report",
    "skipped_html": "src.report", "checks_table": "src.report",
    "read_table": "src.schema", "write_table": "src.schema",
}
__all__ = sorted(EXPORTS)


def __getattr__(name: str) -> Any:
    try:
        module = EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'src.helpers' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # for editors and type checkers; never executed
    from src.articles import NoArticlesError, clean_corpus, load_corpus, require_articles, save_corpus
    from src.charts import draw_all
    from src.sparklines import draw_check_charts
    from src.checks import check_claims, load_reference, verdict_counts
    from src.evaluate import evaluate_claims, evaluate_cleaning, load_cleaning_gold
    from src.extract.claims import funding_total, load_tables, save_tables, tabulate
    from src.figures import load_figures
    from src.paths import resolve
    from src.report import (STYLE, article_cards, figures_html, header, headline_figures, interactive_table,
                            linked_table, method_html, run_html, run_info, section, skipped_html, checks_table)
    from src.schema import read_table, write_table

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
    "NoArticlesError": "src.clean.articles", "clean_corpus": "src.clean.articles", "load_corpus": "src.clean.articles",
    "require_articles": "src.clean.articles", "save_corpus": "src.clean.articles",
    "draw_all": "src.charts.draw", "draw_check_charts": "src.checks.sparklines", "load_figures": "src.charts.figures",
    "check_claims": "src.checks.compare", "load_reference": "src.checks.compare", "verdict_counts": "src.checks.compare",
    "evaluate_claims": "src.evaluate.scores", "evaluate_cleaning": "src.evaluate.scores", "load_cleaning_gold": "src.evaluate.scores",
    "funding_total": "src.claims.tables", "load_tables": "src.claims.tables", "save_tables": "src.claims.tables",
    "tabulate": "src.claims.tables",
    "resolve": "src.common.paths",
    "STYLE": "src.report.html", "articles_table": "src.report.html", "figures_html": "src.report.html",
    "header": "src.report.html", "headline_figures": "src.report.html", "funding_table": "src.report.html",
    "outcomes_table": "src.report.html", "policies_table": "src.report.html", "quotes_table": "src.report.html",
    "programmes_table": "src.report.html", "checks_table": "src.report.html",
    "method_html": "src.report.html", "run_html": "src.report.html", "run_info": "src.report.html", "section": "src.report.html",
    "skipped_html": "src.report.html", "sources_html": "src.report.html",
    "Payload": "src.report.datatables", "scripts": "src.report.datatables",
    "articles_summary": "src.report.summary", "checks_summary": "src.report.summary",
    "funding_summary": "src.report.summary", "outcomes_summary": "src.report.summary",
    "policies_summary": "src.report.summary", "programmes_summary": "src.report.summary",
    "quotes_summary": "src.report.summary",
    "read_table": "src.common.schema", "write_table": "src.common.schema",
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
    from src.clean.articles import NoArticlesError, clean_corpus, load_corpus, require_articles, save_corpus
    from src.charts.draw import draw_all
    from src.checks.sparklines import draw_check_charts
    from src.checks.compare import check_claims, load_reference, verdict_counts
    from src.evaluate.scores import evaluate_claims, evaluate_cleaning, load_cleaning_gold
    from src.claims.tables import funding_total, load_tables, save_tables, tabulate
    from src.charts.figures import load_figures
    from src.common.paths import resolve
    from src.report.html import (STYLE, articles_table, checks_table, figures_html, funding_table, header,
                                 headline_figures, method_html, outcomes_table, policies_table, programmes_table,
                                 quotes_table, run_html, run_info, section, skipped_html, sources_html)
    from src.report.datatables import Payload, scripts
    from src.report.summary import (articles_summary, checks_summary, funding_summary, outcomes_summary,
                                    policies_summary, programmes_summary, quotes_summary)
    from src.common.schema import read_table, write_table

"""What the notebooks import: one place to find the functions of every stage.

Each name comes from the stage module that holds its logic (``src/articles.py``,
``src/extract/``, ``src/charts.py``, ``src/report.py`` ...); the runner reads these imports to
know which steps a change in ``src/`` affects.
"""
from src.articles import NoArticlesError, clean_corpus, load_corpus, require_articles, save_corpus
from src.charts import draw_all, load_figures
from src.evaluate import evaluate_claims, evaluate_cleaning, load_cleaning_gold
from src.extract.claims import funding_total, load_tables, save_tables, tabulate
from src.paths import resolve
from src.report import (STYLE, article_cards, figures_html, header, headline_figures, interactive_table,
                        linked_table, method_html, run_html, run_info, section, skipped_html)
from src.schema import read_table, write_table

__all__ = [
    "NoArticlesError", "clean_corpus", "load_corpus", "require_articles", "save_corpus", "draw_all", "load_figures",
    "evaluate_claims", "evaluate_cleaning", "load_cleaning_gold", "funding_total", "load_tables", "save_tables",
    "tabulate", "resolve", "STYLE", "article_cards", "figures_html", "header", "headline_figures",
    "interactive_table", "linked_table", "method_html", "run_html", "run_info", "section", "skipped_html",
    "read_table", "write_table",
]

"""The scores of ``make evaluate``: both corpora, cleaning and claims, as one table."""
from __future__ import annotations

import json
from pathlib import Path

from src.common.paths import DEFAULT_RAW_DIR
from src.evaluate.dev import DEV_DIR, load_dev_gold, score_claims, score_cleaning
from src.evaluate.scores import evaluate_claims, evaluate_cleaning, load_cleaning_gold


def _seed_scores(workers: int) -> dict[str, float]:
    from src.claims.tables import tabulate
    from src.clean.articles import clean_corpus

    corpus = clean_corpus(DEFAULT_RAW_DIR, workers=workers)
    tables = tabulate(corpus.articles, corpus.sentences, workers=workers)
    cleaning = evaluate_cleaning(corpus.lines, corpus.articles, load_cleaning_gold())
    overall = cleaning[cleaning["article_id"] == "overall"].iloc[0]
    n = len(cleaning) - 1
    claims = evaluate_claims(tables.funding, tables.outcomes, tables.quotes, corpus.articles["article_id"].tolist())
    by = {r.table: r for r in claims.itertuples(index=False)}
    return {"pages": n, "boilerplate_removed": overall["boilerplate_removed_share"],
            "content_kept": overall["content_kept_share"], "title_right": overall["title_right"] / n,
            "date_found": overall["date_right"] / n, "date_wrong": int(overall["date_wrong"]),
            "funding_precision": by["funding"].precision, "funding_recall": by["funding"].recall,
            "funder_right": by["funding"].funder_right, "programme_right": by["funding"].programme_right,
            "outcome_precision": by["outcomes"].precision, "outcome_recall": by["outcomes"].recall,
            "quote_precision": by["quotes"].precision, "quote_recall": by["quotes"].recall}


def _dev_scores(workers: int, dev_dir: Path = DEV_DIR) -> dict[str, float]:
    from src.claims.tables import tabulate
    from src.clean.articles import clean_corpus

    gold = load_dev_gold(dev_dir)
    corpus = clean_corpus(dev_dir / "raw", workers=workers)
    tables = tabulate(corpus.articles, corpus.sentences, workers=workers)
    return {**score_cleaning(gold, corpus.articles),
            **score_claims(gold, tables.funding, tables.outcomes, tables.quotes)}


DEV_CLAIM_SCORES = DEV_DIR / "claim_scores.json"
CLAIM_KEYS = ("funding_gold", "funding_precision", "funding_recall", "funder_and_programme_right", "outcomes_gold",
              "outcome_precision", "outcome_recall", "outcome_precision_same_words", "outcome_recall_same_words",
              "quotes_gold", "quote_precision", "quote_recall")


def claim_subset(scores: dict[str, float]) -> dict[str, float]:
    """The claim scores of a dev run, rounded as they are recorded in ``claim_scores.json``."""
    return {k: round(float(scores[k]), 3) for k in CLAIM_KEYS}


def dev_claim_scores(workers: int = 0) -> dict[str, float]:
    return claim_subset(_dev_scores(workers))


def write_dev_claim_scores(scores: dict[str, float]) -> None:
    """Record the dev claim scores for the report's method section (a test keeps them current)."""
    DEV_CLAIM_SCORES.write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")


def corpus_scores(workers: int = 0) -> dict[str, dict[str, float]]:
    """Scores per corpus: ``seeds``, ``dev`` (the pipeline's own run) and ``dev, cross-validated``
    (the line classifier scored only on pages it was not trained on, from the model file)."""
    out = {"seeds (model trained on them)": _seed_scores(workers),
           "dev (model trained on them)": _dev_scores(workers)}
    out.update(cross_validated_cleaning())
    return out


def cross_validated_cleaning() -> dict[str, dict[str, float]]:
    """The cleaning scores on held-out pages that ``make train`` recorded in the model file."""
    from src.clean.model import MODEL_PATH

    if not MODEL_PATH.is_file():
        return {}
    cv = json.loads(MODEL_PATH.read_text(encoding="utf-8")).get("cross_validation", {})
    out: dict[str, dict[str, float]] = {}
    for corpus in ("dev", "seeds"):
        scores = {k[len(corpus) + 1:]: v for k, v in cv.items() if k.startswith(corpus + "_")}
        if scores:
            out[f"{corpus}, cleaning cross-validated"] = scores
    return out


def format_scores(scores: dict[str, dict[str, float]]) -> str:
    keys: list[str] = []
    for values in scores.values():
        keys.extend(k for k in values if k not in keys)
    names = list(scores)
    width = max(len(k) for k in keys) + 2
    lines = ["".ljust(width) + "".join(n[:34].rjust(36) for n in names)]
    for k in keys:
        cells = []
        for n in names:
            v = scores[n].get(k, "")
            cells.append((f"{v:.3f}" if isinstance(v, float) else str(v)).rjust(36))
        lines.append(k.ljust(width) + "".join(cells))
    return "\n".join(lines)

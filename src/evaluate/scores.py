"""Scores against the hand-annotated gold files in ``data/gold`` (see data/gold/README.md).

Cleaning: per article, the share of boilerplate lines removed and of content lines kept, and
whether title, byline and date are right. Claims: precision and recall per table, and how often
funder and programme are right on matched funding rows. Only articles that have gold are scored.

    python -m src.evaluate.scores [--processed-dir DIR]   # prints the scores of the last run
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pandas as pd

from src.clean.lines import BOILERPLATE, CONTENT
from src.common.paths import DEFAULT_PROCESSED_DIR, GOLD_DIR
from src.common.schema import read_table
from src.common.textnorm import normalise_text


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", normalise_text(str(text))).strip().lower()


def load_cleaning_gold(gold_dir: Path = GOLD_DIR) -> dict[str, dict]:
    return json.loads((gold_dir / "cleaning.json").read_text(encoding="utf-8"))


def evaluate_cleaning(lines: pd.DataFrame, articles: pd.DataFrame, gold: dict[str, dict]) -> pd.DataFrame:
    """One row per gold article that was processed, plus an 'overall' row. ``lines`` holds the
    cleaner's label for every raw line it did not keep as content (cleaning_lines.csv); any other
    line was kept."""
    rows = []
    by_id = articles.set_index("article_id") if len(articles) else pd.DataFrame()
    for aid, g in gold.items():
        if aid not in by_id.index:
            continue
        predicted: dict[str, list[str]] = {}
        for line in lines[lines["article_id"] == aid].itertuples(index=False):
            predicted.setdefault(_norm(line.text), []).append(line.label)
        bp_total = bp_removed = ct_total = ct_kept = 0
        for label, text in g["lines"]:
            labels = predicted.get(_norm(text), [])
            got = labels.pop(0) if labels else CONTENT
            if label == BOILERPLATE:
                bp_total += 1
                bp_removed += got != CONTENT
            elif label == CONTENT:
                ct_total += 1
                ct_kept += got == CONTENT
        art = by_id.loc[aid]
        rows.append({
            "article_id": aid, "boilerplate_lines": bp_total, "boilerplate_removed": bp_removed,
            "content_lines": ct_total, "content_kept": ct_kept,
            "title_right": int(_norm(art["title"]) == _norm(g["title"])),
            "byline_right": int(_norm(art["byline"]) == _norm(g["byline"])),
            "date_right": int(art["published"] == g["published"]),
            "date_wrong": int(bool(art["published"]) and art["published"] != g["published"]),
        })
    columns = ["article_id", "boilerplate_lines", "boilerplate_removed", "content_lines", "content_kept",
               "title_right", "byline_right", "date_right", "date_wrong", "boilerplate_removed_share",
               "content_kept_share"]
    df = pd.DataFrame(rows, columns=columns[:-2])
    if df.empty:
        return pd.DataFrame(columns=columns)
    total = df.sum(numeric_only=True)
    overall = {"article_id": "overall", **{k: int(total[k]) for k in
                                           ("boilerplate_lines", "boilerplate_removed", "content_lines", "content_kept",
                                            "title_right", "byline_right", "date_right", "date_wrong")}}
    df = pd.concat([df, pd.DataFrame([overall])], ignore_index=True)
    df["boilerplate_removed_share"] = df["boilerplate_removed"] / df["boilerplate_lines"].where(
        df["boilerplate_lines"] > 0)
    df["content_kept_share"] = df["content_kept"] / df["content_lines"]
    return df


def _prf(name: str, matched: int, predicted: int, gold: int, **extra: float) -> dict:
    return {"table": name, "gold": gold, "predicted": predicted, "matched": matched,
            "precision": matched / predicted if predicted else (1.0 if not gold else 0.0),
            "recall": matched / gold if gold else 1.0, **extra}


def evaluate_claims(funding: pd.DataFrame, outcomes: pd.DataFrame, quotes: pd.DataFrame, article_ids: list[str],
                    gold_dir: Path = GOLD_DIR) -> pd.DataFrame:
    """Precision/recall per table on the articles of this run that have gold (annotated in
    cleaning.json); an empty table when none has."""
    ids = set(load_cleaning_gold(gold_dir)) & set(article_ids)
    columns = ["table", "gold", "predicted", "matched", "precision", "recall", "funder_right", "programme_right",
               "place_right", "whole_quote"]
    if not ids:
        return pd.DataFrame(columns=columns)
    rows = []
    g = _gold(gold_dir / "funding.csv", ids)
    pred = funding[funding["article_id"].isin(ids)]
    pending = list(g.itertuples(index=False))
    matched = funder_ok = programme_ok = 0
    for r in pred.itertuples(index=False):
        hit = next((x for x in pending if x.article_id == r.article_id and float(x.amount_gbp) == float(r.amount_gbp)),
                   None)
        if hit is None:
            continue
        pending.remove(hit)
        matched += 1
        funder_ok += _norm(hit.funder) == _norm(r.funder)
        programme_ok += _norm(hit.programme) == _norm(r.programme)
    rows.append(_prf("funding", matched, len(pred), len(g),
                     funder_right=funder_ok / matched if matched else 0.0,
                     programme_right=programme_ok / matched if matched else 0.0))

    g = _gold(gold_dir / "outcomes.csv", ids)
    pred = outcomes[outcomes["article_id"].isin(ids)]
    pending = list(g.itertuples(index=False))
    matched = place_ok = 0
    for r in pred.itertuples(index=False):
        hit = next((x for x in pending if x.article_id == r.article_id and x.metric == r.metric and
                    x.direction == r.direction and _norm(x.sentence_contains) in _norm(r.sentence)), None)
        if hit is None:
            continue
        pending.remove(hit)
        matched += 1
        place_ok += _norm(hit.place) == _norm(r.place)
    rows.append(_prf("outcomes", matched, len(pred), len(g), place_right=place_ok / matched if matched else 0.0))

    g = _gold(gold_dir / "quotes.csv", ids)
    pred = quotes[quotes["article_id"].isin(ids)]
    pending = list(g.itertuples(index=False))
    matched = whole = 0
    for r in pred.itertuples(index=False):
        hit = next((x for x in pending if x.article_id == r.article_id and _norm(x.speaker) == _norm(r.speaker) and
                    _norm(r.quote).startswith(_norm(x.quote_starts))), None)
        if hit is None:
            continue
        pending.remove(hit)
        matched += 1
        whole += _norm(r.quote).endswith(_norm(hit.quote_ends))
    rows.append(_prf("quotes", matched, len(pred), len(g), whole_quote=whole / matched if matched else 0.0))
    return pd.DataFrame(rows, columns=columns)


def _gold(path: Path, ids: set[str]) -> pd.DataFrame:
    g = pd.read_csv(path, dtype=str, keep_default_na=False)
    return g[g["article_id"].isin(ids)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m src.evaluate.scores", description="Scores of the last run.")
    parser.add_argument("--processed-dir", type=Path, default=DEFAULT_PROCESSED_DIR)
    args = parser.parse_args(argv)
    for name in ("evaluation_cleaning.csv", "evaluation_claims.csv"):
        print(f"== {name}")
        print(read_table(args.processed_dir, name).to_string(index=False))


if __name__ == "__main__":
    main()

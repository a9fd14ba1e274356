"""``python -m src.evaluate`` (``make evaluate``): run cleaning and claim extraction on the seed
articles and on the development corpus, and print the scores per corpus.

The seeds are scored against ``data/gold/`` (cleaning.json, funding.csv, outcomes.csv, quotes.csv),
the dev pages against ``data/gold/dev/gold.json`` with the matching rules of its README. The line
classifier's cross-validated figures (never scored on pages it trained on) are printed from the
model file that ``make train`` wrote.
"""
from __future__ import annotations

import argparse
import sys

from src.evaluate.report import DEV_CLAIM_SCORES, claim_subset, corpus_scores, format_scores, write_dev_claim_scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m src.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=0, help="worker processes (0: all cores)")
    args = parser.parse_args(argv)
    scores = corpus_scores(workers=args.workers)
    print(format_scores(scores))
    write_dev_claim_scores(claim_subset(scores["dev (model trained on them)"]))
    print(f"dev claim scores recorded in {DEV_CLAIM_SCORES.relative_to(DEV_CLAIM_SCORES.parents[3])} for the report")
    return 0


if __name__ == "__main__":
    sys.exit(main())

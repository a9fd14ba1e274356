"""Record the digests of every table for three corpora (the seed articles, the genre fixtures and
a 300-article synthetic corpus) in tests/fixtures/expected_tables.json.

The speed test compares today's tables with these byte for byte, on one core and on all of them.
Re-record only in a commit of its own that changes extraction on purpose, saying why:

    python -m benchmarks.snapshot "reason"
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import build
from src.clean.articles import clean_corpus, save_corpus
from src.claims.tables import save_tables, tabulate
from src.common.paths import DEFAULT_RAW_DIR, REPO_ROOT

EXPECTED = REPO_ROOT / "tests" / "fixtures" / "expected_tables.json"


def corpora(tmp: Path) -> dict[str, Path]:
    synthetic = tmp / "synthetic300"
    build(DEFAULT_RAW_DIR, synthetic, 300)
    return {"seed": DEFAULT_RAW_DIR, "genre": REPO_ROOT / "tests" / "fixtures" / "genre", "synthetic300": synthetic}


def digests(raw: Path, out: Path, workers: int) -> dict[str, str]:
    corpus = clean_corpus(raw, workers=workers)
    save_corpus(corpus, out)
    save_tables(tabulate(corpus.articles, corpus.sentences, workers=workers), out)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("*.csv"))}


def main() -> None:
    reason = " ".join(sys.argv[1:]) or "not given"
    commit = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        result = {name: digests(raw, Path(tmp) / "out" / name, workers=1) for name, raw in corpora(Path(tmp)).items()}
    EXPECTED.write_text(json.dumps({"recorded_at_commit": commit, "reason": reason, "tables": result}, indent=1) + "\n")
    print(f"wrote {EXPECTED}")


if __name__ == "__main__":
    main()

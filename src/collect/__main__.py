"""python -m src.collect [--sources FILE] [--raw-dir DIR] [--max-new N]

Fetches the new items of the feeds and addresses in sources.yml into <raw-dir>/collected/. A source
that fails is reported and skipped; with no network the step says so in one line. Exit status 0
unless sources.yml itself is wrong (2), so `make collect report` always goes on to the report.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from src.collect.run import collect
from src.collect.sources import SourcesError, load_sources
from src.common.paths import DEFAULT_RAW_DIR, REPO_ROOT

DEFAULT_SOURCES = REPO_ROOT / "sources.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m src.collect", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="feeds and URLs (default sources.yml)")
    parser.add_argument("--raw-dir", type=Path, default=DEFAULT_RAW_DIR, help="raw folder (default data/raw)")
    parser.add_argument("--max-new", type=int, default=None, help="at most this many new items in this run")
    args = parser.parse_args(argv)
    try:
        sources = load_sources(Path(args.sources).expanduser().resolve())
    except SourcesError as exc:
        print(f"collect: {exc}", file=sys.stderr)
        return 2
    raw_dir = Path(args.raw_dir).expanduser().resolve()  # as the pipeline: flags relative to the working dir
    try:
        outcome = collect(sources, raw_dir, max_new=args.max_new)
    except OSError as exc:  # e.g. the raw folder cannot be written: say so, and let the report go on
        print(f"collect: could not collect ({exc}); the pipeline goes on with what the raw folder holds")
        return 0
    if outcome.offline:
        print("collect: no network: nothing collected; the pipeline goes on with what the raw folder holds")
        return 0
    failed = len(outcome.failed)
    print(f"collect: {len(outcome.saved)} new article(s) saved under {raw_dir / 'collected'}"
          + (f"; {failed} source(s) failed or had failing items (see {raw_dir / 'collected' / 'sources.csv'})"
             if failed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

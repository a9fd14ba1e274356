"""Domain vocabularies: the knowledge the rules run on, kept as data an analyst can extend.

Each vocabulary is one CSV file in ``vocabularies/`` at the repository root: comment lines
starting with ``#`` say what a row means, then a header row, then one entry per row. Cells that
hold several values separate them with ``|`` (aliases, phrasings). Adding a row and re-running the
pipeline is enough: the incremental runner hashes every vocabulary a step's code names in a
``vocabulary("...")`` call, so the steps that use a changed file run again.
"""
from __future__ import annotations

import csv
import io
import os
import stat
from functools import lru_cache
from pathlib import Path

from src.common.paths import REPO_ROOT

VOCABULARY_DIR: Path = REPO_ROOT / "vocabularies"


class VocabularyError(ValueError):
    """A vocabulary file is missing, has no header, or a row lacks a required value."""


def vocabulary_path(name: str) -> Path:
    return VOCABULARY_DIR / f"{name}.csv"


def split_values(cell: str | None) -> list[str]:
    """``"a|b| c"`` -> ``["a", "b", "c"]``; empty parts are dropped."""
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


@lru_cache(maxsize=None)
def _load(path: Path, mtime_ns: int) -> tuple[dict[str, str], ...]:
    text = path.read_text(encoding="utf-8")
    data = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    reader = csv.DictReader(io.StringIO(data))
    if not reader.fieldnames:
        raise VocabularyError(f"{path}: no header row")
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise VocabularyError(f"{path}: row {number} has more cells than the header")
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return tuple(rows)


def vocabulary(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``vocabularies/<name>.csv`` as dicts (header -> stripped cell), in file order.

    Row order matters where the file says so (e.g. metrics: the first matching row wins)."""
    path = vocabulary_path(name)
    try:  # one stat call: some rules look a vocabulary up once per article
        info = os.stat(path)
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode):
        raise VocabularyError(f"no vocabulary {name!r}: expected {path}")
    return _load(path, info.st_mtime_ns)

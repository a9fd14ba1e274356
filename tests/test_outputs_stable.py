"""The speed work changed no output: every table, byte for byte, equals the digests recorded in
tests/fixtures/expected_tables.json (re-recorded only by commits that change extraction on purpose,
see benchmarks/snapshot.py), on one core and on both."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.snapshot import EXPECTED, corpora, digests


@pytest.fixture(scope="module")
def corpus_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return corpora(tmp_path_factory.mktemp("corpora"))


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("name", ["seed", "genre", "synthetic300"])
def test_tables_byte_for_byte(corpus_dirs: dict[str, Path], tmp_path: Path, name: str, workers: int) -> None:
    expected = json.loads(EXPECTED.read_text())["tables"][name]
    assert digests(corpus_dirs[name], tmp_path, workers=workers) == expected

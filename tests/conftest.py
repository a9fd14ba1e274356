"""Shared fixtures: one full pipeline run on data/raw into a temporary folder, reused by many tests."""
from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from src.common.paths import DEFAULT_RAW_DIR, REPO_ROOT


@dataclass
class Run:
    status: int
    output: str
    raw: Path
    processed: Path
    reports: Path


def run_pipeline(raw: Path, processed: Path, reports: Path, overrides: list[tuple[str, str]] | None = None,
                 force: bool = False, notebook_dir: Path | None = None) -> Run:
    from src.runner.pipeline import NOTEBOOK_DIR, run

    stream = io.StringIO()
    status = run(raw, processed, reports, overrides or [], force=force, notebook_dir=notebook_dir or NOTEBOOK_DIR,
                 stream=stream)
    return Run(status, stream.getvalue(), raw, processed, reports)


def snapshot_files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to prove a run left them untouched."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def copy_run(run: Run, base: Path) -> Run:
    """A copy of a finished run's outputs under ``base``, to run again on without touching the original."""
    processed, reports = base / "processed", base / "reports"
    shutil.copytree(run.processed, processed)
    shutil.copytree(run.reports, reports)
    return Run(0, "", run.raw, processed, reports)


@pytest.fixture(scope="session")
def pipeline_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("e2e")
    raw = base / "raw"
    shutil.copytree(DEFAULT_RAW_DIR, raw)
    return run_pipeline(raw, base / "processed", base / "reports")


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT

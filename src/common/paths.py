"""Paths anchored to the repository root, whatever the caller's working directory."""
from __future__ import annotations

from pathlib import Path

REPO_ROOT: Path = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR: Path = REPO_ROOT / "notebooks"
GOLD_DIR: Path = REPO_ROOT / "data" / "gold"
EXTERNAL_DIR: Path = REPO_ROOT / "data" / "external"
DEFAULT_RAW_DIR: Path = REPO_ROOT / "data" / "raw"
DEFAULT_PROCESSED_DIR: Path = REPO_ROOT / "data" / "processed"
DEFAULT_REPORTS_DIR: Path = REPO_ROOT / "reports"


def resolve(path: str | Path) -> Path:
    """An absolute path: absolute paths stay as they are, relative ones hang off the repository root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (REPO_ROOT / p).resolve()

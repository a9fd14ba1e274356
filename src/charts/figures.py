"""What a chart is, for the report: kept apart from src/charts/draw.py so that reading the list of
charts does not import matplotlib."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Figure:
    name: str
    title: str
    alt: str
    svg: str


def load_figures(out_dir: Path) -> list[Figure]:
    path = out_dir / "figures.json"
    return [Figure(**f) for f in json.loads(path.read_text(encoding="utf-8"))] if path.is_file() else []

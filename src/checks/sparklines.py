"""Small charts for the checks: the official series as an inline SVG sparkline, the claimed span shaded.

Written directly rather than with matplotlib: a claim-check thumbnail is a polyline and a rectangle,
and a corpus can need thousands of them; matplotlib's import and text rendering would cost more than
all the checking. Every label is escaped; the numbers come from the reference files.
"""
from __future__ import annotations

import html
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pandas as pd

from src.checks.compare import SERIES_FOR, Figure as RefFigure, _by_period, _pick
from src.charts.figures import Figure

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 320, 120, 50, 10, 8, 32
COLOURS = {"line": "#0173b2", "span": "#de8f05", "point": "#d55e00", "text": "#333333", "axis": "#999999"}


def _x(d: date, lo: date, hi: date) -> float:
    span = max((hi - lo).days, 1)
    return PAD_L + (d - lo).days / span * (W - PAD_L - PAD_R)


def _y(v: float, lo: float, hi: float) -> float:
    span = (hi - lo) or 1.0
    return H - PAD_B - (v - lo) / span * (H - PAD_T - PAD_B)


def sparkline(points: list[tuple[date, float, str]], base: str, end: str, title: str) -> str:
    """An SVG: the series (period end, value, label), the span from ``base`` to ``end`` shaded."""
    dates = [d for d, _, _ in points]
    values = [v for _, v, _ in points]
    d_lo, d_hi = min(dates), max(dates)
    v_lo, v_hi = min(0.0, min(values)), max(values) * 1.08 or 1.0
    line = " ".join(f"{_x(d, d_lo, d_hi):.1f},{_y(v, v_lo, v_hi):.1f}" for d, v, _ in points)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
             f'role="img" aria-label="{html.escape(title)}">']
    marked = {label: (d, v) for d, v, label in points if label in (base, end)}
    if base in marked and end in marked:
        x0, x1 = sorted((_x(marked[base][0], d_lo, d_hi), _x(marked[end][0], d_lo, d_hi)))
        parts.append(f'<rect x="{x0:.1f}" y="{PAD_T}" width="{max(x1 - x0, 2):.1f}" height="{H - PAD_T - PAD_B}" '
                     f'fill="{COLOURS["span"]}" fill-opacity="0.22"/>')
    parts.append(f'<line x1="{PAD_L}" y1="{H - PAD_B}" x2="{W - PAD_R}" y2="{H - PAD_B}" stroke="{COLOURS["axis"]}"/>')
    parts.append(f'<polyline points="{line}" fill="none" stroke="{COLOURS["line"]}" stroke-width="1.8"/>')
    for d, v, label in points:
        colour, r = (COLOURS["point"], 3.5) if label in (base, end) else (COLOURS["line"], 2)
        parts.append(f'<circle cx="{_x(d, d_lo, d_hi):.1f}" cy="{_y(v, v_lo, v_hi):.1f}" r="{r}" fill="{colour}">'
                     f'<title>{html.escape(label)}: {v:,.0f}</title></circle>')
    parts.append(f'<text x="{PAD_L - 4}" y="{_y(v_hi / 1.08, v_lo, v_hi) + 4:.1f}" font-size="11" text-anchor="end" '
                 f'fill="{COLOURS["text"]}">{max(values):,.0f}</text>')
    parts.append(f'<text x="{PAD_L - 4}" y="{H - PAD_B + 3}" font-size="11" text-anchor="end" '
                 f'fill="{COLOURS["text"]}">{v_lo:,.0f}</text>')
    parts.append(f'<text x="{PAD_L}" y="{H - 12}" font-size="11" fill="{COLOURS["text"]}">{d_lo.year}</text>')
    parts.append(f'<text x="{W - PAD_R}" y="{H - 12}" font-size="11" text-anchor="end" '
                 f'fill="{COLOURS["text"]}">{d_hi.year}</text>')
    parts.append("</svg>")
    return "".join(parts)


def draw_check_charts(checks: pd.DataFrame, reference: list[RefFigure], out_dir: Path,
                      max_charts: int = 60) -> list[Figure]:
    """One sparkline per distinct series and span among the checked outcome claims (claims that share
    them share a chart), at most ``max_charts``; written as SVG files with a figures.json index."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = checks[(checks["claim_type"] == "outcome") & (checks["series"] != "")]
    groups = rows.groupby(["series", "area", "base_period", "end_period"], sort=False)
    figures: list[Figure] = []
    for (series, area, base, end), grp in groups:
        if len(figures) >= max_charts:
            break
        areas = next((a for options in SERIES_FOR.values() for s, a in options if s == series and area in a), (area,))
        versions = _by_period([f for f in reference if f.series == series and f.area in areas])
        points = sorted(((fs[0].period.end, _pick(fs, None, False).value, label) for label, fs in versions.items()
                         if fs[0].period.kind.startswith("annual")), key=lambda p: p[0])
        if len(points) < 2:
            continue
        first = grp.iloc[0]
        verdicts = ", ".join(sorted(set(grp["verdict"])))
        title = f"{first['subject']}, {first['place']}: {verdicts}"
        name = f"check-{len(figures) + 1:03d}"
        (out_dir / f"{name}.svg").write_text(sparkline(points, base, end, title), encoding="utf-8")
        alt = (f"{series} in {area} by year, {points[0][2]} to {points[-1][2]}; the claimed span {base} to {end} "
               f"shaded; {len(grp)} claim(s): {verdicts}")
        figures.append(Figure(name, title, alt, f"{name}.svg"))
    (out_dir / "figures.json").write_text(json.dumps([asdict(f) for f in figures], indent=2), encoding="utf-8")
    return figures

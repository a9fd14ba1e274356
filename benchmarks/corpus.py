"""A synthetic corpus of N articles built from the raw articles' paragraphs, with varied amounts,
places and dates, so the benchmark exercises every extraction rule at scale."""
from __future__ import annotations

import random
import re
from pathlib import Path

PLACES = ["London", "Birmingham", "Manchester", "Leeds", "Glasgow", "Liverpool", "Bristol", "Cardiff", "Newcastle",
          "Nottingham", "Sheffield", "Leicester", "Coventry", "Bradford", "Edinburgh", "Southampton"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_MONEY = re.compile(r"£\d[\d,]*(?:\.\d+)?(?:\s?(?:million|m|bn)\b)?")
_PLACE = re.compile(r"\b(?:London|Glasgow|Birmingham|the West Midlands|Westminster)\b")


def _paragraphs(raw_dir: Path) -> list[str]:
    paras: list[str] = []
    for path in sorted(raw_dir.glob("*.txt")):
        paras.extend(p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.split()) >= 8)
    return paras


def build(raw_dir: Path, out_dir: Path, n: int, seed: int = 7) -> list[Path]:
    """Write ``n`` articles to ``out_dir`` (deterministic for a given seed)."""
    rng = random.Random(seed)
    paras = _paragraphs(raw_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        chosen = rng.sample(paras, k=min(len(paras), rng.randint(6, 14)))
        body = []
        for p in chosen:
            p = _MONEY.sub(lambda m: f"£{rng.choice([0.5, 1, 2, 3.6, 5, 9, 11, 35, 63.4])}m", p)
            p = _PLACE.sub(lambda m: rng.choice(PLACES), p)
            body.append(p)
        year = rng.randint(2016, 2023)
        header = [f"Violence reduction update {i}: {rng.choice(PLACES)} scheme", f"by Reporter {i % 37}",
                  f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}"]
        footer = ["You may also like", "Sign up to our daily news alerts", f"© {year} Example News"]
        path = out_dir / f"bench_{i:05d}.txt"
        path.write_text("\n\n".join(header + body + footer) + "\n", encoding="utf-8")
        written.append(path)
    return written

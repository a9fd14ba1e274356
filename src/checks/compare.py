"""Stage 4: every outcome and funding claim next to the official figures (data/external).

For an outcome claim: find the reference series for its metric and place, take the two periods
the claim speaks of (from the claim, or from the article's date when it gives none), compute the
official change over that span, and give a verdict by the rules below. For a funding claim: find
the reference allocation for its programme and place. Every check records the series, periods,
values, sources, the confidence of each figure and the vintage used. A missing figure is
"not checkable", never an estimate.

Verdict rules (README, "Checking claims"):
- official change c = (end − base) / base; |c| < 2 % counts as no change;
- the claim's words give a range for the size of the change: a figure ("47 per cent") ± max(3 points,
  10 % of it); "almost/nearly X" is [0.8·X, X] for doubling-type words and [0.9·X, X] for
  percentages; "more than/over X" is [X, ∞); "doubled" 100 % ± 10 %; "halved" −50 % ± 5 points;
  "significant(ly)", "sharp", "surge", "soared", "plummeted", "dramatic" mean at least 10 %;
  any other word of change ("rise", "fell", "reductions") at least 2 %;
- supported: same direction, size within the range; overstated: same direction but smaller than
  the range, or no change at all; understated: same direction and larger than the range;
  contradicted: the official figures moved the other way; not checkable: no series for the metric
  and place, a figure missing for a period needed, or no period in the claim and no date on the
  article.
- a level ("741 offences were recorded in 2019/20") is compared with the official figure for the
  year it names (the last year in the claim's period), or with the latest year published before
  the article when it names none: supported within ± LEVEL_TOLERANCE of the official figure (or at
  or above it for "more than X", at or below it for "almost X"); overstated above that; understated
  below it. A level with no figure, or counted in other units than the series, is not checkable.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from functools import partial
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from src.common.paths import EXTERNAL_DIR

NO_CHANGE = 0.02
LEVEL_TOLERANCE = 0.05  # a level within 5 % of the official figure is the same figure, rounded
PUBLICATION_LAG_DAYS = 122  # police-recorded crime for a year is published about four months after it ends
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}


# ---------------------------------------------------------------- periods

@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date
    kind: str  # annual | quarter | partial | month | change | multi-year


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _fy(first: int) -> tuple[date, date]:
    return date(first, 4, 1), date(first + 1, 3, 31)


def _second_year(first: int, second: str) -> int:
    value = int(second)
    if len(second) < 4:
        value = first - first % (10 ** len(second)) + value
        if value <= first:
            value += 10 ** len(second)
    return value


def parse_period(label: str) -> Period | None:
    """A reference period as written ("YE Mar 2018", "2016-17", "FY2018/19", "calendar 2022", "2012")."""
    text = str(label).strip()
    if " vs " in text:
        return None  # a stated change, not a period
    m = re.fullmatch(r"YE ([A-Z][a-z]{2}) (\d{4})", text)
    if m:
        end = _month_end(int(m.group(2)), MONTHS[m.group(1).lower()])
        start = (end.replace(day=1) - pd.DateOffset(months=11)).date()
        return Period(text, start, end, "annual")
    m = re.fullmatch(r"(?:FY)?(\d{4})[-/](\d{2,4})", text)
    if m and _second_year(int(m.group(1)), m.group(2)) == int(m.group(1)) + 1:
        start, end = _fy(int(m.group(1)))
        return Period(text, start, end, "annual")
    m = re.fullmatch(r"(?:calendar )?(\d{4})", text)
    if m:
        year = int(m.group(1))
        return Period(text, date(year, 1, 1), date(year, 12, 31), "annual")
    m = re.fullmatch(r"'(\d{4})' \(period not specified.*\)", text)
    if m:
        year = int(m.group(1))
        return Period(text, date(year, 1, 1), date(year, 12, 31), "annual-unspecified")
    m = re.fullmatch(r"([A-Z][a-z]{2})-([A-Z][a-z]{2}) (\d{4})(?: \(quarter\))?", text)
    if m:
        year = int(m.group(3))
        start, end = date(year, MONTHS[m.group(1).lower()], 1), _month_end(year, MONTHS[m.group(2).lower()])
        return Period(text, start, end, "quarter" if (end.month - start.month) == 2 else "partial")
    m = re.fullmatch(r"([A-Z][a-z]{2}) (\d{4})", text)
    if m:
        year, month = int(m.group(2)), MONTHS[m.group(1).lower()]
        return Period(text, date(year, month, 1), _month_end(year, month), "month")
    m = re.fullmatch(r"(\d{4})[-/](\d{2,4})-(\d{4})[-/](\d{2,4})", text)
    if m:
        return Period(text, _fy(int(m.group(1)))[0], _fy(int(m.group(3)))[1], "multi-year")
    return None


@dataclass(frozen=True)
class YearToken:
    """A year as a claim writes it: 2014, 2006-7, 2016/17."""
    first: int
    financial: bool

    def score(self, p: Period) -> int | None:
        """How well a series period stands for this year (lower is better); None if it does not."""
        if not p.kind.startswith("annual"):
            return None
        if self.financial:
            if (p.start.month, p.start.year) == (4, self.first) and p.end.year == self.first + 1:
                return 0
            return 2 if p.end == date(self.first + 1, 3, 31) else None
        if p.start == date(self.first, 1, 1) and p.end == date(self.first, 12, 31):
            return 0 if p.kind == "annual" else 1
        if p.end.year == self.first and p.end.month >= 9:
            return 2
        if p.start.year == self.first and p.start.month == 4:
            return 3
        if p.end == date(self.first, 3, 31):
            return 4
        return None


_YEAR = r"((?:19|20)\d{2})(?:\s?[-/]\s?(\d{1,4}))?"


def year_token(text: str) -> YearToken | None:
    m = re.fullmatch(_YEAR, text.strip())
    if not m:
        return None
    first = int(m.group(1))
    if m.group(2) and _second_year(first, m.group(2)) == first + 1:
        return YearToken(first, True)
    return YearToken(first, False)


@dataclass(frozen=True)
class Span:
    """The two periods a claim compares: explicit years, or 'latest before the article'."""
    base: YearToken | None
    end: YearToken | None
    basis: str  # how the span was found


def claim_span(period_text: str, published: str) -> Span | None:
    """The span of a change claim; None when neither the claim nor the article's date gives one."""
    text = (period_text or "").strip()
    m = re.search(rf"\b(?:between|from)\s+{_YEAR}\s+(?:and|to)\s+{_YEAR}", text, re.I)
    if m:
        base = year_token(m.group(1) + (f"-{m.group(2)}" if m.group(2) else ""))
        end = year_token(m.group(3) + (f"-{m.group(4)}" if m.group(4) else ""))
        return Span(base, end, f"stated in the claim ({m.group(0)})")
    m = re.search(rf"\bsince\s+{_YEAR}", text, re.I)
    if m:
        base = year_token(m.group(1) + (f"-{m.group(2)}" if m.group(2) else ""))
        return Span(base, None, f"stated in the claim ({m.group(0)}); end: latest figure before the article")
    m = re.search(r"\bin the (?:year|12 months) to (?:[A-Z][a-z]+ )?((?:19|20)\d{2})", text)
    if m:
        return Span(None, YearToken(int(m.group(1)), False), f"stated in the claim ({m.group(0)})")
    if re.search(r"\blast year\b", text, re.I) or not text:
        return Span(None, None, "not stated: the last full year published before the article against the "
                                "year before it") if published else None
    return None  # "in 2016/17" and other single periods: a level, not a change


# ---------------------------------------------------------------- reference data

@dataclass
class Figure:
    series: str
    area: str
    period: Period
    value: float
    bound: str  # "" or ">" when the source says "more than"
    unit: str
    source_url: str
    source_title: str
    notes: str
    file: str
    vintage: date | None

    @property
    def confidence(self) -> str:
        return confidence_label(self.notes)

    @property
    def preferred(self) -> bool:
        return "PREFERRED" in self.notes


def confidence_label(notes: str) -> str:
    """The confidence a figure's notes start with, as a short label."""
    head = str(notes).split(".")[0].strip()
    upper = head.upper()
    for key, label in (("OFFICIAL TABLE READ", "official table"), ("OFFICIAL PQ", "official answer to a PQ"),
                       ("OFFICIAL", "official publication"), ("NEWS QUOTING", "news quoting an official source"),
                       ("NEWS REPRODUCING", "news quoting an official source"), ("SECONDARY", "secondary source"),
                       ("NEWS", "news (source of the count not stated)")):
        if upper.startswith(key):
            return f"{label} [{head}]"
    return head or "unknown"


CONFIDENCE_ORDER = ["official table", "official answer", "official publication", "news quoting", "secondary", "news"]


def _weakest(labels: list[str]) -> str:
    return max(labels, key=lambda lab: next((i for i, k in enumerate(CONFIDENCE_ORDER) if lab.startswith(k)), 99))


def vintage_date(title: str, notes: str) -> date | None:
    """When a figure was published, from its source's title or notes ("15 Mar 2019", "(Mar 2024)",
    "as at 6 Nov 2012"); None when the source does not say."""
    for text in (str(title), str(notes)):
        m = re.search(r"\b(\d{1,2}) ([A-Z][a-z]{2})[a-z]* ((?:19|20)\d{2})\b", text)
        if m and m.group(2).lower() in MONTHS:
            return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    m = re.search(r"\(([A-Z][a-z]{2})[a-z]* ((?:19|20)\d{2})\)", str(title))
    if m and m.group(1).lower() in MONTHS:
        return _month_end(int(m.group(2)), MONTHS[m.group(1).lower()])
    return None


def load_reference(external_dir: Path = EXTERNAL_DIR) -> list[Figure]:
    figures: list[Figure] = []
    for path in sorted(external_dir.glob("*.csv")):
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        for r in df.itertuples(index=False):
            period = parse_period(r.period)
            raw = str(r.value).strip()
            bound = ">" if raw.startswith(">") else ""
            try:
                value = float(raw.lstrip("><~ ").replace(",", ""))
            except ValueError:
                continue
            if period is None:
                continue
            figures.append(Figure(r.series, r.area, period, value, bound, r.unit, r.source_url, r.source_title,
                                  r.notes, path.name, vintage_date(r.source_title, r.notes)))
    return figures


# Which reference series speak to which claim: (metric, place) -> [(series, area names), ...] in order of
# preference. Areas listed together are one area under different labels.
LONDON = ("Metropolitan Police force area", "London (as reported; Met force area)", "Metropolitan Police",
          "London (Met)", "London")
SERIES_FOR: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {
    ("knife crime", "England and Wales"): [("knife_or_sharp_instrument_offences_police_recorded", ("England and Wales",))],
    ("knife crime", "West Midlands"): [("knife_or_sharp_instrument_offences_police_recorded",
                                        ("West Midlands Police force area",)),
                                       ("knife_offences_WMP_force_data", ("West Midlands Police force area",))],
    ("knife crime", "London"): [("knife_or_sharp_instrument_offences_police_recorded", LONDON)],
    ("gun crime", "England and Wales"): [("firearms_offences_excl_air_weapons", ("England and Wales",)),
                                         ("firearms_offences_incl_air_weapons", ("England and Wales",))],
    ("gun crime", "London"): [("firearms_offences_police_recorded", LONDON), ("met_shootings", LONDON),
                              ("met_firearm_related_murders", LONDON)],
    ("homicide", "England and Wales"): [("homicides_homicide_index", ("England and Wales",)),
                                        ("homicides_police_recorded", ("England and Wales",))],
    ("homicide", "London"): [("met_homicides", LONDON)],
    ("homicide", "Scotland"): [("homicide_cases", ("Scotland",)), ("homicide_victims", ("Scotland",))],
    ("homicide", "Glasgow"): [("homicide_cases", ("Glasgow City (council area)",))],
    ("teenage murders", "London"): [("teenage_homicide_victims", ("London",))],
    ("violent crime", "Scotland"): [("nonsexual_crimes_of_violence_recorded", ("Scotland",))],
}
WIDER_AREA = {"Glasgow": "Scotland", "Edinburgh": "Scotland", "Dundee": "Scotland", "Aberdeen": "Scotland",
              "Birmingham": "West Midlands", "Coventry": "West Midlands", "Wolverhampton": "West Midlands",
              "Westminster": "London"}


# ---------------------------------------------------------------- claims' words

SIZE_WORDS = re.compile(r"significant|sharp|surge|soar|plummet|dramatic|record|massive|huge|steep", re.I)


def claimed_range(direction: str, magnitude: str, change: float | None) -> tuple[float, float, str]:
    """(low, high) size of the claimed change as a fraction, and the claim in words."""
    text = str(magnitude or "").lower()
    almost = bool(re.search(r"\b(?:almost|nearly|approaching|close to)\b", text))
    more = bool(re.search(r"\b(?:more than|over|at least)\b", text))
    if change is not None and not pd.isna(change):
        size = abs(float(change))
        multiplier = bool(re.search(r"doubl|tripl|trebl|quadrupl|halv", text))
        if almost:
            return (0.8 * size if multiplier else 0.9 * size), size, f"{text} (about {size:.0%})"
        if more:
            return size, float("inf"), f"{text} (over {size:.0%})"
        tol = 0.1 * size if multiplier else max(0.03, 0.1 * size)
        return max(0.0, size - tol), size + tol, f"{text} ({'+' if direction == 'up' else '−'}{size:.0%})"
    if SIZE_WORDS.search(text):
        return 0.10, float("inf"), f"{text} (at least 10%)"
    return NO_CHANGE, float("inf"), f"{text} (any change of 2% or more)"


def verdict(official: float, direction: str, low: float, high: float) -> str:
    sign = 1 if direction == "up" else -1
    if abs(official) < NO_CHANGE:
        return "overstated"
    if official * sign < 0:
        return "contradicted"
    size = abs(official)
    if size < low:
        return "overstated"
    if size > high:
        return "understated"
    return "supported"


# ---------------------------------------------------------------- checking outcomes

@dataclass
class Pair:
    base: Figure
    end: Figure
    base_now: Figure
    end_now: Figure
    caveats: list[str] = field(default_factory=list)


def _known_by(fig: Figure, when: date | None) -> bool:
    if when is None:
        return False
    if fig.vintage is not None:
        return fig.vintage <= when
    return fig.period.end + timedelta(days=PUBLICATION_LAG_DAYS) <= when


def _pick(versions: list[Figure], when: date | None, then: bool) -> Figure | None:
    """One figure for a period: what was published by ``when`` (then), or the preferred/latest (now)."""
    if then:
        known = [f for f in versions if _known_by(f, when) and f.vintage is not None]
        known = known or [f for f in versions if _known_by(f, when)]
        return max(known, key=lambda f: (f.vintage or date.min)) if known else None
    preferred = [f for f in versions if f.preferred]
    if preferred:
        return preferred[-1]
    dated = [f for f in versions if f.vintage is not None]
    return max(dated, key=lambda f: f.vintage) if dated else versions[-1]


def _first_published(versions: list[Figure]) -> Figure:
    """The first-published version: one the notes call first-published, else the earliest dated, else
    the first listed (the reference files list older vintages first)."""
    flagged = [f for f in versions if re.search(r"first[- ]published", f.notes, re.I)]
    if flagged:
        return flagged[0]
    dated = [f for f in versions if f.vintage is not None]
    return min(dated, key=lambda f: f.vintage) if dated else versions[0]


def _by_period(figures: list[Figure]) -> dict[str, list[Figure]]:
    out: dict[str, list[Figure]] = {}
    for f in figures:
        out.setdefault(f.period.label, []).append(f)
    return out


def _annual(figures: list[Figure]) -> dict[str, list[Figure]]:
    """The annual figures of one series, by period label (each label with all its vintages)."""
    return {label: fs for label, fs in _by_period(figures).items() if fs[0].period.kind.startswith("annual")}


def _best_label(annual: dict[str, list[Figure]], token: YearToken) -> str | None:
    """The period that stands best for a year as a claim writes it, or None."""
    scored = [(token.score(fs[0].period), label) for label, fs in annual.items()]
    scored = [(sc, label) for sc, label in scored if sc is not None]
    return min(scored)[1] if scored else None


def _latest_out_by(annual: dict[str, list[Figure]], published: date | None) -> str | None:
    """The latest year that ended long enough before ``published`` for its figures to be out."""
    if published is None:
        return None
    out = [label for label, fs in annual.items() if fs[0].period.end + timedelta(days=PUBLICATION_LAG_DAYS) <= published]
    return max(out, key=lambda label: annual[label][0].period.end) if out else None


def find_pair(figures: list[Figure], span: Span, published: date | None) -> Pair | None:
    """The base and end figures of one series for a claim's span, or None if a figure is missing."""
    annual = _annual(figures)
    if not annual:
        return None
    best = partial(_best_label, annual)
    caveats: list[str] = []
    end_label = best(span.end) if span.end is not None else _latest_out_by(annual, published)
    if end_label is None:
        return None
    end_period = annual[end_label][0].period
    if span.base is not None:
        base_label = best(span.base)
    else:  # the year before the end year, or the nearest earlier year within three years
        earlier = [label for label, fs in annual.items() if fs[0].period.end < end_period.start
                   and fs[0].period.end >= end_period.start - timedelta(days=3 * 366)]
        base_label = max(earlier, key=lambda label: annual[label][0].period.end) if earlier else None
        if base_label and annual[base_label][0].period.end < end_period.start - timedelta(days=40):
            caveats.append(f"no figure for the year just before {end_label}; compared with {base_label}")
    if base_label is None or base_label == end_label:
        return None
    base_period = annual[base_label][0].period
    if base_period.end > end_period.end:
        return None
    b_now, e_now = _pick(annual[base_label], published, False), _pick(annual[end_label], published, False)
    b_then, e_then = _pick(annual[base_label], published, True), _pick(annual[end_label], published, True)
    if published is None:  # undated: the first-published figures stand for what a speaker could have used
        b_then, e_then = _first_published(annual[base_label]), _first_published(annual[end_label])
        caveats.append("undated article: first-published figures, with the latest alongside")
    elif b_then is None or e_then is None:
        b_then, e_then = b_now, e_now
        caveats.append("which figures were published before the article could not be established")
    for f in (b_now, e_now):
        if f.period.kind == "annual-unspecified":
            caveats.append(f"period of {f.period.label!r} is not specified by the source")
    if b_now.unit.split()[0] != e_now.unit.split()[0] or b_now.unit != e_now.unit:
        caveats.append(f"units differ: {b_now.unit!r} vs {e_now.unit!r}")
    if b_now.period.end.month != e_now.period.end.month:
        caveats.append(f"year-ends differ: {b_now.period.label} vs {e_now.period.label}")
    if b_now.bound or e_now.bound:
        return None  # "more than" figures: no exact change
    return Pair(b_then, e_then, b_now, e_now, caveats)


def _series_figures(reference: list[Figure], series: str, areas: tuple[str, ...]) -> list[Figure]:
    return [f for f in reference if f.series == series and f.area in areas]


CHECK_COLUMNS = ["check_id", "claim_id", "article_id", "claim_type", "rank", "subject", "place", "series", "area",
                 "unit", "base_period", "base_value", "end_period", "end_value", "official_change",
                 "claimed_change", "verdict", "base_value_now", "end_value_now", "official_change_now", "verdict_now",
                 "vintage", "confidence", "sources", "span_basis", "caveats"]


def _row(claim: Mapping[str, Any], rank: int, **values: object) -> dict[str, object]:
    row: dict[str, object] = {c: "" for c in CHECK_COLUMNS}
    row.update({"check_id": f"{claim['claim_id']}-{rank}", "claim_id": claim["claim_id"],
                "article_id": claim["article_id"], "rank": rank})
    row.update(values)
    return row


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def level_year(period_text: str) -> YearToken | None:
    """The year a level is stated for: the last year its period names ("in 2019/20", "in the year
    to March 2019", "between 2017 and 2018" -> 2018), or None."""
    tokens = [year_token(m.group(0)) for m in re.finditer(_YEAR, period_text or "")]
    tokens = [t for t in tokens if t is not None]
    return tokens[-1] if tokens else None


def level_verdict(claimed: float, official: float, magnitude: str) -> str:
    words = str(magnitude or "").lower()
    if re.search(r"\b(?:more than|over|at least|upwards of)\b", words):
        return "supported" if official >= claimed * (1 - LEVEL_TOLERANCE) else "overstated"
    if re.search(r"\b(?:almost|nearly|approaching|close to|up to|fewer than|less than|under)\b", words):
        return "supported" if official <= claimed * (1 + LEVEL_TOLERANCE) else "understated"
    ratio = claimed / official - 1 if official else float("inf")
    if abs(ratio) <= LEVEL_TOLERANCE:
        return "supported"
    return "overstated" if ratio > 0 else "understated"


def _same_unit(claimed: str, official: str) -> bool:
    """Whether a claim's unit (offences, homicides, victims, ...) counts what the series counts."""
    a, b = str(claimed or "").lower().rstrip("s"), str(official or "").lower()
    return not a or a in b or (a in ("homicide", "murder", "killing") and ("homicide" in b or "victim" in b))


def check_level(claim: Mapping[str, Any], published: str, reference: list[Figure]) -> list[dict[str, object]]:
    """A level claim next to the official figure for its year (rules in the module docstring)."""
    base = dict(claim_type="outcome", subject=claim["metric"], place=claim["place"])
    value = claim.get("value")
    if value is None or pd.isna(value) or str(value) == "":
        return [_row(claim, 1, **base, verdict="not checkable", caveats="a level with no figure")]
    claimed, unit = float(value), str(claim.get("unit") or "")
    stated, figure = str(claim.get("magnitude") or "").strip(), f"{claimed:,.0f} {unit}".strip()
    words = f"level: {stated} ({figure})" if stated and stated != f"{claimed:,.0f}" else f"level: {figure}"
    token, pub = level_year(claim["period"]), _date(published)
    if token is None and pub is None:
        return [_row(claim, 1, **base, verdict="not checkable", claimed_change=words,
                     caveats="undated article and no year in the claim")]
    options = SERIES_FOR.get((claim["metric"], claim["place"]), [])
    for series, areas in options:
        annual = _annual(_series_figures(reference, series, areas))
        if token is not None:
            label, basis = _best_label(annual, token), f"stated in the claim ({claim['period']})"
        else:
            label, basis = _latest_out_by(annual, pub), "not stated: the last full year published before the article"
        if label is None:
            continue
        now = _pick(annual[label], pub, False)
        then = _pick(annual[label], pub, True) if pub else _first_published(annual[label])
        caveats = [] if then is not None else ["which figure was published before the article could not be established"]
        then = then or now
        if now.bound:
            continue
        if not _same_unit(unit, now.unit):
            return [_row(claim, 1, **base, verdict="not checkable", claimed_change=words, series=series,
                         unit=now.unit, end_period=label, end_value=now.value, span_basis=basis,
                         caveats=f"the claim counts {unit}, the series counts {now.unit}")]
        return [_row(claim, 1, **base, series=series, area=now.area, unit=now.unit, end_period=label,
                     end_value=then.value, claimed_change=words, verdict=level_verdict(claimed, then.value,
                                                                                       claim.get("magnitude", "")),
                     end_value_now=now.value, verdict_now=level_verdict(claimed, now.value, claim.get("magnitude", "")),
                     vintage="figures published by the article's date" if pub and not caveats else "latest figures",
                     confidence=_weakest([then.confidence, now.confidence]),
                     sources=" | ".join(dict.fromkeys([then.source_url, now.source_url])), span_basis=basis,
                     caveats="; ".join(caveats))]
    why = "no reference series for this metric and place" if not options else \
        "no official figure for the year the claim names"
    return [_row(claim, 1, **base, verdict="not checkable", claimed_change=words, caveats=why)]


def check_outcome(claim: Mapping[str, Any], published: str, reference: list[Figure]) -> list[dict[str, object]]:
    """One row per reference series consulted (rank 1 is the claim's own place), or one
    'not checkable' row saying why."""
    subject = claim["metric"]
    base = dict(claim_type="outcome", subject=subject, place=claim["place"])
    change = claim.get("change")
    change = None if change is None or pd.isna(change) else float(change)
    if claim["direction"] == "none":
        return check_level(claim, published, reference)
    span = claim_span(claim["period"], published)
    if span is None:
        why = "undated article and no period in the claim" if not published else "the claim gives a single period"
        return [_row(claim, 1, **base, verdict="not checkable", caveats=why)]
    low, high, words = claimed_range(claim["direction"], claim["magnitude"], change)
    places = [claim["place"]] + ([WIDER_AREA[claim["place"]]] if claim["place"] in WIDER_AREA else [])
    rows: list[dict[str, object]] = []
    pub = _date(published)
    for place in places:
        options = SERIES_FOR.get((subject, place), [])
        pair = None
        for series, areas in options:
            pair = find_pair(_series_figures(reference, series, areas), span, pub)
            if pair:
                break
        if pair is None:
            if place == claim["place"]:
                why = "no reference series for this metric and place" if not options else \
                    "a figure for a period the claim needs is missing"
                rows.append(_row(claim, 1, **base, verdict="not checkable", claimed_change=words, caveats=why,
                                 span_basis=span.basis))
            continue
        official = pair.end.value / pair.base.value - 1
        official_now = pair.end_now.value / pair.base_now.value - 1
        then_known = not any(c.startswith("which figures") for c in pair.caveats)
        vintage = ("first-published figures (article undated)" if not pub else
                   "figures published by the article's date" if then_known else "latest figures")
        rank = len(rows) + 1
        note = [] if place == claim["place"] else [f"wider area ({place}) for context"]
        rows.append(_row(
            claim, rank, **{**base, "place": place}, series=pair.end.series, area=pair.end.area, unit=pair.end.unit,
            base_period=pair.base.period.label, base_value=pair.base.value, end_period=pair.end.period.label,
            end_value=pair.end.value, official_change=round(official, 4), claimed_change=words,
            verdict=verdict(official, claim["direction"], low, high),
            base_value_now=pair.base_now.value, end_value_now=pair.end_now.value,
            official_change_now=round(official_now, 4),
            verdict_now=verdict(official_now, claim["direction"], low, high),
            vintage=vintage,
            confidence=_weakest([pair.base.confidence, pair.end.confidence]),
            sources=" | ".join(dict.fromkeys([pair.base.source_url, pair.end.source_url, pair.base_now.source_url,
                                              pair.end_now.source_url])),
            span_basis=span.basis, caveats="; ".join(note + pair.caveats)))
    return rows


# ---------------------------------------------------------------- checking funding

FUNDING_SERIES = {
    "Violence Reduction Unit": ("vru_funding_total", "vru_allocation", "vru_funding_cumulative"),
    "Surge funding": ("surge_funding_total", "surge_funding_first_tranche", "surge_funding_second_tranche"),
    "Grip funding": ("grip_allocation",),
    "Serious Violence Fund": ("serious_violence_fund_total",),
}
NATIONAL_AREA = re.compile(r"England and Wales|^\d+ (?:forces|PCCs|PFAs|VRUs)$")
PLACE_AREAS = {"London": ("Metropolitan Police", "Metropolitan Police (London)", "Metropolitan Police/London")}


def _funding_area_matches(area: str, place: str) -> bool:
    if place in ("England and Wales", "United Kingdom", ""):
        return bool(NATIONAL_AREA.search(area))
    return area in PLACE_AREAS.get(place, ()) or area.startswith(place)


def _claim_fy(claim: Mapping[str, Any], published: str) -> str:
    period = str(claim.get("period", ""))
    m = re.search(r"((?:19|20)\d{2})\s?[/-]\s?(\d{2,4})", period)
    if m:
        return f"{m.group(1)}/{str(_second_year(int(m.group(1)), m.group(2)))[-2:]}"
    m = re.search(r"((?:19|20)\d{2})\s+to\s+((?:19|20)\d{2})", period)  # GOV.UK's "in 2024 to 2025"
    if m and int(m.group(2)) == int(m.group(1)) + 1:
        return f"{m.group(1)}/{m.group(2)[-2:]}"
    pub = _date(published)
    if pub is None:
        return ""
    first = pub.year if pub.month >= 4 else pub.year - 1
    return f"{first}/{str(first + 1)[-2:]}"


def check_funding(claim: Mapping[str, Any], published: str, reference: list[Figure]) -> list[dict[str, object]]:
    programme = claim["programme"]
    base = dict(claim_type="funding", subject=f"{claim['amount_text']} {programme}".strip(), place=claim["place"])
    series = FUNDING_SERIES.get(programme)
    if not series:
        return [_row(claim, 1, **base, verdict="not checkable", caveats="no reference allocation for this programme")]
    amount = float(claim["amount_gbp"])
    candidates = [f for f in reference if f.series in series and _funding_area_matches(f.area, claim["place"])]
    if not candidates:
        return [_row(claim, 1, **base, verdict="not checkable",
                     caveats="no reference allocation for this programme and place")]
    fy = _claim_fy(claim, published)

    def same_year(f: Figure) -> bool:
        return bool(fy) and f.period.kind == "annual" and f.period.start == _fy(int(fy[:4]))[0]

    def matches(f: Figure) -> bool:
        return amount >= f.value * 0.99 if f.bound == ">" else abs(amount - f.value) <= 0.01 * f.value

    in_year = [f for f in candidates if same_year(f)]
    hit = next((f for f in candidates if matches(f) and (not in_year or same_year(f))), None)
    if hit is None and not fy:
        hit = next((f for f in candidates if matches(f)), None)
    if hit is not None:
        verdict_text, used = "consistent", hit
        caveat = "" if same_year(hit) else f"period not stated; matches the {hit.period.label} figure"
    elif in_year:
        used = min(in_year, key=lambda f: abs(f.value - amount))
        verdict_text, caveat = "inconsistent", f"the {used.period.label} reference figure differs"
    else:
        return [_row(claim, 1, **base, verdict="not checkable", claimed_change=claim["amount_text"],
                     caveats="no reference figure for the claim's year" if fy else
                     "no period in the claim and no date on the article")]
    return [_row(claim, 1, **base, series=used.series, area=used.area, unit=used.unit, end_period=used.period.label,
                 end_value=f"{used.bound}{used.value:.0f}", claimed_change=f"{claim['amount_text']} ({amount:,.0f})",
                 verdict=verdict_text, vintage="as published", confidence=used.confidence, sources=used.source_url,
                 span_basis=f"financial year {fy}" if fy else "any year", caveats=caveat)]


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as dicts of Python values: what ``df.to_dict("records")`` gives, read a column at a
    time (six times faster on the claims tables)."""
    columns = list(df.columns)
    return [dict(zip(columns, row)) for row in zip(*(df[c].tolist() for c in columns))]


def check_claims(outcomes: pd.DataFrame, funding: pd.DataFrame, articles: pd.DataFrame,
                 reference: list[Figure]) -> pd.DataFrame:
    """Every outcome claim and every top-level funding claim, checked. Claims that say the same thing
    (same metric, place, words, period and article date) are checked once."""
    published = dict(zip(articles["article_id"], articles["published"]))
    rows: list[dict[str, object]] = []
    memo: dict[tuple, list[dict[str, object]]] = {}
    for claim in _records(outcomes):
        pub = published.get(claim["article_id"], "")
        change = None if pd.isna(claim.get("change")) else float(claim["change"])
        key = ("O", claim["metric"], claim["place"], claim["direction"], claim["magnitude"], change,
               claim["period"], pub, None if pd.isna(claim.get("value")) else claim.get("value"), claim.get("unit"))
        if key not in memo:
            memo[key] = check_outcome(claim, pub, reference)
        rows.extend(_restamp(memo[key], claim))
    for claim in _records(funding[funding["part_of"].fillna("") == ""]):
        pub = published.get(claim["article_id"], "")
        key = ("F", claim["programme"], claim["place"], claim["amount_gbp"], claim["amount_text"],
               claim.get("period", ""), pub)
        if key not in memo:
            memo[key] = check_funding(claim, pub, reference)
        rows.extend(_restamp(memo[key], claim))
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def _restamp(rows: list[dict[str, object]], claim: dict[str, object]) -> list[dict[str, object]]:
    return [{**row, "check_id": f"{claim['claim_id']}-{row['rank']}", "claim_id": claim["claim_id"],
             "article_id": claim["article_id"]} for row in rows]


def verdict_counts(checks: pd.DataFrame) -> pd.DataFrame:
    """Claims per verdict (each claim counted once, by its own place's check)."""
    primary = checks[checks["rank"].astype(int) == 1]
    return (primary.groupby(["claim_type", "verdict"]).size().rename("claims").reset_index()
            .sort_values(["claim_type", "claims"], ascending=[True, False], ignore_index=True))

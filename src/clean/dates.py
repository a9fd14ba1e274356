"""Publication dates: header date lines, datelines in the text, and weekday-only dates.

A copyright year is never a date (the cleaner drops those lines before dates are looked for),
and when the text does not say, the answer is None: an empty date is right, a wrong one is not.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from src.common.patterns import compile_guarded

MONTHS = {m: i for i, names in enumerate([
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for m in names}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WD = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?"
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:BST|GMT|UTC))?)?"

# "10th Aug 22 12:21 pm", "Tuesday 5 July 2018", "5 July, 2018"
DMY = compile_guarded(rf"\b(?:(?P<wd>{_WD}),?\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MON})\.?,?\s+(?P<y>\d{{4}}|\d{{2}})\b{_TIME}", re.I)
# "August 10, 2022", "Aug 10th 2022"
MDY = compile_guarded(rf"\b(?:(?P<wd>{_WD}),?\s+)?(?P<m>{_MON})\.?\s+(?P<d>{_DAY}),?\s+(?P<y>\d{{4}})\b{_TIME}", re.I)
ISO = compile_guarded(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:\b|(?=T\d))"
                 r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
NUMERIC = compile_guarded(r"\b(?P<d>0?[1-9]|[12]\d|3[01])[/.](?P<m>0?[1-9]|1[0-2])[/.](?P<y>(?:19|20)\d{2}|\d{2})\b")
# "Friday 7th September" with no year after it
WEEKDAY_NO_YEAR = compile_guarded(rf"\b(?P<wd>{_WD}),?\s+(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MON})\b(?!\.?,?\s+(?:\d{{4}}|\d{{2}}\b))", re.I)
DATE_LABEL = compile_guarded(r"^(?:published|posted|updated|last updated|first published|date|dated|on)\s*(?:on)?\s*[:\-]?\s*", re.I)
MONTH_YEAR = compile_guarded(rf"^(?:published|posted|date)?\s*:?\s*{_MON}\.?,?\s+(?:19|20)\d{{2}}$", re.I)
YEAR = compile_guarded(r"(?<![\d£$.,-])((?:19|20)\d{2})(?:[-/](\d{1,2}|\d{4}))?\b(?![.,]\d)")
FORWARD_YEAR = compile_guarded(r"\b(?:by|until|till|before|up to|through to)\s+(?:the\s+end\s+of\s+)?$", re.I)


def _year(y: str) -> int:
    v = int(y)
    if len(y) == 2:
        v += 2000 if v <= (date.today().year % 100) + 1 else 1900
    return v


def _build(m: re.Match[str]) -> date | None:
    month = m.group("m")
    mon = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."), 0)
    day = int(re.sub(r"\D", "", m.group("d")))
    try:
        value = date(_year(m.group("y")), mon, day)
    except ValueError:
        return None
    wd = m.groupdict().get("wd")
    if wd and WEEKDAYS.index(next(w for w in WEEKDAYS if w.startswith(wd.lower()[:3]))) != value.weekday():
        return None  # "Friday 7 September 2019" is not a real day: trust nothing
    return value if value <= date.today() + timedelta(days=1) else None


def find_dates(text: str) -> list[tuple[date, re.Match[str]]]:
    """Every full date (with a year) in ``text``, in order of position."""
    found: list[tuple[date, re.Match[str]]] = []
    for pattern in (DMY, MDY, ISO, NUMERIC):
        for m in pattern.finditer(text):
            value = _build(m)
            if value and not any(m.start() < o.end() and o.start() < m.end() for _, o in found):
                found.append((value, m))
    return sorted(found, key=lambda pair: pair[1].start())


def date_line(line: str) -> date | None:
    """The date of a line that is (almost) only a date: a header line such as '10th Aug 22 12:21 pm'."""
    # copied pages glue words together: "11:04, 23 JUN 2019Updated11:30, 23 JUN 2019"
    text = re.sub(r"(?<=\d)(?=[A-Za-z]{3})|(?<=[a-z])(?=\d)", " ", line.strip())
    first = re.split(r"\s*\b(?:updated|last updated|modified)\b", text, maxsplit=1, flags=re.I)[0]
    if first.strip() and find_dates(first):
        text = first  # "23 JUN 2019 Updated 24 JUN 2019": the first date is the publication date
    stripped = DATE_LABEL.sub("", text)
    if re.search(rf"\b{_DAY}\s*(?:-|–|to)\s*{_DAY}\s+{_MON}\b", stripped, re.I):
        return None  # "12 - 14 March 2019": a span of days (an event), not when the page was published
    dates = find_dates(stripped)
    if len(dates) != 1:
        return None
    value, m = dates[0]
    rest = (stripped[: m.start()] + stripped[m.end():]).strip(" |,-–—·•")
    return value if len(rest.split()) <= 2 and not re.search(r"[.!?]$", rest) else None


TODAY_DATELINE = compile_guarded(r"\b(?:today|this (?:morning|afternoon|evening|week))(?:'s)?\s*\(([^)]{6,40})\)", re.I)
LEAD_DATELINE = compile_guarded(r"^[A-Z][A-Za-z .'-]{1,40},\s*([^-–—:]{6,40}?)\s*[-–—:]\s+\S")


def dateline_in_text(lines: list[str]) -> date | None:
    """A date the text gives for itself: "today's (5 July 2018) meeting", "LONDON, 5 July 2018 - ..."."""
    for line in lines:
        for m in TODAY_DATELINE.finditer(line):
            dates = find_dates(m.group(1))
            if len(dates) == 1:
                return dates[0][0]
    if lines:
        m = LEAD_DATELINE.match(lines[0])
        if m:
            dates = find_dates(m.group(1))
            if len(dates) == 1:
                return dates[0][0]
    return None


def years_mentioned(text: str) -> list[int]:
    """Years the text refers to as past or present (not targets such as 'by 2030')."""
    years: list[int] = []
    this_year = date.today().year
    for m in YEAR.finditer(text):
        if FORWARD_YEAR.search(text[max(0, m.start() - 25): m.start()]):
            continue
        first = int(m.group(1))
        second = m.group(2)
        last = first
        if second:  # "2006-7", "2016/17", "2019/2020"
            last = int(second) if len(second) == 4 else first - first % (10 ** len(second)) + int(second)
            last = last if last >= first else first
        if 1990 <= last <= this_year:
            years.append(last)
    return years


def infer_weekday_date(text: str, window: int = 7) -> date | None:
    """'Friday 7th September' with no year: the year in which that day is a Friday, on or after the
    latest year the text mentions (an article is written after the years it reports) and within
    ``window`` years of it. None when the text mentions no year or no such year exists."""
    years = years_mentioned(text)
    if not years:
        return None
    latest = max(years)
    for m in WEEKDAY_NO_YEAR.finditer(text):
        wd = next(i for i, w in enumerate(WEEKDAYS) if w.startswith(m.group("wd").lower()[:3]))
        mon = MONTHS.get(m.group("m").lower().rstrip("."), 0)
        day = int(re.sub(r"\D", "", m.group("d")))
        for year in range(latest, min(latest + window, date.today().year) + 1):
            try:
                candidate = date(year, mon, day)
            except ValueError:
                continue
            if candidate.weekday() == wd:
                return candidate
    return None

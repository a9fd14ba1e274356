"""Amounts of money as written in UK news, normalised to pounds.

£35m, £63.4m, £2 million, £500,000, £1.2bn, £45million, £2-3 million, £2m to £3m,
"up to £5m", "5 million pounds". Counts (2,500 activities) and percentages are not money.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from src.common.patterns import compile_guarded

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNITS = r"billion|million|thousand|bn|mn|mil|m|k|b"
# a unit attached to the number ("£45million", "£3.6m", even "£3.6mworth" in copied text) or after one
# space as a whole word ("£2 million", not the "m" of "£5 more"); the number itself is never cut short
_UNIT = rf"(?:{_UNITS})|\s(?:{_UNITS})\b"
MONEY = compile_guarded(
    rf"(?P<qual>\b(?:up to|more than|over|almost|nearly|around|about|approximately|at least|some|an extra|"
    rf"a further|an additional)\s+)?"
    rf"(?:£|GBP\s?)\s?(?P<n1>{_NUM})(?!\d)(?P<u1>{_UNIT})?"
    rf"(?:\s?(?:-|–|to)\s?(?:£\s?)?(?P<n2>{_NUM})(?!\d)(?P<u2>{_UNIT})?)?"
    rf"|(?P<n3>{_NUM})(?!\d)(?P<u3>{_UNIT})?\s+(?:pounds|sterling)\b", re.I)
_SCALE = {"bn": 1e9, "billion": 1e9, "b": 1e9, "m": 1e6, "mn": 1e6, "mil": 1e6, "million": 1e6,
          "k": 1e3, "thousand": 1e3}


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    text: str
    amount: float  # the amount in pounds; for a range, its upper end
    low: float  # lower end of a range (== amount otherwise)
    qualifier: str  # "up to", "more than" ... or ""


def _value(number: str, unit: str | None) -> float:
    return float(number.replace(",", "")) * _SCALE.get((unit or "").strip().lower(), 1.0)


def find_money(text: str) -> list[Money]:
    out: list[Money] = []
    if "£" not in text and "GBP" not in text and "pounds" not in text and "sterling" not in text:
        return out  # most sentences hold no money: skip the costly scan
    for m in MONEY.finditer(text):
        qual = (m.group("qual") or "").strip().lower()
        if m.group("n3"):
            amount = _value(m.group("n3"), m.group("u3"))
            out.append(Money(m.start(), m.end(), m.group().strip(), amount, amount, qual))
            continue
        u1, u2 = m.group("u1"), m.group("u2")
        if m.group("n2") and u2 and not u1 and "," in m.group("n1"):
            # "an additional £82,000 to £1.217 million": a rise to a new total, two amounts
            first = _value(m.group("n1"), None)
            n2_at = m.start("n2") - (1 if text[m.start("n2") - 1] == "£" else 0)
            out.append(Money(m.start(), m.end("n1"), text[m.start():m.end("n1")].strip(), first, first, qual))
            second = _value(m.group("n2"), u2)
            out.append(Money(n2_at, m.end(), text[n2_at:m.end()].strip(), second, second, ""))
            continue
        if m.group("n2") and not u2 and "£" not in text[m.end("n1"):m.start("n2")] \
                and (u1 or _value(m.group("n2"), None) < _value(m.group("n1"), None)):
            # "£2m to 12 grassroots projects": a bare number after "to" is not the end of a range when
            # the amount has a unit ("£2m to £3m" and "£2m to 3m" are) or when it is smaller
            end = m.end("u1") if u1 else m.end("n1")
            amount = _value(m.group("n1"), u1)
            out.append(Money(m.start(), end, text[m.start():end].strip(), amount, amount, qual))
            continue
        high = _value(m.group("n2"), u2 or u1) if m.group("n2") else None
        low = _value(m.group("n1"), u1 or (u2 if high is not None else None))
        amount = max(low, high) if high is not None else low
        out.append(Money(m.start(), m.end(), m.group().strip(), amount, min(low, high or low), qual))
    return _merge_between([x for x in out if x.amount > 0], text)


def _merge_between(found: list[Money], text: str) -> list[Money]:
    """'between £2m and £4m' is one range."""
    merged: list[Money] = []
    for item in found:
        if merged and re.fullmatch(r"\s+and\s+", text[merged[-1].end:item.start]) and \
                re.search(r"\bbetween\s+$", text[:merged[-1].start], re.I):
            first = merged.pop()
            merged.append(Money(first.start, item.end, text[first.start:item.end], max(first.amount, item.amount),
                                min(first.low, item.low), first.qualifier))
        else:
            merged.append(item)
    return merged

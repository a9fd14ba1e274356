"""compile_guarded: the same matches as re.compile, with a first-character look-ahead in front."""
from __future__ import annotations

import re

import pytest

from src.claims import outcomes
from src.common.patterns import compile_guarded, first_characters

TEXTS = [
    "Knife crime rose by 7% to 741 offences, up from six hundred; twenty-one robberies and 1,234 thefts.",
    "THE MAYOR SAID £3.5m would fund Two projects; one in three were under 25 (ONE source).",
    "", "   ", "x", "Onetwo two-three 12,345.6 ninety nineteen", "naïve café — £5 £ 5bn 5 bn",
]

PATTERNS = [
    (r"\b(?:one|two|three)\b", 0),
    (r"\b(?:one|two|three)\b", re.I),
    (r"(?<![£$\d.,])\b(?:\d{1,3}(?:,\d{3})+|\d+|ninety|nineteen)", re.I),
    (r"(?:more than\s+|about\s+)?\b(?P<n>\d+)\s?(?P<scale>million|thousand)?", re.I),  # optional prefix
    (r"(?:up|down)?\s*by\s+\d+%", 0),  # optional word, then a space class
    (r"(?i:knife)\s+crime", 0),  # case-insensitive part inside a case-sensitive pattern
    (r"\b(?:a|b)*", 0),  # can match the empty string
    (r"[^a-z]+x|y", 0),  # a negated class
    (r"(?=\d)\d+|£\s?\d+", 0),
]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_guarded_patterns_find_exactly_what_plain_ones_find(pattern: str, flags: int) -> None:
    plain, guarded = re.compile(pattern, flags), compile_guarded(pattern, flags)
    for text in TEXTS:
        assert [(m.span(), m.groups()) for m in guarded.finditer(text)] == \
            [(m.span(), m.groups()) for m in plain.finditer(text)]
        for pos in range(len(text) + 1):
            a, b = plain.match(text, pos), guarded.match(text, pos)
            assert (a and a.span()) == (b and b.span())


def test_the_guard_is_the_set_of_first_characters() -> None:
    assert first_characters(r"\b(?:one|two|three)\b") == "[ot]"
    assert first_characters(r"(?:more than\s+)?(?P<n>\d+|six)", re.I) == r"[\dms]"
    # nothing to gain, or no safe guard: the pattern is compiled as it is
    assert first_characters(r"[.!?]+ ") is None  # the engine checks a leading class itself
    assert first_characters(r"\b(?:a|b)*") is None  # may match nothing
    assert first_characters(r"(?i:knife)") is None
    assert first_characters(r".x") is None
    assert compile_guarded(r"[^a-z]+x").pattern == r"[^a-z]+x"


def test_the_claim_patterns_match_as_before_on_their_own_sentences() -> None:
    for name in ("COUNT", "CHANGE", "PERCENT", "REFERS_BACK"):
        guarded = getattr(outcomes, name)
        plain = re.compile(guarded.pattern.split(")(?:", 1)[1][:-1] if guarded.pattern.startswith("(?=[")
                           else guarded.pattern, guarded.flags)
        assert guarded.pattern != plain.pattern, name  # these do carry a guard
        for text in TEXTS:
            assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)], name

"""UK places named in crime-policy news: nations, regions, police force areas, cities, London boroughs.

Longer names win over shorter ones inside them ("West Midlands" over "Midlands",
"England and Wales" over "England"). Descriptive references ("the capital", "the second city")
map to their place.
"""
from __future__ import annotations

import re
from functools import lru_cache

from src.common.patterns import compile_guarded
from src.common.vocab import vocabulary


def _places() -> tuple[dict[str, str], dict[str, str]]:
    """name -> canonical place, and description (lower case) -> place, from vocabularies/places.csv."""
    names: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    for row in vocabulary("places"):
        if row["kind"] == "description":
            descriptions[row["name"].lower()] = row["canonical"]
        else:
            names[row["name"]] = row["canonical"] or row["name"]
    return names, descriptions


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[tuple[str, str]]], re.Pattern[str], dict[str, str]]:
    """First word -> [(full name, canonical)], longest first; and a pattern for the descriptions."""
    names, descriptions = _places()
    by_first: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(names, key=len, reverse=True):
        by_first.setdefault(name.split()[0], []).append((name, names[name]))
    desc = "|".join(re.escape(d) for d in sorted(descriptions, key=len, reverse=True))
    return by_first, compile_guarded(rf"\b(?:{desc})\b", re.I), descriptions


def place_words() -> frozenset[str]:
    """Every capitalised word of a place name ("West", "Midlands", "Camden")."""
    return frozenset(w for name in _places()[0] for w in name.split() if w[:1].isupper())


_CAPITALISED = compile_guarded(r"\b[A-Z][\w-]*")
# a place inside an institution's name is not where a claim applies: "researchers at the University
# of Cardiff", "Cardiff Crown Court", "Manchester Airport"
_INSTITUTION_AFTER = compile_guarded(r"\s(?:University|Crown Court|Magistrates|Airport|Prison|Royal Infirmary|"
                                     r"Infirmary|City FC|FC)\b")


@lru_cache(maxsize=8192)
def find_places(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, canonical place) for every place named in ``text``. Names must be capitalised
    ("Reading", not "reading"); "Londoners" and "London's" count as London; the longest name wins."""
    by_first, descriptions, place_of = _index()
    out: list[tuple[int, int, str]] = []
    taken_until = -1
    for m in _CAPITALISED.finditer(text):
        if m.start() < taken_until:
            continue
        word = m.group()
        for key in (word, word[:-3] if word.endswith("ers") else None, word[:-1] if word.endswith("s") else None):
            if not key or key not in by_first:
                continue
            hit = None
            for name, canon in by_first[key]:
                candidate = text[m.start():m.start() + len(name)]
                if len(name.split()) == 1:
                    candidate = key
                if candidate == name and (len(name.split()) == 1 or not text[m.start() + len(name):][:1].isalnum()):
                    hit = (name, canon)
                    break
            if hit:
                end = m.start() + (len(hit[0]) if len(hit[0].split()) > 1 else len(word))
                taken_until = end
                if not text.endswith("University of ", 0, m.start()) and not _INSTITUTION_AFTER.match(text, end):
                    out.append((m.start(), end, hit[1]))
                break
    for m in descriptions.finditer(text):
        out.append((m.start(), m.end(), place_of[m.group().lower()]))
    return tuple(sorted(out))


def places_in(text: str) -> list[str]:
    seen: list[str] = []
    for _, _, place in find_places(text):
        if place not in seen:
            seen.append(place)
    return seen


@lru_cache(maxsize=1)
def _parents() -> tuple[dict[str, str], frozenset[str]]:
    """place -> the place it lies in, and the nations, from vocabularies/places.csv."""
    parents, nations = {}, set()
    for row in vocabulary("places"):
        name = row["canonical"] or row["name"]
        if row["kind"] == "nation":
            nations.add(name)
        elif row.get("parent"):
            parents.setdefault(name, row["parent"])
    return parents, frozenset(nations)


def nation_of(place: str) -> str:
    """The nation a place lies in ("Glasgow" -> "Scotland"), '' when places.csv does not say."""
    parents, nations = _parents()
    seen: set[str] = set()
    while place and place not in nations and place not in seen:
        seen.add(place)
        place = parents.get(place, "")
    return place if place in nations else ""

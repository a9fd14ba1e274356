"""UK places named in crime-policy news: nations, regions, police force areas, cities, London boroughs.

Longer names win over shorter ones inside them ("West Midlands" over "Midlands",
"England and Wales" over "England"). Descriptive references ("the capital", "the second city")
map to their place.
"""
from __future__ import annotations

import re
from functools import lru_cache

NATIONS_REGIONS = [
    "England and Wales", "United Kingdom", "UK", "Britain", "Great Britain", "England", "Wales", "Scotland",
    "Northern Ireland", "West Midlands", "East Midlands", "North West", "North East", "South West", "South East",
    "Yorkshire and the Humber", "East of England", "Greater London", "Greater Manchester", "Merseyside",
    "West Yorkshire", "South Yorkshire", "North Yorkshire", "Lancashire", "Cheshire", "Cumbria", "Northumbria",
    "Durham", "Cleveland", "Humberside", "Lincolnshire", "Nottinghamshire", "Derbyshire", "Leicestershire",
    "Northamptonshire", "Staffordshire", "Warwickshire", "West Mercia", "Gloucestershire", "Avon and Somerset",
    "Devon and Cornwall", "Dorset", "Wiltshire", "Hampshire", "Thames Valley", "Surrey", "Sussex", "Kent",
    "Essex", "Hertfordshire", "Bedfordshire", "Cambridgeshire", "Norfolk", "Suffolk", "South Wales",
    "North Wales", "Gwent", "Dyfed-Powys", "Strathclyde", "Lothian", "Tayside", "Highlands",
]
CITIES = [
    "London", "Birmingham", "Manchester", "Liverpool", "Leeds", "Sheffield", "Bristol", "Newcastle",
    "Nottingham", "Leicester", "Coventry", "Bradford", "Wolverhampton", "Sunderland", "Southampton",
    "Portsmouth", "Brighton", "Plymouth", "Reading", "Luton", "Milton Keynes", "Northampton", "Derby", "Stoke",
    "Hull", "Middlesbrough", "Preston", "Blackpool", "Bolton", "Salford", "Oldham", "Walsall", "Dudley",
    "West Bromwich", "Sandwell", "Solihull", "Cardiff", "Swansea", "Newport", "Glasgow", "Edinburgh",
    "Aberdeen", "Dundee", "Belfast", "Oxford", "Cambridge", "Norwich", "Ipswich", "Exeter", "York",
    "Southend", "Chelmsford", "Slough", "Peterborough", "Doncaster", "Rotherham", "Wakefield", "Huddersfield",
]
LONDON_BOROUGHS = [
    "City of London", "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon",
    "Ealing", "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering",
    "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea", "Kingston", "Lambeth", "Lewisham",
    "Merton", "Newham", "Redbridge", "Richmond", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest",
    "Wandsworth", "Westminster", "Dagenham", "Rainham", "Tottenham", "Tottenham Hale", "Brixton", "Peckham",
    "Stratford", "Walthamstow", "Woolwich", "Hammersmith", "Fulham",
]
DESCRIPTIONS = {
    "the capital": "London", "the second city": "Birmingham", "nationally": "England and Wales",
    "across the country": "England and Wales", "across england and wales": "England and Wales",
}
CANONICAL = {"UK": "United Kingdom", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
             "Greater London": "London"}


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[tuple[str, str]]], re.Pattern[str]]:
    """First word -> [(full name, canonical)], longest first; and a pattern for the descriptions."""
    by_first: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(set(NATIONS_REGIONS + CITIES + LONDON_BOROUGHS), key=len, reverse=True):
        by_first.setdefault(name.split()[0], []).append((name, CANONICAL.get(name, name)))
    desc = "|".join(re.escape(d) for d in sorted(DESCRIPTIONS, key=len, reverse=True))
    return by_first, re.compile(rf"\b(?:{desc})\b", re.I)


_CAPITALISED = re.compile(r"\b[A-Z][\w-]*")


@lru_cache(maxsize=8192)
def find_places(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, canonical place) for every place named in ``text``. Names must be capitalised
    ("Reading", not "reading"); "Londoners" and "London's" count as London; the longest name wins."""
    by_first, descriptions = _index()
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
                out.append((m.start(), end, hit[1]))
                taken_until = end
                break
    for m in descriptions.finditer(text):
        out.append((m.start(), m.end(), DESCRIPTIONS[m.group().lower()]))
    return tuple(sorted(out))


def places_in(text: str) -> list[str]:
    seen: list[str] = []
    for _, _, place in find_places(text):
        if place not in seen:
            seen.append(place)
    return seen

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
def _pattern() -> re.Pattern[str]:
    names = sorted(set(NATIONS_REGIONS + CITIES + LONDON_BOROUGHS), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    desc = "|".join(re.escape(d) for d in sorted(DESCRIPTIONS, key=len, reverse=True))
    # Londoners/Glaswegians count as their city
    return re.compile(rf"\b(?:(?P<name>{alt})(?:ers|'s)?|(?P<desc>{desc}))\b", re.I)


def _canon(m: re.Match[str]) -> str:
    if m.group("desc"):
        return DESCRIPTIONS[m.group("desc").lower()]
    raw = m.group("name")
    for name in NATIONS_REGIONS + CITIES + LONDON_BOROUGHS:
        if name.lower() == raw.lower():
            return CANONICAL.get(name, name)
    return raw


def find_places(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical place) for every place named in ``text``, case-sensitively for names."""
    out = []
    for m in _pattern().finditer(text):
        if m.group("name") and not m.group("name")[0].isupper():
            continue  # "reading", "kent" in lower case are not places
        out.append((m.start(), m.end(), _canon(m)))
    return out


def places_in(text: str) -> list[str]:
    seen: list[str] = []
    for _, _, place in find_places(text):
        if place not in seen:
            seen.append(place)
    return seen

"""Who pays and what for: funders, programmes and their canonical names.

Funders are public bodies and office-holders (Home Office, a mayor, a police and crime
commissioner, a council, the Scottish Government ...). Programmes are named schemes, funds,
units and strategies, found by their shape (capitalised name ending in Fund, Unit, Strategy ...;
a name followed by "scheme" or "programme"; a quoted name) plus a small lexicon of recurring
policies that news reports describe in varying words (GPS tagging of knife-crime offenders).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from src.claims.gazetteer import find_places, places_in
from src.common.patterns import compile_guarded
from src.common.vocab import split_values, vocabulary

# ---------------------------------------------------------------- funders

_CAP = r"[A-Z][\w'-]*"
_PLACE_PREFIX = rf"(?P<pl>(?:{_CAP}\s){{0,3}}?)"
# The shapes of funders named with a place: "Mayor of X", "PCC for X", "X PCC", "X Council".
FUNDER_SHAPES: list[tuple[re.Pattern[str], str]] = [
    (compile_guarded(r"\bMayor of (?:the )?(?P<m>(?:" + _CAP + r")(?: " + _CAP + r")?)"), "Mayor of {m}"),
    (compile_guarded(r"Police,? (?:Fire )?and Crime Commissioner for (?:the )?(?P<pl3>(?:" + _CAP + r")(?: (?:and )?" + _CAP
                + r"){0,3})"), "{pl3} Police and Crime Commissioner"),
    (compile_guarded(_PLACE_PREFIX + r"Police,? (?:Fire )?and Crime Commissioners?\b|" + _PLACE_PREFIX.replace("pl", "pl2")
                + r"PCCs?\b"), "{pl}Police and Crime Commissioner"),
    (compile_guarded(r"\b(?P<c>(?:" + _CAP + r" ){1,3})(?:City |Borough |County |District )?Council\b"), "{c}Council"),
    (compile_guarded(r"\b(?P<c>(?:" + _CAP + r" ){1,3})Combined Authority\b"), "{c}Combined Authority"),
]
_SHAPE_WORDS = ("Mayor", "Commissioner", "PCC", "Council", "Combined Authority")


def _alias_pattern(aliases: list[str]) -> re.Pattern[str]:
    return compile_guarded(r"\b(?:" + "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True)) + r")\b")


def _funder_patterns() -> list[tuple[re.Pattern[str], str, tuple[str, ...]]]:
    """Named funders from vocabularies/funders.csv, the shapes, then the generic names: in this
    order of precedence when two mentions overlap. Each comes with the words one of which a text
    must hold for it to match (empty: always try), so most rows cost a substring test, not a scan."""
    def patterns(generic: bool) -> list[tuple[re.Pattern[str], str, tuple[str, ...]]]:
        # the name is a format template (the shapes fill in places), so its own braces are escaped
        return [(_alias_pattern(split_values(r["aliases"]) or [r["funder"]]),
                 r["funder"].replace("{", "{{").replace("}", "}}"),
                 tuple(split_values(r["aliases"]) or [r["funder"]]))
                for r in vocabulary("funders") if (r["generic"] == "yes") == generic]

    shapes = [(pattern, template, ()) for pattern, template in FUNDER_SHAPES]
    return patterns(False) + shapes + patterns(True)


def national_funders() -> frozenset[str]:
    """Funders whose money is national unless a place is named (scope ``uk`` in funders.csv)."""
    return frozenset(r["funder"] for r in vocabulary("funders") if r["scope"] == "uk")


def grant_makers() -> frozenset[str]:
    """Independent grant-makers (kind ``charity`` in funders.csv): named as the body that gives the
    money, they pay, even where their name looks like a programme's ("the National Lottery Community Fund")."""
    return frozenset(r["funder"] for r in vocabulary("funders") if r["kind"] == "charity")


FUNDER_PATTERNS: list[tuple[re.Pattern[str], str, tuple[str, ...]]] = _funder_patterns()


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str


_FUNDER_HINT = compile_guarded("|".join(re.escape(a) for a in sorted(
    {a for r in vocabulary("funders") for a in split_values(r["aliases"]) + [r["funder"]]} | set(_SHAPE_WORDS),
    key=len, reverse=True)))


@lru_cache(maxsize=8192)
def find_funders(text: str) -> tuple[Mention, ...]:
    """Funder mentions in ``text`` with canonical names, in order, overlaps resolved to the first listed."""
    found: list[Mention] = []
    if not _FUNDER_HINT.search(text):
        return ()
    for pattern, template, hints in FUNDER_PATTERNS:
        if hints and not any(h in text for h in hints):
            continue  # none of its aliases is in the text
        if template.startswith("{pl}") and "ommissioner" not in text and "PCC" not in text:
            continue  # the PCC pattern is the costly one: run it only where it can match
        if template.startswith("{c}") and template[3:] not in text:
            continue
        for m in pattern.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            groups = {k: (v or "") for k, v in m.groupdict().items()}
            place = re.sub(r"^(?:The|the|A|a)\s+|['’]s$", "", (groups.get("pl") or groups.get("pl2") or "").strip())
            place = place if place and places_in(place) else ""
            pl3 = groups.get("pl3", "")
            if template.startswith("{pl3}"):
                at_start = [p for p in find_places(pl3) if p[0] == 0]
                if not at_start:
                    continue
                pl3 = at_start[0][2]  # "Avon and Somerset Sue Mountstevens": the place, not the name after it
            name = template.format(pl=(place + " ") if place else "", m=groups.get("m", ""),
                                   c=groups.get("c", ""), pl3=pl3).strip()
            if template.startswith("{c}") and not places_in(name):
                continue
            found.append(Mention(m.start(), m.end(), name))
    return tuple(sorted(found, key=lambda f: f.start))


def specific_funder(name: str, article_funders: list[str]) -> str:
    """'Police and Crime Commissioner' or 'Mayor' made specific from the article's fuller mentions."""
    if name == "Police and Crime Commissioner":
        full = {f for f in article_funders if f.endswith("Police and Crime Commissioner") and f != name}
        return full.pop() if len(full) == 1 else name
    if name == "Mayor":
        full = {f for f in article_funders if f.startswith("Mayor of")}
        return full.pop() if len(full) == 1 else name
    return name


@lru_cache(maxsize=1)
def _office_holders() -> tuple[re.Pattern[str] | None, dict[str, str], tuple[str, ...]]:
    """The pattern of every office-holder's name (vocabularies/funders.csv ``holders``), name -> office,
    and their surnames (a paragraph without any of them is not searched)."""
    offices = {name: row["funder"] for row in vocabulary("funders") for name in split_values(row.get("holders"))}
    if not offices:
        return None, {}, ()
    names = sorted(offices, key=len, reverse=True)
    return (compile_guarded(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b"), offices,
            tuple(sorted({n.split()[-1] for n in names})))


def holders_in(text: str) -> list[tuple[str, str]]:
    """(name, office) of every office-holder of funders.csv (``holders``) named in ``text``, in order."""
    holders, offices, surnames = _office_holders()
    if holders is None or not any(s in text for s in surnames):
        return []
    return [(m.group(), offices[m.group()]) for m in holders.finditer(text)]


# ---------------------------------------------------------------- programmes

HEAD_NOUNS = ("Fund", "Funds", "Unit", "Units", "Strategy", "Scheme", "Programme", "Program", "Centre", "Center",
              "Taskforce", "Task Force", "Initiative", "Project", "Partnership", "Network", "Service", "Team",
              "Plan", "Pilot", "Grant", "Campaign", "Duty", "Board", "Commission", "Alliance", "Fund's")
# names whose head comes first: police operations and projects ("Operation Sceptre", "Project Medusa")
HEAD_FIRST = compile_guarded(r"\b(?:Operation|Project)\s(?!The\b|A\b|An\b)[A-Z][\w'-]+(?:\s(?!The\b)[A-Z][\w'-]+)?")
LOWER_HEAD = compile_guarded(r"\b(?P<name>[A-Z][\w'-]*(?:\s(?:[A-Z][\w'-]*|and|of|&)){0,5})\s(?:[\w-]+\s){0,2}?"
                        r"(?P<head>scheme|programme|project|initiative|pilot|campaign|app)\b")
# a fund named by its owner: "the Mayor's fund hands £2m to ...", "the PCC's grant scheme"
OWNED = compile_guarded(r"\b(?P<owner>[A-Z][\w-]*(?:\s[A-Z][\w-]*){0,3})['’]s\s(?P<head>(?:[a-z-]+\s)?"
                        r"(?:fund|scheme|programme|grant|grants|initiative|project|pot))\b")
ACRONYM_DEF = compile_guarded(r"\b(?P<name>[A-Z][\w'-]*(?:\s(?:[A-Z][\w'-]*|and|of|for|&)){1,7})\s\((?P<acr>[A-Z]{2,6})\)")

def _concepts() -> dict[str, re.Pattern[str]]:
    """Canonical programme -> the pattern of its names, from vocabularies/programmes.csv (file order)."""
    out: dict[str, re.Pattern[str]] = {}
    for row in vocabulary("programmes"):
        flags = 0 if row["match_case"] == "yes" else re.I
        if row["pattern"]:
            out[row["programme"]] = compile_guarded(row["pattern"], flags)
            continue
        names = sorted({row["programme"], *split_values(row["aliases"]), *split_values(row["acronym"])},
                       key=len, reverse=True)
        out[row["programme"]] = compile_guarded(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", flags)
    return out


# Programmes that reports name in different words; canonical name -> pattern.
CONCEPTS: dict[str, re.Pattern[str]] = _concepts()
NOT_PROGRAMMES = compile_guarded(r"^(?:Home Office|Police and Crime|Crime and Disorder|Counter-Terrorism|Met Police|"
                            r"Metropolitan Police|City Hall|Association|National Police Chiefs)", re.I)


STOP_STARTS = {"The", "A", "An", "In", "This", "That", "These", "Those", "I", "It", "We", "He", "She", "They",
               "Our", "His", "Her", "Their", "Its", "New", "Every", "Each", "Any", "Some"}


def _only_places(name: str) -> bool:
    return bool(places_in(name)) and not re.sub("|".join(re.escape(p) for p in places_in(name)), "", name).strip()


def canonical_programme(name: str, aliases: dict[str, str] | None = None) -> str:
    """One name per programme: concept lexicon first, then the article's acronym definitions,
    then the name itself, singular, without a leading article or possessive."""
    text = re.sub(r"^(?:the|a|an|his|her|their|its|our)\s+", "", name.strip(" '\"-"), flags=re.I)
    # "Mayor's Young Londoners Fund" is the Young Londoners Fund; "Mayor's fund" names it only by its owner
    text = re.sub(r"^(?:Mayor|Mayors|Mayor's|Government's|Home Office's)\s+(?=[A-Z])", "", text)
    # "Commissioner's Community Safety Fund", "the PCC's Violence Reduction Fund": an office's own fund is the fund
    text = re.sub(r"^(?:[A-Z][\w-]*\s){0,3}(?:Commissioner|PCC|Mayor|Council|Government|Office|Police|Force|Unit|VRU|"
                  r"Secretary|Minister|Chancellor|Authority)['’]s\s+(?=[A-Z][\w-]*\s+[A-Z])", "", text)
    if aliases and text in aliases:
        text = aliases[text]
    for canon, pattern in CONCEPTS.items():
        if pattern.fullmatch(text) or (pattern.search(text) and len(text) <= len(canon) + 25):
            return canon
    text = re.sub(r"\b(Unit|Fund|Centre|Center|Partnership|Team|Scheme|Programme|Grant)s\b", r"\1", text)
    return text[:1].upper() + text[1:]


def acronym_aliases(text: str) -> dict[str, str]:
    """'Integrated Gangs Unit (IGU)' defines IGU; returns acronym -> name."""
    out: dict[str, str] = {}
    for m in ACRONYM_DEF.finditer(text):
        words = m.group("name").split()
        acr = m.group("acr")
        # keep the trailing words whose initials spell the acronym
        for k in range(len(words)):
            tail = words[k:]
            initials = "".join(w[0] for w in tail if w[0].isupper())
            if initials == acr or initials == acr.rstrip("s"):
                out[acr] = " ".join(tail)
                break
    return out


_HEAD_RE = compile_guarded(r"\s(?P<head>" + "|".join(HEAD_NOUNS) + r")\b(?:\s\((?P<acr>[A-Z]{2,6}s?)\))?")
_NAME_WORD_RE = compile_guarded(r"[A-Z][\w'’-]*|of|and|for|the|on|&")
_LOWER_HINT = compile_guarded(r"\b(?:scheme|programme|project|initiative|pilot|campaign|app)\b")


def _named_before_heads(text: str) -> list[tuple[int, int, str]]:
    """'Early Intervention Youth Fund': a capitalised run of up to seven words ending in a head noun
    (found from each head noun backwards, which is much cheaper than a regex from every capital)."""
    out = []
    for m in _HEAD_RE.finditer(text):
        words = text[max(0, m.start() - 120):m.start()].split(" ")
        run: list[str] = []
        for w in reversed(words):
            if len(run) >= 7 or not _NAME_WORD_RE.fullmatch(w):
                break
            run.insert(0, w)
        while run and not run[0][:1].isupper():
            run.pop(0)
        if run:
            start = m.start() - len(" ".join(run))
            out.append((start, m.end("head"), " ".join(run) + " " + m.group("head")))
    return out


@lru_cache(maxsize=8192)
def find_programmes(text: str) -> tuple[Mention, ...]:
    """Programme mentions in ``text`` with canonical names."""
    found: list[Mention] = []

    def add(start: int, end: int, name: str) -> None:
        if NOT_PROGRAMMES.match(name) or any(start < f.end and f.start < end for f in found):
            return
        found.append(Mention(start, end, canonical_programme(name)))

    for canon, pattern in CONCEPTS.items():
        for m in pattern.finditer(text):
            add(m.start(), m.end(), canon)
    if "Operation " in text or "Project " in text:
        for m in HEAD_FIRST.finditer(text):
            add(m.start(), m.end(), m.group())
    for start, end, raw_name in _named_before_heads(text):
        name = re.sub(r"^(?:The|A|An|His|Her|Their|Its|Our|New|This|That)\s+", "", raw_name)
        if len(name.split()) >= 2 and not name.split()[0].lower() in ("in", "at"):
            add(end - len(name), end, name)
    if "s " in text:
        for m in OWNED.finditer(text):
            add(m.start(), m.end(), m.group())  # add() leaves out owners that are no programme (Home Office)
    if not _LOWER_HINT.search(text):
        return tuple(sorted(found, key=lambda f: f.start))
    for m in LOWER_HEAD.finditer(text):
        name = re.sub(r"^(?:The|A|An|His|Her|Their|Its|Our|New|This|That)\s+", "", m.group("name"))
        if name and name[0].isupper() and name.split()[0] not in STOP_STARTS and not _only_places(name):
            add(m.start("name"), m.end("name"), name)
    return tuple(sorted(found, key=lambda f: f.start))

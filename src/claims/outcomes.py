"""Outcome claims: statements of how crime changed or stands (metric, place, direction, size, period).

A statement needs a crime metric and a change word tied to it: a noun of change followed by the
metric ("a 47 per cent drop in homicides", "a recent surge in violent crime") or the metric as the
subject of a verb of change ("knife crime has almost doubled", "gun crime and teenage murders
have all significantly reduced"). Aims are not outcomes: "to reduce", "in a bid to cut",
"reducing violence is a challenge" are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from collections import Counter
from typing import Iterator

from src.claims.entities import find_funders
from src.claims.funding import NATIONAL_FUNDERS
from src.claims.gazetteer import find_places
from src.common.vocab import split_values, vocabulary


def _phrase_pattern(phrase: str, excludes: list[str]) -> str:
    """``phrase`` as a regex, with a negative lookahead for each exclusion that continues it."""
    tails = []
    for ex in excludes:
        words = ex.split()
        for k in range(1, len(words)):
            head = " ".join(words[:k])
            if phrase == head or phrase.endswith(" " + head):
                tails.append(re.escape(" " + " ".join(words[k:])))
    return re.escape(phrase) + (f"(?!{'|'.join(tails)})" if tails else "")


def _metric_rows() -> list[tuple[str, str, list[str], list[str]]]:
    return [(row["metric"], row["category"], [p.lower() for p in split_values(row["phrasings"])],
             [x.lower() for x in split_values(row["exclude"])]) for row in vocabulary("metrics")]


# (canonical metric, official category), in the vocabulary's order of precedence
METRICS: list[tuple[str, str]] = [(name, category) for name, category, _, _ in _metric_rows()]
_METRIC_RE = re.compile("|".join(
    f"(?P<m{i}>\\b(?:{'|'.join(_phrase_pattern(p, ex) for p in sorted(phr, key=len, reverse=True))})\\b)"
    for i, (_, _, phr, ex) in enumerate(_metric_rows())), re.I)
# the same, case-sensitive, for lower-cased text: Python's re is several times faster without re.I
_METRIC_LOWER = re.compile(_METRIC_RE.pattern)
# every metric phrasing starts with one of these words: try the full pattern only where one stands
_FIRST_WORDS = sorted({re.split(r"[\s-]", p)[0] for _, _, phr, _ in _metric_rows() for p in phr}, key=len, reverse=True)

UP = r"ris(?:e|es|en|ing)|rose|increas(?:e|es|ed|ing)|surg(?:e|es|ed|ing)|upsurge|soar(?:ed|ing|s)?|spik(?:e|es|ed)|" \
     r"jump(?:ed|s)?|grew|grown|growth|doubl(?:ed|ing)|tripl(?:ed|ing)|trebl(?:ed|ing)|quadrupled|climb(?:ed|ing|s)?|" \
     r"escalat(?:ed|ing|ion)|record high|went up|gone up|is up|are up|was up|were up|has been up|higher|" \
     r"up(?= (?:by )?(?:almost |nearly |about |around )?\d)|up from"
DOWN = r"fall(?:s|en|ing)?|fell|drop(?:s|ped|ping)?|decreas(?:e|es|ed|ing)|declin(?:e|es|ed|ing)|reduc(?:ed|tions?)|" \
       r"cut|halved|halving|plummet(?:ed|ing)?|tumbl(?:ed|ing)|lowest|went down|gone down|is down|are down|was down|" \
       r"were down|lower|reducing|down(?= (?:by )?(?:almost |nearly |about |around )?\d)|down from"
NONE = r"remain(?:s|ed)?(?: \w+)? (?:high|low|stable|unchanged|the same|flat|steady)|remains? far too high|" \
       r"unchanged|stable|level(?:led)? off|no (?:one|child|teenager|young person)\b[^.]{0,40}\b(?:killed|died|murdered)"
CHANGE = re.compile(rf"\b(?P<up>{UP})\b|\b(?P<down>{DOWN})\b|\b(?P<none>{NONE})", re.I)
# a noun of change names what changed right after it: "a drop in homicides", "the rise of violent crime"
NOUN_FORMS = re.compile(r"^(?:rise|rises|increase|increases|surge|surges|upsurge|spike|jump|growth|fall|falls|drop|"
                        r"drops|decrease|decreases|decline|declines|reduction|reductions|cut|escalation)$", re.I)
AIM_BEFORE = re.compile(r"\b(?:to|bid to|aims? to|aimed to|help(?:s|ed)? (?:to )?|seeks? to|will|would|could|can|"
                        r"must|should|need to|plans? to|hope to|in order to|ways? to|efforts? to|designed to)"
                        r"\s+(?:\w+ly\s+)?(?:further\s+)?$|"
                        r"\b(?:achieve|deliver|bring about|drive|want|wants|need|needs|see|seeing)\s+"
                        r"(?:the\s+|a\s+|further\s+|more\s+|real\s+)*$", re.I)
PROGRESS_BEFORE = re.compile(r"\b(?:progress|success|successful|headway)\b[^.]{0,40}\bin\s+$|"
                             r"\b(?:credited with|responsible for|succeeded in|contributed to|helped(?: in)?)\s+$", re.I)
ORG_AFTER = re.compile(r"\s(?:Police|Constabulary|(?:City |Borough |County )?Council)\b(?:\s\w+){0,2}?\s(?:said|says|told|"
                       r"figures|data|statistics)\b")
NATIONAL_CUES = re.compile(r"\b(?:Office for National Statistics|ONS|national(?:ly)?|across the country|"
                           r"Home Office figures|Crime Survey for England and Wales)\b")
PERCENT = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s?(?:per ?cent|percent|%)", re.I)
MULTIPLIERS = {"doubled": 1.0, "doubling": 1.0, "tripled": 2.0, "trebled": 2.0, "tripling": 2.0,
               "quadrupled": 3.0, "halved": -0.5, "halving": -0.5}
MODIFIERS = r"(?:a|an|the|this|all|have|has|had|significant(?:ly)?|recent|sharp(?:ly)?|steep(?:ly)?|dramatic(?:ally)?|" \
            r"slight(?:ly)?|small|big|huge|large|marked(?:ly)?|substantial(?:ly)?|considerabl[ey]|further|record|" \
            r"almost|nearly|more than|over|around|about|roughly|massive|worrying|alarming|continued|steady|" \
            r"steadily|rapid(?:ly)?)"
PERIOD = re.compile(
    r"\bbetween\s+(?:19|20)\d{2}(?:[-/]\d{1,4})?\s+and\s+(?:19|20)\d{2}(?:[-/]\d{1,4})?|"
    r"\bfrom\s+(?:19|20)\d{2}(?:[-/]\d{1,4})?\s+to\s+(?:19|20)\d{2}(?:[-/]\d{1,4})?|"
    r"\bover\s+(?:a|the)\s+(?:\w+[\s-])?(?:year|decade)s?(?:\s+period)?(?:\s+from\s+(?:19|20)\d{2}\s+to\s+(?:19|20)\d{2})?|"
    r"\bsince\s+(?:(?:19|20)\d{2}(?:[-/]\d{1,4})?|last year|the pandemic|then)|"
    r"\bin\s+(?:the\s+)?(?:last|past)\s+(?:\w+\s+)?(?:years?|months?|decade)|"
    r"\bin\s+the\s+(?:year|12 months|twelve months|six months|quarter)\s+(?:to|ending)\s+(?:\w+\s+)?(?:19|20)\d{2}|"
    r"\b(?:last|this) (?:year|summer|month)|\bin\s+(?:19|20)\d{2}(?:[-/]\d{1,4})?|\b(?:19|20)\d{2}[-/]\d{2}\b",
    re.I)


@dataclass
class OutcomeRow:
    article_id: str
    sentence_no: int
    metric: str
    place: str
    direction: str
    magnitude: str
    change: float | None
    period: str
    sentence: str


_METRIC_HINT = re.compile("|".join(re.escape(w) for w in _FIRST_WORDS))  # searched in lower-cased text
_METRIC_START = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _FIRST_WORDS) + ")")


def _metric_matches(lowered: str) -> Iterator[re.Match[str]]:
    """The same matches as ``_METRIC_LOWER.finditer(lowered)``, found several times faster."""
    end = 0
    for candidate in _METRIC_START.finditer(lowered):
        if candidate.start() < end:
            continue
        m = _METRIC_LOWER.match(lowered, candidate.start())
        if m:
            end = m.end()
            yield m


class _Span:
    """A match found in lower-cased text, read back from the original text."""

    def __init__(self, m: re.Match[str], text: str):
        self._m, self._text = m, text

    def start(self, group: int | str = 0) -> int:
        return self._m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._m.end(group)

    def group(self, group: int | str = 0) -> str | None:
        return None if self._m.start(group) < 0 else self._text[self._m.start(group):self._m.end(group)]


_CHANGE_LOWER = re.compile(CHANGE.pattern)


def _changes(sentence: str) -> Iterator[re.Match[str] | _Span]:
    lowered = sentence.lower()
    if len(lowered) != len(sentence):
        yield from CHANGE.finditer(sentence)
        return
    for m in _CHANGE_LOWER.finditer(lowered):
        yield _Span(m, sentence)


def _metrics(sentence: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    lowered = sentence.lower()
    if not _METRIC_HINT.search(lowered):
        return out
    for m in (_metric_matches(lowered) if len(lowered) == len(sentence) else _METRIC_RE.finditer(sentence)):
        idx = next(int(k[1:]) for k, v in m.groupdict().items() if v)
        name = METRICS[idx][0]
        if name == "gang incidents" and m.group().lower() == "incidents" and not re.search(r"\bgang", sentence, re.I):
            continue
        out.append((m.start(), m.end(), name))
    return out


def _groups(metrics: list[tuple[int, int, str]], sentence: str) -> list[list[tuple[int, int, str]]]:
    """Metrics listed together ("knife crime, gun crime and teenage murders") form one group."""
    groups: list[list[tuple[int, int, str]]] = []
    for item in metrics:
        if groups and re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+|&\s+)", sentence[groups[-1][-1][1]:item[0]]):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _magnitude(sentence: str, m: re.Match[str]) -> tuple[str, float | None]:
    word = m.group().lower()
    sign = 1.0 if m.group("up") else -1.0 if m.group("down") else 0.0
    window_before = sentence[max(0, m.start() - 40):m.start()]
    window_after = sentence[m.end():m.end() + 40]
    pct = list(PERCENT.finditer(window_before))
    pct_after = re.match(r"\s+(?:by\s+)?(?:almost\s+|nearly\s+|more than\s+|over\s+)?" + PERCENT.pattern, window_after,
                         re.I)
    if pct_after:
        return pct_after.group().strip().removeprefix("by ").strip(), sign * float(pct_after.group("n")) / 100
    if pct and re.fullmatch(r"\s*(?:\w+\s){0,1}", window_before[pct[-1].end():]):
        return pct[-1].group(), sign * float(pct[-1].group("n")) / 100
    mods = re.search(rf"(?:\b{MODIFIERS}\s+)+$", window_before, re.I)
    after_adv = re.match(r"\s+(?:significantly|sharply|dramatically|steeply|slightly|substantially|considerably|"
                         r"markedly|rapidly|steadily)\b", window_after, re.I)
    phrase = ((mods.group() if mods else "") + m.group() + (after_adv.group() if after_adv else "")).strip()
    phrase = re.sub(r"^(?:the|this|have|has|had|all|have all|has all)\s+", "", phrase, flags=re.I)
    phrase = re.sub(r"^(?:have|has|had|all)\s+", "", phrase, flags=re.I)
    for key, value in MULTIPLIERS.items():
        if key in word:
            return phrase, value
    return phrase, None


def _is_aim(sentence: str, m: re.Match[str]) -> bool:
    before = sentence[:m.start()]
    if m.group()[:1].isupper() and before.strip():
        return True  # part of a name: "Violence Reduction Unit"
    if AIM_BEFORE.search(before):
        return True
    word = m.group().lower()
    if word.endswith("ing") and not PROGRESS_BEFORE.search(before) and not re.search(
            r"\b(?:is|are|was|were|been|keeps?|kept)\s+$", before):
        return True  # "reducing violence is a challenge", "tackling rising crime" (adjectival)
    return False


def extract_outcomes(article_id: str, sentences: list[str]) -> list[OutcomeRow]:
    article_places = [p[2] for sentence in sentences for p in find_places(sentence)]
    rows: list[OutcomeRow] = []
    for no, sentence in enumerate(sentences, start=1):
        metrics = _metrics(sentence)
        if not metrics:
            continue
        groups = _groups(metrics, sentence)
        seen: set[str] = set()
        for m in _changes(sentence):
            if _is_aim(sentence, m):
                continue
            first_word = m.group().split()[0]
            group = None
            if NOUN_FORMS.match(first_word):
                after = re.match(r"\s+(?:in|of)\s+(?:the\s+(?:number|level|rate)s?\s+of\s+)?(?:\w+\s+){0,2}?",
                                 sentence[m.end():])
                if after and re.match(r"\s+of\s+(?:almost |nearly |more than |over |about |around )?\d",
                                      sentence[m.end():]):
                    after = None  # "a fall of 50%": the size, not what fell; the metric stands before
                if after:
                    start = m.end() + after.end()
                    group = next((g for g in groups if g[0][0] == start), None)
                    if group is None:
                        continue  # "increases in unemployment": not a crime metric
            if group is None:
                before = [g for g in groups if g[-1][1] <= m.start() and
                          not re.search(r"[;:]|\.\s", sentence[g[-1][1]:m.start()]) and
                          m.start() - g[-1][1] <= 90]
                after_g = [g for g in groups if g[0][0] >= m.end() and g[0][0] - m.end() <= 25]
                group = before[-1] if before else (after_g[0] if after_g else None)
            if group is None:
                continue
            direction = "up" if m.group("up") else "down" if m.group("down") else "none"
            magnitude, change = _magnitude(sentence, m)
            for _, end, metric in group:
                if metric in seen:
                    continue
                seen.add(metric)
                rows.append(OutcomeRow(article_id, no, metric, _place(sentence, end, article_places), direction,
                                       magnitude, change, _period(sentence), sentence))
    return rows


def _place(sentence: str, metric_end: int, article_places: list[str]) -> str:
    """The place named after the metric ("knife crime in the West Midlands"), else the first one in
    the sentence (its subject; the nearest "in PLACE" first), else national for a national body's statement, else the article's."""
    # "West Yorkshire Police said": an organisation speaking, not where the change happened
    places = [p for p in find_places(sentence) if not ORG_AFTER.match(sentence[p[1]:])]
    if not places:
        if any(f.name in NATIONAL_FUNDERS for f in find_funders(sentence)) or NATIONAL_CUES.search(sentence):
            return "England and Wales"
        return Counter(article_places).most_common(1)[0][0] if article_places else ""
    after = [p for p in places if p[0] >= metric_end and not re.search(r"[,;]", sentence[metric_end:p[0]])]
    if after:
        return after[0][2]
    located = [p for p in places if p[0] < metric_end and
               re.search(r"\b(?:in|across|throughout|within)\s+(?:the\s+)?$", sentence[:p[0]])]
    return (located[-1] if located else places[0])[2]


def _period(sentence: str) -> str:
    found = PERIOD.findall(sentence)
    if not found:
        return ""
    return max(found, key=len).strip()

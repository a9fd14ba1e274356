"""Outcome claims: statements of how crime changed or stands (metric, place, direction, size, period),
and the figures they give (value, base value, unit, official category).

A change needs a crime metric and a change word tied to it: a noun of change followed by the
metric ("a 47 per cent drop in homicides", "a recent surge in violent crime") or the metric as the
subject of a verb of change ("knife crime has almost doubled"). A level is a count tied to a
metric ("741 offences involving a knife were recorded", "10 homicides, 32 attempts to kill",
"four teenagers have been murdered"): direction ``none``, unless the sentence compares it with an
earlier count ("four ..., compared to nine"). A count that belongs to a change of the same metric in
the sentence ("climbed to 44,771", "from 654 to 617") is that change's value, not a second row.
Aims ("to reduce"), police and justice activity ("convictions for knife crime") and counts
referring back ("Among the 1,309 knife crimes are ...") are not outcomes.

Which words name a metric, count crimes, mark a knife or name victims is data:
``vocabularies/metrics.csv`` and ``vocabularies/crime_terms.csv``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterator

from src.claims.entities import find_funders, find_programmes
from src.claims.funding import NATIONAL_FUNDERS, with_headline
from src.claims.gazetteer import find_places
from src.common.patterns import compile_guarded
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


@dataclass(frozen=True)
class MetricInfo:
    category: str
    unit: str
    knife_metric: str


@lru_cache(maxsize=1)
def metric_info() -> dict[str, MetricInfo]:
    """metric -> its official category, unit and knife-involved name (vocabularies/metrics.csv)."""
    info = {row["metric"]: MetricInfo(row["category"], row["unit"], row["knife_metric"]) for row in vocabulary("metrics")}
    for row in vocabulary("metrics"):  # a knife-involved metric belongs to its base metric's category
        if row["knife_metric"]:
            info[row["knife_metric"]] = MetricInfo(row["category"], row["unit"], "")
    return info


def _terms(kind: str) -> list[dict[str, str]]:
    return [row for row in vocabulary("crime_terms") if row["kind"] == kind]


def _words_pattern(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _metric_group(i: int, phrasings: list[str], exclude: list[str]) -> str:
    """The named group ``m<i>`` of row i of metrics.csv: its phrasings, longest first, as whole words."""
    return f"(?P<m{i}>\\b(?:{'|'.join(_phrase_pattern(p, exclude) for p in sorted(phrasings, key=len, reverse=True))})\\b)"


def _first_word(phrase: str) -> str:
    return re.split(r"[\s-]", phrase)[0]


# (canonical metric, official category), in the vocabulary's order of precedence
METRICS: list[tuple[str, str]] = [(name, category) for name, category, _, _ in _metric_rows()]
# every phrasing of the vocabulary (case-insensitive: for text whose lower-casing changes its length)
_METRIC_RE = compile_guarded("|".join(_metric_group(i, phr, ex) for i, (_, _, phr, ex) in enumerate(_metric_rows())),
                             re.I)
# every metric phrasing starts with one of these words: try a pattern only where one stands
_FIRST_WORDS = sorted({_first_word(p) for _, _, phr, _ in _metric_rows() for p in phr}, key=len, reverse=True)


@lru_cache(maxsize=None)
def _pattern_for_first_word(word: str) -> re.Pattern[str]:
    """_METRIC_RE, case-sensitive for lower-cased text (Python's re is several times faster without
    re.I), cut down to the phrasings that can start where ``word`` stands (those whose first word is a
    prefix of it or it of theirs): the same match, without trying every phrasing of the vocabulary at
    every candidate ("public", "domestic" are frequent words). Compiled on first use (most words never
    stand in a corpus), with plain ``re``: it is only ever matched at a position."""
    groups = []
    for i, (_, _, phr, ex) in enumerate(_metric_rows()):
        mine = [p for p in phr if word.startswith(_first_word(p)) or _first_word(p).startswith(word)]
        if mine:
            groups.append(_metric_group(i, mine, ex))
    return re.compile("|".join(groups))

UP = r"ris(?:e|es|en|ing)|rose|increas(?:e|es|ed|ing)|surg(?:e|es|ed|ing)|upsurge|soar(?:ed|ing|s)?|spik(?:e|es|ed)|" \
     r"jump(?:ed|s)?|grew|grown|growth|growing|doubl(?:ed|ing)|tripl(?:ed|ing)|trebl(?:ed|ing)|quadrupled|" \
     r"climb(?:ed|ing|s)?|escalat(?:ed|ing|ion)|record highs?|all-time high|\d+-year high|highest|went up|gone up|" \
     r"shot up|shoot up|rocket(?:ed|ing|s)?|is up|are up|was up|were up|has been up|higher|" \
     r"up(?= (?:by )?(?:almost |nearly |about |around )?\d)|up from"
DOWN = r"fall(?:s|en|ing)?|fell|drop(?:s|ped|ping)?|decreas(?:e|es|ed|ing)|declin(?:e|es|ed|ing)|reduc(?:ed|tions?)|" \
       r"cut|halved|halving|plummet(?:ed|ing)?|tumbl(?:ed|ing)|lowest|fewest|record low|all-time low|\d+-year low|" \
       r"went down|gone down|come down|came down|is down|are down|was down|were down|lower|reducing|" \
       r"down(?= (?:by )?(?:almost |nearly |about |around )?\d)|down from"
NONE = r"remain(?:s|ed)?(?: \w+)? (?:high|low|stable|unchanged|the same|flat|steady|static)|remains? far too high|" \
       r"stay(?:s|ed)?(?: \w+ly)? (?:level|static|flat|stable|steady|the same|unchanged)|" \
       r"(?:has|have) not shifted|unchanged|stable|static|level(?:led)? off"
CHANGE = compile_guarded(rf"\b(?P<up>{UP})\b|\b(?P<down>{DOWN})\b|\b(?P<none>{NONE})\b", re.I)
# a noun of change names what changed right after it: "a drop in homicides", "the rise of violent crime"
NOUN_FORMS = compile_guarded(r"^(?:rise|rises|increase|increases|surge|surges|upsurge|spike|jump|growth|fall|falls|drop|"
                        r"drops|decrease|decreases|decline|declines|reduction|reductions|cut|escalation)$", re.I)
AIM_BEFORE = compile_guarded(r"\b(?:to|bid to|aims? to|aimed to|help(?:s|ed)?(?: to)?|seeks? to|will|would|could|can|"
                        r"must|should|need to|plans? to|hope to|in order to|ways? to|efforts? to|designed to)"
                        r"\s+(?:\w+ly\s+)?(?:further\s+)?$|"
                        r"\b(?:achieve|deliver|bring about|drive|want|wants|need|needs|see|seeing)\s+"
                        r"(?:the\s+|a\s+|further\s+|more\s+|real\s+)*$", re.I)
FINANCE_BEFORE = compile_guarded(r"\b(?:budget|funding|spending|grant|pay|job|staff)s?\s+$", re.I)
# "cut" is a change only as a noun ("a cut in") or a passive or perfect ("was cut", "has cut")
CUT_AS_CHANGE = compile_guarded(r"\b(?:a|the|was|were|been|be|is|are|has|have|had)\s+(?:\w+ly\s+)?$", re.I)
PROGRESS_BEFORE = compile_guarded(r"\b(?:progress|success|successful|headway)\b[^.]{0,40}\bin\s+$|"
                             r"\b(?:credited with|responsible for|succeeded in|contributed to|helped(?: in)?)\s+$", re.I)
ORG_AFTER = compile_guarded(r"\s(?:Police|Constabulary|(?:City |Borough |County )?Council)\b(?:\s\w+){0,2}?\s(?:said|says|told|"
                       r"figures|data|statistics)\b")
NATIONAL_CUES = compile_guarded(r"\b(?:Office for National Statistics|ONS|national(?:ly)?|across the country|"
                           r"Home Office figures|Crime Survey for England and Wales)\b")
NUMBER_WORDS = {w: float(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({w: float(10 * i) for i, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(),
                                                              start=3)})
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
PERCENT = compile_guarded(rf"\b(?P<n>{_NUMBER})\s?(?:per ?cent|percent|%)", re.I)
# a count of crimes or victims: "741", "16,344", "over 700", "just over 1.6 million", "seven"
COUNT = compile_guarded(rf"(?<![£$\d.,])(?P<qual>\b(?:more than|just over|just under|over|around|about|nearly|almost|some|"
                   rf"at least|only|a total of|roughly)\s+)?\b(?P<n>{_NUMBER})(?:\s?(?P<scale>million|thousand)\b)?"
                   rf"(?![\d,]|\s?(?:per ?cent|percent|%)|[-\s](?:year|month|week|day|hour)s?\b|\s?(?:am|pm)\b)", re.I)
NO_VICTIM = compile_guarded(r"\b(?:no|no one|not one|not a single|none of the)\s+$", re.I)
REFERS_BACK = compile_guarded(rf"\b(?:among|of|from)\s+(?:the|these|those|this)\s+(?:\w+\s+)?$|"
                         rf"\baverage\s+of\s+$|\b(?:{_NUMBER})\s+(?:in|of|out of)\s+$", re.I)  # also "one in six", "38 of 44"
COMPARED = compile_guarded(rf",?\s+(?:compared (?:to|with)|against|down from|up from)\s+(?P<base>{_NUMBER})\b", re.I)
# a superlative that qualifies the noun after it: only a metric right after it is what it speaks of
SUPERLATIVE_OF_NOUN = compile_guarded(r"(?:highest|lowest|fewest)\s+(?!for\b|since\b|in\b|on\b|level|number|rate|"
                                 r"figure|total|ever\b|recorded\b|\d)[a-z]", re.I)
ANAPHOR = compile_guarded(r"^\W*(?:that|this|it|the figure|the total|the number|the rate|the rise|the increase|the fall)\b",
                     re.I)
MULTIPLIERS = {"doubled": 1.0, "doubling": 1.0, "tripled": 2.0, "trebled": 2.0, "tripling": 2.0,
               "quadrupled": 3.0, "halved": -0.5, "halving": -0.5}
MODIFIERS = r"(?:a|an|the|this|all|have|has|had|significant(?:ly)?|recent|sharp(?:ly)?|steep(?:ly)?|dramatic(?:ally)?|" \
            r"slight(?:ly)?|small|big|huge|large|marked(?:ly)?|substantial(?:ly)?|considerabl[ey]|further|record|" \
            r"almost|nearly|more than|over|around|about|roughly|massive|worrying|alarming|continued|steady|" \
            r"steadily|rapid(?:ly)?)"
PERIOD = compile_guarded(
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
    value: float | None = None
    base_value: float | None = None
    unit: str = ""
    category: str = ""


@dataclass(frozen=True)
class Span:
    """Where a sentence names what a figure counts: a metric phrase, a count noun read as the metric
    the context gives ("offences"), or victims ("four teenagers have been murdered")."""
    start: int
    end: int
    metric: str
    unit: str
    specific: bool = True  # named by a metric phrase (not taken from the context)
    count_start: int = -1  # a victim span carries its own count ("no under-25s were killed")
    count_end: int = -1
    count_value: float | None = None


@dataclass(frozen=True)
class Count:
    start: int
    end: int
    text: str
    value: float


_METRIC_HINT = compile_guarded("|".join(re.escape(w) for w in _FIRST_WORDS))  # searched in lower-cased text
_METRIC_START = compile_guarded(r"\b(?:" + "|".join(re.escape(w) for w in _FIRST_WORDS) + ")")


def _metric_matches(lowered: str) -> Iterator[re.Match[str]]:
    """The matches of _METRIC_RE in lower-cased text, found several times faster."""
    end = 0
    for candidate in _METRIC_START.finditer(lowered):
        if candidate.start() < end:
            continue
        m = _pattern_for_first_word(candidate.group()).match(lowered, candidate.start())
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


_CHANGE_LOWER = compile_guarded(CHANGE.pattern)


def _changes(sentence: str) -> Iterator[re.Match[str] | _Span]:
    lowered = sentence.lower()
    if len(lowered) != len(sentence):
        yield from CHANGE.finditer(sentence)
        return
    for m in _CHANGE_LOWER.finditer(lowered):
        yield _Span(m, sentence)


def _metrics(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, metric) for every metric phrase in ``sentence``, in order."""
    out: list[tuple[int, int, str]] = []
    lowered = sentence.lower()
    if not _METRIC_HINT.search(lowered):
        return out
    for m in (_metric_matches(lowered) if len(lowered) == len(sentence) else _METRIC_RE.finditer(sentence)):
        idx = next(int(k[1:]) for k, v in m.groupdict().items() if v)
        out.append((m.start(), m.end(), METRICS[idx][0]))
    return out


def canonical_metric(phrase: str) -> str:
    """The metric a phrase names, as outcomes.csv writes it: "attempts to kill involving a knife or
    sharp instrument" is "attempted murders involving a knife", "killings" is "homicide"; '' when
    the metrics vocabulary knows none of its words."""
    found = _metrics(phrase)
    if not found:
        return ""
    start, end, metric = found[0]
    rest = phrase[:start] + " " * (end - start) + phrase[end:]
    knife = metric_info().get(metric)
    if knife and knife.knife_metric and _term_patterns()["knife_cue"].search(rest):
        return knife.knife_metric
    return metric


@lru_cache(maxsize=1)
def _term_patterns() -> dict[str, re.Pattern[str]]:
    victims = _words_pattern([r["term"] for r in _terms("victim")])
    deaths = _words_pattern([r["term"] for r in _terms("death_verb")])
    return {
        "death": compile_guarded(rf"\b(?:{deaths})\b", re.I),
        "count_noun": compile_guarded(rf"\b(?:{_words_pattern([r['term'] for r in _terms('count_noun')])})\b", re.I),
        "qualifier": compile_guarded(rf"\b(?:{_words_pattern([r['term'] for r in _terms('qualifier')])})\b", re.I),
        "knife_cue": compile_guarded(rf"\b(?:{_words_pattern([r['term'] for r in _terms('knife_cue')])})\b", re.I),
        # what may stand between a count and what it counts: "16 separate rape ... reports", "513 - involved
        # ABH", "1,598 knife-enabled robberies" (modifiers, knife cues and qualifiers of crime_terms.csv)
        "count_gap": compile_guarded(r"\s*(?:[-–—]\s*)?(?:(?:" + _words_pattern(
            [r["term"] for kind in ("modifier", "knife_cue", "qualifier") for r in _terms(kind)]) + r")\s+){0,3}", re.I),
        "activity": compile_guarded(rf"\b(?:{_words_pattern([r['term'] for r in _terms('activity')])})\b"
                               r"(?:\s+(?:or|and)\s+\w+)?\s+(?:\w+\s+){0,2}(?:for|of|involving|over)\s+(?:\w+\s+){0,4}$",
                               re.I),
        # "four teenagers have been murdered", "no under-25s were killed", "eight died"
        "victims": compile_guarded(rf"\b(?P<victim>{victims})?(?:\s+(?:under|over|aged)\s+\d+(?:\s+years\s+old)?)?\s*"
                              rf"(?:(?:have|has|had|were|was|been|being)\s+){{0,2}}"
                              rf"\b(?:{deaths})\b", re.I),
    }


@lru_cache(maxsize=1)
def _units() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """count noun -> unit, victim noun -> metric, qualifier -> metric (vocabularies/crime_terms.csv)."""
    return ({r["term"].lower(): r["unit"] for r in _terms("count_noun")},
            {r["term"].lower(): r["metric"] for r in _terms("victim")},
            {r["term"].lower(): r["metric"] for r in _terms("qualifier")})


def _is_year(number: str) -> bool:
    return re.fullmatch(r"(?:19|20)\d{2}", number) is not None


_NUMBER_START = compile_guarded(rf"(?<![£$\d.,])\b(?:{_NUMBER})", re.I)
_QUALIFIER_BEFORE = compile_guarded(r"\b(?:more than|just over|just under|over|around|about|nearly|almost|some|"
                               r"at least|only|a total of|roughly)\s+$", re.I)


def _count_at(sentence: str, number_start: int) -> re.Match[str] | None:
    """COUNT matched from the qualifier before a number ("just over 1.6 million"), or at the number."""
    qualifier = _QUALIFIER_BEFORE.search(sentence, max(0, number_start - 20), number_start)
    if qualifier:
        m = COUNT.match(sentence, qualifier.start())
        if m and m.start("n") == number_start:
            return m
    return COUNT.match(sentence, number_start)


def _counts(sentence: str) -> list[Count]:
    """The counts of a sentence, as COUNT.finditer would find them; numbers are found first with a
    plain pattern and COUNT is tried only there (trying it at every position cost a tenth of the
    claims stage)."""
    out = []
    taken = 0
    for number in _NUMBER_START.finditer(sentence):
        if number.start() < taken:
            continue
        m = _count_at(sentence, number.start())
        if m is None:
            continue
        taken = m.end()
        if _is_year(m.group("n")) or sentence[max(0, m.start() - 1):m.start()] == "£":
            continue  # a year, or money
        out.append(Count(m.start(), m.end(), m.group().strip(), _scaled(m.group("n"), m.group("scale"))))
    return out


def _in_programme_name(sentence: str, start: int, end: int) -> bool:
    """"Anti-Knife Crime Community Fund", "Violence Reduction Unit": a metric inside a name."""
    if sentence[max(0, start - 1):start] == "-" and sentence[start:start + 1].isupper():
        return True
    return any(p.start <= start and end <= p.end for p in find_programmes(sentence))


def _spans(sentence: str, metrics: list[tuple[int, int, str]], context: list[str], article_metric: str) -> list[Span]:
    """Every metric the sentence names, in order; count nouns and victims read as metrics."""
    info = metric_info()
    pats = _term_patterns()
    units, victim_metric, qualifiers = _units()
    spans: list[Span] = []
    nouns = list(pats["count_noun"].finditer(sentence))
    deaths = pats["death"].search(sentence)
    if not (metrics or nouns or deaths):
        return spans  # most sentences name no crime at all
    for start, end, name in metrics:
        if _in_programme_name(sentence, start, end) or pats["activity"].search(sentence[:start]):
            continue
        spans.append(Span(start, end, name, info[name].unit if name in info else ""))
    taken = [(s.start, s.end) for s in spans]
    for m in nouns:
        if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
            continue
        if re.match(r"\s+(?:of|involving|where)\s+(?:\w+\s+){0,3}?$", sentence[m.end():next(
                (a for a, _ in taken if a >= m.end()), m.end())]) and any(a >= m.end() for a, _ in taken):
            nxt = next(s for s in spans if s.start >= m.end())  # "cases of rape": the metric after
            spans[spans.index(nxt)] = replace(nxt, start=m.start())
            continue
        if pats["activity"].search(sentence[:m.start()]):
            continue
        named = [s for s in spans if s.specific]
        before = [s for s in named if s.end <= m.start()]
        if before and not sentence[before[-1].end:m.start()].strip():
            # "serious assault cases": the count noun belongs to the metric right before it (one span, so a
            # list "attempted murder and serious assault cases" stays one list)
            spans[spans.index(before[-1])] = replace(before[-1], end=m.end())
            continue
        after = [s for s in named if s.start >= m.end() and not _in_aside(sentence, s.start, s.end)]
        qualifier = next((qualifiers[q.group().lower()] for q in pats["qualifier"].finditer(sentence)), "")
        unit = units[m.group().lower()]
        # "admissions fell" after "hospital admissions for stabbings": the metric before that counts the same
        same_unit = next((c for c in reversed(context) if c in info and info[c].unit == unit), "") \
            if unit == "admissions" else ""
        metric = (before[-1].metric if before else qualifier or same_unit or (context[-1] if context else "") or
                  (after[0].metric if after else article_metric))
        if metric:
            spans.append(Span(m.start(), m.end(), metric, unit, specific=False))
    for m in pats["victims"].finditer(sentence) if deaths else ():
        count = None
        victim = (m.group("victim") or "").lower()
        head = sentence[:m.start("victim") if victim else m.start()]
        no = NO_VICTIM.search(head)
        num = re.search(rf"(?:{COUNT.pattern})\s*$", head, re.I)
        if no:
            count = (no.start(), no.end(), 0.0)
        elif num and not _is_year(num.group("n")):
            count = (num.start(), num.end(), _number(num.group("n")))
        if count is None or any(a <= m.start() < b for a, b in taken):
            continue
        named = [s for s in spans if s.specific]
        metric = victim_metric.get(victim) or (named[-1].metric if named else context[-1] if context else "")
        if metric:
            spans.append(Span(m.start(), m.end(), metric, "victims", specific=bool(victim), count_start=count[0],
                              count_end=count[1], count_value=count[2]))
    out: list[Span] = []
    for group in _groups(sorted(spans, key=lambda s: s.start), sentence):
        # a knife named near any metric of a list applies to the whole list, but not the knife of a
        # metric in the list itself ("knife crime, gun crime and homicide")
        masked = list(sentence)
        for s in group:
            masked[s.start:s.end] = " " * (s.end - s.start)
        text = "".join(masked)
        knife = any(pats["knife_cue"].search(_clause_window(text, s.start, s.end)) for s in group)
        out.extend(replace(s, metric=info[s.metric].knife_metric) if knife and s.metric in info and
                   info[s.metric].knife_metric else s for s in group)
    return out


# where one clause of a sentence ends and another begins: "Robberies rocketed ..., while knife injuries ..."
_CLAUSE_BREAK = compile_guarded(r";|,\s*(?:while|whereas|but|although|though)\b|\s(?:while|whereas)\s|\s[-–]\s", re.I)


def _clause_window(text: str, start: int, end: int, reach: int = 70) -> str:
    """Up to ``reach`` characters either side of a metric, within its own clause (a knife named in
    the next clause is that clause's)."""
    before = text[max(0, start - reach):start]
    after = text[end:end + reach]
    cut = _CLAUSE_BREAK.search(after)
    if cut:
        after = after[:cut.start()]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    return before + text[start:end] + after


# between two metrics of one list: "knife crime, gun crime and ...", "237 robberies, 170 threats to kill"
_LIST_GAP = compile_guarded(rf"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+|&\s+)(?:(?:{_NUMBER})\s+)?", re.I)


def _groups(spans: list[Span], sentence: str) -> list[list[Span]]:
    """Metrics listed together ("knife crime, gun crime and teenage murders") form one group."""
    groups: list[list[Span]] = []
    for item in spans:
        if groups and _LIST_GAP.fullmatch(sentence[groups[-1][-1].end:item.start]):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "tenth": 0.1}
FRACTION_AFTER = compile_guarded(r"(?:\s+(?:by|of))?\s+(?P<q>)(?:almost\s+|nearly\s+|more than\s+|over\s+|around\s+|about\s+)?"
                                 r"(?:(?P<k>a|one|two)\s+(?=\w)|(?=half\b))(?P<f>half|thirds?|quarters?|fifths?|tenths?)\b",
                                 re.I)


def _magnitude(sentence: str, m: re.Match[str] | _Span) -> tuple[str, float | None]:
    word = m.group().lower()
    sign = 1.0 if m.group("up") else -1.0 if m.group("down") else 0.0
    window_before = sentence[max(0, m.start() - 40):m.start()]
    window_after = sentence[m.end():m.end() + 50]
    pct = list(PERCENT.finditer(window_before))
    # "rose by 6%", "rose in England and Wales by 6%", "a rise of 38%", "shot up by a whopping 152 per cent"
    pct_after = re.match(r"(?:(?:\s+[\w-]+){0,5}?\s+(?:by|of))?\s+(?:almost\s+|nearly\s+|more than\s+|over\s+|"
                         r"at least\s+|a\s+\w+\s+)?" + PERCENT.pattern,
                         window_after, re.I)
    if pct_after:
        text = pct_after.group()[pct_after.start("n"):].strip()
        qual = re.search(r"(?:almost|nearly|more than|over|at least)\s+$", pct_after.group()[:pct_after.start("n")])
        text = (qual.group() if qual else "") + text
        return text, sign * _number(pct_after.group("n")) / 100
    if pct and re.fullmatch(r"\s*(?:\w+\s){0,1}", window_before[pct[-1].end():]):
        return pct[-1].group(), sign * _number(pct[-1].group("n")) / 100
    share = FRACTION_AFTER.match(window_after)  # "down by a fifth", "a fall of almost a quarter"
    if share:
        text = window_after[share.start("q"):share.end()].strip()
        return text, sign * FRACTIONS[share.group("f").lower().rstrip("s")] * (2 if (share.group("k") or "").lower() == "two" else 1)
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


def _number(text: str) -> float:
    t = text.lower()
    return NUMBER_WORDS[t] if t in NUMBER_WORDS else float(t.replace(",", ""))


def _is_aim(sentence: str, m: re.Match[str] | _Span) -> bool:
    before = sentence[:m.start()]
    if FINANCE_BEFORE.search(before):
        return True  # "a budget cut of 3 per cent": money, not crime
    if m.group().lower() == "cut" and not CUT_AS_CHANGE.search(before):
        return True  # "projects that cut knife crime", "to prevent crime, cut reoffending": an aim
    if m.group()[:1].isupper() and before.strip() and not m.group()[:1].isdigit():
        return True  # part of a name: "Violence Reduction Unit"
    if AIM_BEFORE.search(before):
        return True
    word = m.group().lower()
    if word.endswith("ing") and not PROGRESS_BEFORE.search(before) and not re.search(
            r"\b(?:is|are|was|were|been|keeps?|kept|still|only)\s+$", before):
        return True  # "reducing violence is a challenge", "tackling rising crime" (adjectival)
    return False


def _in_aside(sentence: str, start: int, end: int) -> bool:
    """Between dashes: "39,919 offences – including 276 killings – a rise of eight per cent"."""
    if "–" not in sentence and "—" not in sentence:
        return False  # most sentences hold no dash: no search needed
    return bool(re.search(r"[–—]\s[^–—]*$", sentence[:start])) and bool(re.match(r"[^–—]*\s[–—]", sentence[end:]))


def _change_group(sentence: str, m: re.Match[str] | _Span, groups: list[list[Span]],
                  context: list[str], article_metric: str) -> list[Span] | None:
    """The metrics a change word speaks of, or None."""
    first_word = m.group().split()[0]
    if NOUN_FORMS.match(first_word):
        after = re.match(r"\s+(?:in|of)\s+(?:the\s+(?:number|level|rate)s?\s+of\s+)?(?:\w+\s+){0,2}?",
                         sentence[m.end():])
        if after and re.match(rf"\s+of\s+(?:almost |nearly |more than |over |about |around )?(?:{_NUMBER})\b",
                              sentence[m.end():], re.I):
            after = None  # "a fall of 50%": the size, not what fell; the metric stands before
        if after:
            start = m.end() + after.end()
            found = next((g for g in groups if g[0].start == start), None)
            return found  # None: "increases in unemployment" is not a crime metric
    if SUPERLATIVE_OF_NOUN.match(sentence, m.start()):  # "the highest increases in unemployment"
        return next((g for g in groups if g[0].start >= m.end() and g[0].start - m.end() <= 25), None)
    before = [g for g in groups if g[-1].end <= m.start() and not _in_aside(sentence, g[0].start, g[-1].end) and
              not re.search(r"[;:]|\.\s", sentence[g[-1].end:m.start()]) and m.start() - g[-1].end <= 90]
    after_g = [g for g in groups if g[0].start >= m.end() and g[0].start - m.end() <= 25]
    if before:
        return before[-1]
    if after_g:
        return after_g[0]
    # "That was 15% lower than in 2019/20": the metric of the sentence before; "the data points to an
    # 8 per cent rise" with no metric named before it: the article's main metric
    metric = context[-1] if context and ANAPHOR.match(sentence) else article_metric if (
        NOUN_FORMS.match(first_word) and re.search(rf"\b(?:a|an)\s+{PERCENT.pattern}\s+$", sentence[:m.start()], re.I)
        and not any(g[0].start < m.start() for g in groups)) else ""
    if metric:
        return [Span(0, 0, metric, metric_info().get(metric, MetricInfo("", "", "")).unit, False)]
    return None


def _count_span(sentence: str, c: Count, spans: list[Span]) -> tuple[Span | None, str]:
    """The metric a count counts, and a place it names ("405 in the West Midlands"), if any."""
    gap_pattern = _term_patterns()["count_gap"]
    for s in spans:  # "741 offences involving a knife", "16 separate rape or sexual assault reports"
        gap = sentence[c.end:s.start]
        if s.start >= c.end and gap_pattern.fullmatch(gap):
            return s, ""
    for s in reversed(spans):  # "climbed to 44,771", "a high of 5,071", "threats to kill 64 times"
        gap = sentence[s.end:c.start]
        if s.end <= c.start and len(gap) <= 90 and not re.search(r"[;:]|[,.]\s", gap) and (
                re.search(r"\b(?:to|at|of|reached|totalled|hit|stood at|was|were)\s+$", gap) or
                re.match(r"\s+times\b", sentence[c.end:])):
            return s, ""
    where = re.match(r"\s+(?:were\s+|was\s+)?(?:in|across|at)\s+(?:the\s+)?", sentence[c.end:])
    if where:  # a list by place: "240 admissions in West Yorkshire, 175 across South Yorkshire"
        place = next((p for p in find_places(sentence) if p[0] == c.end + where.end()), None)
        earlier = [s for s in spans if s.end <= c.start]
        if place and earlier:
            return earlier[-1], place[2]
    return None, ""
_QUALS = r"(?:more than|just over|just under|over|around|about|nearly|almost|some|at least|roughly)"
AFTER_CHANGE = compile_guarded(
    rf"^(?:\s+by\s+[^,;.]*?)?,?\s+(?:from\s+(?P<base>{_NUMBER})(?P<bscale>\s?(?:million|thousand))?\s+)?"
    rf"to\s+(?:{_QUALS}\s+)?(?P<value>{_NUMBER})(?P<scale>\s?(?:million|thousand))?\b(?!\s?(?:per ?cent|%))", re.I)


# a period after a figure: "in the year to September", "in the year ending March 2024"
_PERIOD_AFTER = r"(?:,?\s+(?:in|over|during)\s+the\s+(?:year|12 months|twelve months|period)\s+(?:to|ending|up to)\s+" \
                r"[A-Z]\w+(?:\s+\d{4})?)?"
# the value a figure is compared with, after the figure: "rose to 46 last year, up from 31", "fell to
# 1,021 offences from 1,187", "with 1,021 offences compared with 1,187"; and after a change word: "up from 31"
BASE_AFTER = compile_guarded(
    rf"^(?:\s+(?!from\b|to\b|compared\b|against\b)[a-z-]+){{0,3}}?"
    rf"{_PERIOD_AFTER}"  # "... knife crimes in the year to September, compared to 3,028"
    rf"(?:,?\s*(?:[-–—]\s*)?(?:up|down)\s+from|\s+from|,?\s+compared\s+(?:to|with)|,?\s+against|"
    rf",?\s*(?:[-–—]\s*)?(?:almost\s+|nearly\s+|roughly\s+|about\s+)?(?P<same>the same as|similar to|level with|"
    rf"unchanged from))\s+(?:the\s+)?(?:{_QUALS}\s+)?(?P<base>{_NUMBER})(?P<bscale>\s?(?:million|thousand))?\b"
    rf"(?!\s?(?:per ?cent|%)|,\d)", re.I)
# a change by a count: "an increase of 2,044 offences", "fell by 120"
CHANGE_BY_COUNT = compile_guarded(rf"\s+(?:by|of)\s+(?P<q>)(?:{_QUALS}\s+)?(?P<n>{_NUMBER})\b(?![,.]\d|\s?(?:per ?cent|%))",
                                  re.I)
# a difference after a level: "nine murders involving a knife, two fewer than in 2022"
DIFFERENCE_AFTER = compile_guarded(rf"^(?:\s+[a-z-]+){{0,4}}?{_PERIOD_AFTER},?\s+(?P<diff>{_NUMBER})(?P<pct>%|\s?per ?cent)?\s+"
                                   rf"(?P<word>fewer|more|less|lower|higher)\s+than\b", re.I)
# a sentence that gives the base of the previous sentence's figure: "That compares with 2,890 the year before."
BASE_SENTENCE = compile_guarded(rf"^\W*(?:that|this|it|the figure|the total)\s+(?:compares|compared|is up|is down|was up|"
                                rf"was down)\s+(?:to|with|from)\s+(?:{_QUALS}\s+)?(?P<base>{_NUMBER})"
                                rf"(?P<bscale>\s?(?:million|thousand))?\b(?!\s?(?:per ?cent|%))", re.I)


def _base_after(sentence: str, at: int) -> tuple[float, int, bool] | None:
    """The base a figure ending at ``at`` is compared with, where its number starts, and whether the
    sentence calls the two the same ("almost the same as the 1,171"); None for a year."""
    m = BASE_AFTER.match(sentence[at:])
    if m is None or _is_year(m.group("base")):
        return None
    return _scaled(m.group("base"), m.group("bscale")), at + m.start("base"), bool(m.group("same"))


def _scaled(number: str, scale: str | None) -> float:
    """"1.6" with "million" -> 1,600,000; "seven" -> 7."""
    return _number(number) * {"million": 1e6, "thousand": 1e3}.get((scale or "").strip().lower(), 1.0)


def extract_outcomes(article_id: str, sentences: list[str], title: str = "") -> list[OutcomeRow]:
    """Every crime figure of one article; the headline (``title``, sentence 0) is read first."""
    numbered = with_headline(sentences, title)
    article_places = [p[2] for _, sentence in numbered for p in find_places(sentence)]
    metrics = [_metrics(sentence) for _, sentence in numbered]
    named = Counter(name for found in metrics for _, _, name in found)
    article_metric = named.most_common(1)[0][0] if named else ""
    rows: list[OutcomeRow] = []
    context: list[str] = []
    for (no, sentence), found in zip(numbered, metrics):
        based = BASE_SENTENCE.match(sentence) if rows and rows[-1].sentence_no == no - 1 else None
        if based and rows[-1].value is not None and rows[-1].base_value is None and not _is_year(based.group("base")):
            _set_base(rows[-1], _scaled(based.group("base"), based.group("bscale")))  # "That compares with 2,890"
        spans = _spans(sentence, found, context, article_metric)
        if spans or (context and ANAPHOR.match(sentence)) or (article_metric and PERCENT.search(sentence)):
            rows.extend(_sentence_rows(article_id, no, sentence, spans, context, article_metric, article_places))
        context.extend(s.metric for s in spans if s.specific and not _in_aside(sentence, s.start, s.end))
    return rows


def _direction_from(value: float, base: float) -> str:
    """The direction of a figure against the one it is compared with."""
    return "down" if value < base else "up" if value > base else "none"


def _set_base(row: OutcomeRow, base: float) -> None:
    """A base given after the fact: a level becomes a change from it."""
    row.base_value = base
    if row.direction == "none" and row.value is not None:
        row.direction = _direction_from(row.value, base)


def _sentence_rows(article_id: str, no: int, sentence: str, spans: list[Span], context: list[str],
                   article_metric: str, article_places: list[str]) -> list[OutcomeRow]:
    info = metric_info()
    groups = _groups(spans, sentence)
    period = _period(sentence)
    changes: list[OutcomeRow] = []
    seen: set[tuple[str, str, str]] = set()
    used: set[int] = set()  # counts already read as a change's value
    previous_end = -1  # where the sentence's previous change ends
    for m in _changes(sentence):
        if _is_aim(sentence, m):
            continue
        group = _change_group(sentence, m, groups, context, article_metric)
        if group is None:
            continue
        # a later change of a metric named before the previous change, with a place of its own, is that
        # place's ("rose in England and Wales by 6%, with London recording a bigger increase of 7%")
        shared = previous_end >= 0 and all(s.end <= previous_end for s in group)
        own_place = _clause_place(sentence, previous_end, m.start(), m.end()) if shared else ""
        previous_end = m.end()
        direction = "up" if m.group("up") else "down" if m.group("down") else "none"
        magnitude, change = _magnitude(sentence, m)
        by_count = CHANGE_BY_COUNT.match(sentence, m.end()) if change is None else None
        if by_count and not _is_year(by_count.group("n")):  # "an increase of 2,044 offences": how much, not the value
            magnitude = sentence[by_count.start("q"):by_count.end("n")].strip()
            used.add(by_count.start("n"))
        to = AFTER_CHANGE.match(sentence[m.end():])
        for s in group:
            if (s.metric, direction, magnitude) in seen:
                continue
            seen.add((s.metric, direction, magnitude))
            row = OutcomeRow(article_id, no, s.metric, own_place or _place(sentence, s.end, article_places),
                             direction, magnitude,
                             change, period, sentence, unit=s.unit, category=_category(s.metric, info))
            if to and s is group[0]:  # "climbed to 44,771", "from 654 to 617"
                row.value = _scaled(to.group("value"), to.group("scale"))
                used.add(m.end() + to.start("value"))
                if to.group("base"):
                    row.base_value = _scaled(to.group("base"), to.group("bscale"))
                    used.add(m.end() + to.start("base"))
            from_word = m.group().lower().endswith("from")  # "were up from 31"
            base = _base_after(sentence, m.start() if from_word else m.end() + to.end() if to else m.end()) \
                if s is group[0] and row.base_value is None else None  # "rose to 46, up from 31"
            if base is not None and (to or from_word or re.match(r"\s+from\b", sentence[m.end():])):
                row.base_value = base[0]
                used.add(base[1])
            changes.append(row)
    rows = _without_vague_repeats(changes)
    counts = _counts(sentence)
    starts = {c.start for c in counts}
    counts += [Count(s.count_start, s.count_end, sentence[s.count_start:s.count_end].strip(), s.count_value)
               for s in spans if s.count_value is not None and s.count_start not in starts]
    levels: set[tuple[str, float, str]] = set()
    for c in sorted(counts, key=lambda c: c.start):
        number_at = c.start + len(c.text) - len(c.text.lstrip())
        if any(number_at <= u < c.end for u in used) or REFERS_BACK.search(sentence[:c.start]) \
                or re.match(rf"\s+(?:in|of|out of)\s+(?:the\s+)?(?!(?:19|20)\d\d)(?:{_NUMBER})\b", sentence[c.end:], re.I):
            continue
        victim = next((s for s in spans if s.count_value is not None and s.count_start <= c.start < s.count_end), None)
        if victim is not None:
            c = Count(victim.count_start, victim.count_end, sentence[victim.count_start:victim.count_end].strip(),
                      float(victim.count_value or 0.0))
        span, place = (victim, "") if victim else _count_span(sentence, c, [s for s in spans if s.count_value is None])
        if span is None:
            continue
        open_change = next((r for r in rows if r.metric == span.metric and r.value is None),
                           None)
        if open_change is not None and not place:
            open_change.value = c.value
            base = _base_after(sentence, max(c.end, span.end)) if open_change.base_value is None else None
            if base is not None:  # "down 14%, with 1,021 offences compared with 1,187"
                open_change.base_value = base[0]
                used.add(base[1])
            continue
        after = max(c.end, span.end)
        compared = COMPARED.match(sentence[after:])
        direction, magnitude, base = "none", c.text, None
        if compared:
            base = _number(compared.group("base"))
            direction = _direction_from(c.value, base)
            magnitude = sentence[c.start:after + compared.end()].strip()
        elif (difference := DIFFERENCE_AFTER.match(sentence[after:])) is not None:
            fewer = difference.group("word").lower() in ("fewer", "less", "lower")
            direction = "down" if fewer else "up"  # magnitude: "two fewer", "5% fewer"
            magnitude = sentence[after + difference.start("diff"):after + difference.end("word")]
            if not difference.group("pct"):
                base = c.value + _number(difference.group("diff")) * (1 if fewer else -1)
        elif (later := _base_after(sentence, after)) is not None and later[1] not in used:
            base = later[0]  # "1,163 offences recorded last year - almost the same as the 1,171 the year before"
            used.add(later[1])
            if not later[2]:
                direction = _direction_from(c.value, base)
        key = (span.metric, c.value, place)
        if key in levels:
            continue
        levels.add(key)
        rows.append(OutcomeRow(article_id, no, span.metric, place or _place(sentence, span.end, article_places),
                               direction, magnitude, None, period, sentence, value=c.value, base_value=base,
                               unit=span.unit, category=_category(span.metric, info)))
    return rows


def _without_vague_repeats(rows: list[OutcomeRow]) -> list[OutcomeRow]:
    """One sentence saying the same change twice ("the increase in robberies ... a 12% rise") is one
    row: a row without a figure goes when another for the same metric and direction stays."""
    out: list[OutcomeRow] = []
    for r in rows:
        same = [o for o in out if o.metric == r.metric and o.direction == r.direction]
        if not same:
            out.append(r)
        elif r.change is not None:
            vague = [o for o in same if o.change is None]
            out = [o for o in out if o not in vague] + [r]
    return out


def _category(metric: str, info: dict[str, MetricInfo]) -> str:
    return info[metric].category if metric in info else ""


def _places_of_events(sentence: str) -> list[tuple[int, int, str]]:
    """The places a sentence names, less those that name an organisation speaking ("West Yorkshire
    Police said": not where the change happened)."""
    return [p for p in find_places(sentence) if not ORG_AFTER.match(sentence[p[1]:])]


def _place(sentence: str, metric_end: int, article_places: list[str]) -> str:
    """The place named after the metric ("knife crime in the West Midlands"), else the first one in
    the sentence (its subject; the nearest "in PLACE" first), else national for a national body's statement, else the article's."""
    places = _places_of_events(sentence)
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


_CLAUSE_MARK = compile_guarded(r"[,;–—]|\s-\s")


def _clause_place(sentence: str, previous_end: int, start: int, end: int) -> str:
    """The place of a change's own clause: named right after it ("and it rose by 4% in Essex"), else
    between the last clause mark before it and the change ("..., with London recording"), else ''."""
    places = _places_of_events(sentence)
    after = [p for p in places if p[0] >= end and not _CLAUSE_MARK.search(sentence[end:p[0]])]
    if after:
        return after[0][2]
    marks = [m.end() for m in _CLAUSE_MARK.finditer(sentence, previous_end, start)]
    inside = [p for p in places if marks and marks[-1] <= p[0] and p[1] <= start]
    return inside[-1][2] if inside else ""


def _period(sentence: str) -> str:
    found = PERIOD.findall(sentence)
    if not found:
        return ""
    return max(found, key=len).strip()

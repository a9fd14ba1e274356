"""Funding claims: every amount of money that is funding or spending, with who pays, for what,
where, over what period, its status, and whether it is a share of another amount."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from src.claims.entities import (CONCEPTS, canonical_programme, find_funders, find_programmes, grant_makers,
                                 holders_in, national_funders, specific_funder)
from src.claims.gazetteer import find_places, nation_of, places_in
from src.claims.money import Money, find_money
from src.common.patterns import compile_guarded
from src.common.vocab import vocabulary

FUNDING_CUES = compile_guarded(
    r"\b(?:invest\w*|fund\w*|grants?|allocat\w*|pledg\w*|spen[dt]\w*|budget\w*|cash|money|package|commit\w*|"
    r"award\w*|boost\w*|injection|financ\w*|backed|bid|resourc\w*|provid\w*|launched with|earmark\w*|"
    r"ring-?fenced|set aside|paid for|pay for|worth of|receiv\w*|giv(?:e|es|en|ing)|gets|got|won|secured|handed|"
    r"announc\w*|"
    r"(?:will |to )?go(?:es)? to)\b",
    re.I)
FOR_PURPOSE = compile_guarded(r"^\s*(?:a year |per year |each |annually )?(?:for|to (?:fund|tackle|help|support|pay|run|set up|"
                         r"create|deliver|provide|divert|prevent|reduce|expand|extend|launch))\b", re.I)
RECIPIENT_VERB = compile_guarded(r"\b(?:receiv\w*|(?:(?:has|have|had) been|was|were|been|being) (?:awarded|granted|given|allocated|"
                            r"handed)|secured|secures|won|wins|gets|got|will get|is to get|are to get|to get|lands|landed|"
                            r"bags|bagged|scoops|scooped)\b[^.]{0,40}$", re.I)  # headlines: "Council wins £1.2m"
NOT_FUNDING = compile_guarded(
    r"\b(?:fined?|fines|(?<!assets )seized|stolen|theft|worth of (?:drugs|cannabis|cocaine|heroin)|compensation|damages|"
    r"salary|salaries|paid out|price|bail|reward|debt|bills?|haul|ransom|costs? (?:the|society|the economy|"
    r"the nhs|the taxpayer)|cost of (?:knife|violent|crime|violence)|a year in prison|per prisoner|"
    r"estimated cost|economic cost|social cost|turnover|profits?|sold for)\b", re.I)
PERIOD = compile_guarded(
    r"\b(?:over|across|during|for)\s+(?:the\s+)?(?:next|coming|past|last\s+)?\s*(?:\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|a|one)[\s-]+(?:years?|months?|weeks?)\b|\b(?:a|per|each|every)\s+(?:year|annum|month)\b|"
    r"\bannually\b|\byearly\b|\b(?:in|for|between)\s+(?:19|20)\d{2}\s+(?:to|and)\s+(?:19|20)\d{2}\b|"  # "in 2024 to 2025"
    r"\bin\s+(?:19|20)\d{2}(?:[/-]\d{2,4})?\b|\bfor\s+(?:19|20)\d{2}(?:[/-]\d{2,4})\b|"
    r"\bthis (?:year|summer|winter|spring|autumn)\b|\bnext year\b|\buntil\s+(?:19|20)\d{2}\b|"
    r"\b(?:19|20)\d{2}[/-]\d{2,4}\b|\bfirst year\b|\bsince\s+(?:19|20)\d{2}(?:[/-]\d{2,4})?\b", re.I)
STATUS = compile_guarded(
    r"\b(?P<s>provisionally allocated|allocated|pledged|promised|committed|commits|invested|investing|invests|"
    r"awarded|announced|earmarked|approved|confirmed|granted|spent|launched|secured|bidding|awarding)\b", re.I)
STATUS_CANON = {"commits": "committed", "investing": "invested", "invests": "invested", "promised": "pledged",
                "bidding": "bid", "awarding": "awarded"}
PART_CUE = compile_guarded(r"\b(?:includ\w*|of which|within (?:this|that|it)|made up of|comprising|consisting of)\b", re.I)
# "it received £900,000", "they were given £2m": the programme the article spoke of last as a subject
PRONOUN_SUBJECT = compile_guarded(r"\b(?:it|they)\s+(?:\w+\s+){0,2}$", re.I)
# an aside between commas about how a body came about: its funders do not give the money that follows
APPOSITIVE = compile_guarded(r",\s+(?:set up|funded|backed|created|founded|launched|established|which|who|whose)\b"
                             r"[^,]{3,120},", re.I)
# between a share and the larger amount after it: "£1.2m as part of the £35m fund", "£40,000 out of a £1m pot"
SHARE_OF_LATER = compile_guarded(r"^\s*(?:\S+\s+){0,6}?(?:as\s+)?(?:part|share)\s+of\s+(?:the|a|an|its|their)\s+$|"
                                 r"^\s*(?:\S+\s+){0,6}?(?:out\s+of|from)\s+(?:the|a|an)\s+$", re.I)
# a sentence that shares out the amount of the sentence before: "Of this, £400,000 ...", "Of that sum, ..."
SHARE_OF_BEFORE = compile_guarded(r"^(?:Of (?:this|that|which|the total|the money|the funding|the cash|the sum)|"
                                  r"Within (?:this|that))\b", re.I)
# recipients in the plural: the money of a national funder for them is national
PLURAL_RECIPIENT = compile_guarded(r"\b(?:units|forces|areas|councils|commissioners|PCCs|VRUs|authorities|"
                                   r"schemes|projects|charities|organisations|regions|cities|boroughs)\s+"
                                   r"(?:(?:are|will|have|has|to|were|had)\s+)?$", re.I)
NATIONAL_FUNDERS = national_funders()
GRANT_MAKERS = grant_makers()
SUBJECT_REF = compile_guarded(r"^(?:The|This|That|Its|Their)\s+(?:[A-Z][\w-]*\s+){0,3}(?P<head>strategy|scheme|project|fund|programme|unit|"
                         r"initiative|plan|pilot|network|package|cash|money|funding)\b", re.I)


@dataclass
class FundingRow:
    article_id: str
    sentence_no: int
    money: Money
    funder: str
    programme: str
    place: str
    period: str
    status: str
    part_of_index: int | None  # index in the article's list of funding rows
    sentence: str


def is_funding(sentence: str, money: Money) -> bool:
    window = sentence[max(0, money.start - 60): money.end + 60]
    if NOT_FUNDING.search(window):
        return False
    if FUNDING_CUES.search(sentence) or FOR_PURPOSE.match(sentence[money.end:]):
        return True  # "£35 million for police and crime commissioners", "£5m to tackle ..."
    named = find_programmes(sentence[money.end:money.end + 80])
    return bool(named) and named[0].start <= 2  # "£5.6m Rescue and Response scheme"


def _programme_for(sentence: str, money: Money, next_start: int, history: list[tuple[str, int]]) -> str:
    """What an amount pays for, by the first rule that applies (README, "Funding rules")."""
    after = sentence[money.end:next_start]
    before = sentence[:money.start]
    # a named programme right after the amount: "£45 million Young Londoners Fund", "£5.6m Rescue and Response scheme"
    m = re.match(r"\s*(?:a year\s|per year\s|of\s)?(?:new\s|extra\s|additional\s)?['\"]([^'\"]{3,60})['\"]", after)
    if m:
        return canonical_programme(m.group(1))
    progs = find_programmes(after)
    if progs and progs[0].start <= 3:
        return progs[0].name
    m = re.match(r"\s*(?:\w+\s){0,3}?(?:for|to fund|to pay for|towards|into|on)\s+(?:the\s+|a\s+|his\s+|her\s+|their\s+)?"
                 r"(?P<rest>.*)", after)
    if m:
        inner = find_programmes(m.group("rest"))
        if inner and inner[0].start <= 2:
            return inner[0].name
    m = re.search(r"\b(?:in|through|via)\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+)?(?P<rest>[^,;]{0,120})", after)
    if m:
        inner = find_programmes(m.group("rest"))
        if inner:
            return inner[-1].name if re.match(r"[^,;]*\b(?:programme|scheme)\b", m.group("rest")) and \
                len(inner) > 1 else inner[0].name
    m = re.search(r"\bto\s+(?:run|deliver|provide|fund|pay for)\s+(?:a|an|the)\s+(?P<what>(?:[\w-]+\s){0,4}?"
                  r"(?:programme|scheme|project|service|initiative|pilot|network|team|unit|campaign))\b", after)
    if m and not find_programmes(m.group("what")):
        return m.group("what").strip()
    m = re.match(r"\s*(?:\w+\s){0,4}?(?:in|on|into|for|go(?:es)? to|went to)\s+(?:(?:a|an|the|new)\s+)*"
                 r"(?P<what>(?:[a-z][\w-]*\s){1,4}(?:programmes?|schemes?|projects?|initiatives?|services?|work))\b", after)
    if m and not find_programmes(m.group("what")):
        return m.group("what").strip()  # "invested £16m in violence prevention programmes"
    # "£664,000 from the Home Office's Early Intervention Youth Fund": the fund it comes from, when
    # no programme of its own is named ("from the Youth Endowment Fund to run a mentoring programme")
    m = re.search(r"\bfrom\s+(?:the\s+)?(?P<rest>[^,;]{0,80})", after)
    if m:
        inner = find_programmes(m.group("rest"))
        if inner and inner[0].start <= 20:
            return inner[0].name
    m = re.search(r"\bto\s+(?:set up|establish|create|launch|run|fund|introduce|expand|extend|roll[ -]out)\s+"
                  r"(?:new\s+|more\s+)?(?P<what>[^,.;]{3,80})", after)
    if m:
        quoted = re.match(r"['‘\"“](?P<name>[^'’\"”]{3,60})['’\"”]", m.group("what"))
        if quoted:  # "to roll-out 'hotspot policing' following pilot schemes"
            return canonical_programme(quoted.group("name"))
        inner = find_programmes(m.group("what"))
        return inner[0].name if inner else canonical_programme(m.group("what").strip())
    m = re.match(r"\s*(?:on\s+)?(?P<what>(?:tackling|preventing|reducing|supporting|helping|diverting|funding)\b"
                 r"[^,.;]*?)(?=\s+(?:over|in|by|during|across|from|this|next)\b|[,.;]|$)", after)
    if m:
        return m.group("what").strip()
    m = re.search(r"\bto\s+(?P<what>(?:tackle|combat|fight|prevent|reduce|divert|support|help|protect|stop|end|cut|"
                  r"disrupt)\s+[^,.;]{3,60}?)(?=\s+(?:in|across|over|by|through|with|from|and|so|has|have|had|is|are|was|were|will)\b|[,.;]|$)", after)
    if m:
        return m.group("what").strip()
    subject = SUBJECT_REF.match(before.strip())
    if subject:
        head = subject.group("head").lower()
        for name, _ in reversed(history):
            if head in name.lower():
                return name
        if history:
            return history[-1][0]
    here = find_programmes(sentence)
    if here:
        return min(here, key=lambda p: abs(p.start - money.start)).name
    return ""


_STOP = r"(?:in|over|by|during|from|to|for|with|so|this|next|and|but|which|who|that|while|as|after|before|until|" \
        r"has|have|had|is|are|was|were|been|will)\b"  # "a £1m fund to help young people ... has been launched"
PURPOSE = compile_guarded(
    rf"\b(?:to (?:pay for|spend on|be spent on|fund|support|provide|tackle|combat|fight|prevent|safeguard|protect)|"
    rf"for|towards|covering(?: the work of)?)\s+(?P<what>(?:an?\s+|the\s+)?(?!{_STOP})"
    rf"(?:\d+\s+(?!(?:years?|months?|weeks?|days?)\b)(?=[a-z]))?[A-Za-z][\w%-]*"  # "to fund 20 new youth workers"
    rf"(?:\s+(?!{_STOP})[\w%/-]+){{0,5}})", re.I)


SPENT_BEFORE = compile_guarded(r"\b(?:spend|spends|spending|spent|invest|invests|investing|invested)\b[^.;]{0,25}$", re.I)
SPENT_ON = compile_guarded(rf"\s*(?:a year |per year |each year |a month |annually )?on\s+(?P<what>(?:an?\s+|the\s+)?(?!{_STOP})[\w%-]+(?:\s+(?!{_STOP})[\w%/-]+){{0,5}})", re.I)


def _purpose(sentence: str, money: Money) -> str:
    """What an amount is for when no programme is named: "earmarked to pay for a 2% police pay
    increase", "goes to the Commissioner to spend on officer numbers", "money to combat knife crime",
    "is spending £750m on the 2% police pay rise" (as printed: usable_purpose trims it)."""
    spent_on = SPENT_ON.match(sentence, money.end) if SPENT_BEFORE.search(sentence, 0, money.start) else None
    for found in (spent_on, PURPOSE.search(sentence, money.end, min(len(sentence), money.end + 120))):
        if found and not find_funders(found.group("what")):
            return found.group("what").strip()
    worth = re.search(r"(?:^|\b(?:the|new|more)\s+)(?P<what>[A-Za-z][\w-]*(?:\s+[a-z][\w-]*){0,4})\s+worth\s+(?:more than\s+|"
                      r"about\s+|around\s+)?$", sentence[:money.start])
    if worth and not find_funders(worth.group("what")):
        return worth.group("what").strip()  # "Bleed control kits worth £20,000"
    before = re.search(r"\b(?:money|cash|funding|grants?)\s+to\s+(?P<what>(?:tackle|combat|fight|prevent|reduce|support)"
                       r"\s+[\w\s-]{3,40}?)(?=\s+(?:has|have|is|are|was|were|will)\b)", sentence[:money.start], re.I)
    return before.group("what").strip() if before else ""


_WEAK_START = compile_guarded(r"^(?:funding|money|cash|it|them|this|that|these|those|with|their|his|her|its|our|my|your)\b", re.I)
_TRAILING_SMALL = compile_guarded(r"(?:\s+(?:to|on|of|for|in|at|by|with|and|or|the|a|an|is|are|was|were|be))+$", re.I)
_BARE_NOUN = compile_guarded(r"(?:(?:successful|new|existing|local|the|a|an|two-year|three-year)\s+)*"
                        r"(?:programmes?|projects?|schemes?|work|help|support|activities|initiatives?)", re.I)


def usable_purpose(text: str) -> str:
    """A free-text programme or purpose as an analyst can use it, or '' when it says nothing the
    article's named programme would not say better: a bare noun ("projects", "successful
    programme"), words about the money itself ("funding to help"), a quotation or a date ("funding
    to April 2023"). Trailing small words are trimmed ("tackle serious violence to")."""
    t = _TRAILING_SMALL.sub("", text.strip(" ,;:"))
    t = re.sub(r"^(?:an?|the)\s+", "", t)
    if not t or find_programmes(t):
        return t
    if _WEAK_START.match(t) or _BARE_NOUN.fullmatch(t) or re.search(r"['\"‘’“”]|\b(?:19|20)\d{2}\b|\d$", t):
        return ""
    return t


def _payer(funder: str, programme: str, owners: dict[str, str], article_funders: list[str],
           article_programmes: list[str], giver_named: bool = False) -> str:
    """Who pays, once the programme is known: a unit named as funder is the programme receiving the
    money ("funding for the Scottish Violence Reduction Unit"), so another funder of the article
    pays, or the programme's owner; a named fund with no funder pays itself, and in an article that
    names no funder at all, the fund it names does ("Camden Youth Safety Fund"). A grant-maker the
    sentence names as the giver ("awarded £420,000 by the National Lottery Community Fund") pays,
    although its name looks like a programme's (``giver_named``)."""
    if funder and programme and not giver_named and \
            (f" {programme} " in f" {funder} " or f" {funder} " in f" {programme} "):
        others = Counter(f for f in article_funders if f != funder and f" {programme} " not in f" {f} ")
        return others.most_common(1)[0][0] if others else owners.get(programme, "")
    if not funder and programme:
        funder = owners.get(programme, programme if programme.endswith(" Fund") else "")
    if not funder and not article_funders:
        funder = next((p for p in article_programmes if p.endswith(" Fund")), "")
    return funder


_PROGRAMME_HEAD = compile_guarded(r"\b(?:programmes?|schemes?|projects?|services?|initiatives?|pilots?|networks?|teams?|"
                             r"units?|campaigns?|funds?|strategy|strategies|plans?|partnerships?)$", re.I)


def _is_purpose(programme: str) -> bool:
    """A free-text purpose ("tackle serious violence"), not a programme's name or a free-text one
    ("two-year mentoring programme"); empty counts as a purpose not found."""
    return not find_programmes(programme) and not _PROGRAMME_HEAD.search(programme.strip())


def _owned_programmes(sentences: list[str]) -> dict[str, str]:
    """programme -> the first programme of its own the article names ("the VRU's MyEnds programme")."""
    owned: dict[str, str] = {}
    for sentence in sentences:
        if "'s " not in sentence and "’s " not in sentence:
            continue
        mentions = find_programmes(sentence)
        for a, b in zip(mentions, mentions[1:]):
            if a.name != b.name and re.fullmatch(r"['’]s\s+", sentence[a.end:b.start]):
                owned.setdefault(a.name, b.name)
    return owned


def _mayor_by_holder(numbered: list[tuple[int, str]], article_funders: list[str]) -> dict[str, str]:
    """"Mayor" -> the mayoralty whose holder the article names ("Mayor Andy Burnham said"), when the
    article names no "Mayor of ..." itself and its holders hold one mayoralty only."""
    if "Mayor" not in article_funders or any(f.startswith("Mayor of") for f in article_funders):
        return {}
    mayors = {r["funder"] for r in vocabulary("funders") if r["kind"] == "mayor"}
    offices = {office for _, sentence in numbered for _, office in holders_in(sentence) if office in mayors}
    return {"Mayor": offices.pop()} if len(offices) == 1 else {}


def devolved_funders(mentions: list[tuple[str, str]], article_places: list[str]) -> dict[str, str]:
    """funder -> the devolved government it stands for in this article (vocabularies/devolved.csv):
    the article is about a nation (most of its places lie there) and names the funder only by names
    that, there, mean the devolved government ("the Government" in an article about Glasgow).
    ``mentions`` are (funder, the words printed) for every funder mention of the article."""
    nations = Counter(n for n in map(nation_of, article_places) if n)
    if not nations:
        return {}
    nation, count = nations.most_common(1)[0]
    rows = {r["alias"]: r["funder"] for r in vocabulary("devolved") if r["nation"] == nation}
    if not rows or count * 2 <= sum(nations.values()):
        return {}
    printed: dict[str, set[str]] = {}
    for funder, words in mentions:
        printed.setdefault(funder, set()).add(words)
    out = {}
    for funder, words in printed.items():
        targets = {rows.get(w) for w in words}
        if len(targets) == 1 and None not in targets:
            out[funder] = targets.pop() or funder
    return out


def _named_as_giver(sentence: str, funder: str, money: Money) -> bool:
    """The sentence names ``funder`` as the one the money comes from: "by the X", "from the X", or as
    the subject that gives it ("The Youth Endowment Fund ... has awarded £3m")."""
    return any(f.name == funder and (re.search(r"\b(?:by|from)\s+(?:the\s+)?$", sentence[:f.start]) or
                                     (re.fullmatch(r"(?:The\s+)?", sentence[:f.start]) and f.end <= money.start
                                      and not RECIPIENT_VERB.search(sentence[f.end:money.start])))
               for f in find_funders(sentence))


def programme_owners() -> dict[str, str]:
    """programme -> the funder that runs or pays for it (vocabularies/programmes.csv)."""
    return {row["programme"]: row["owner"] for row in vocabulary("programmes") if row["owner"]}


# a body named by its kind only: "the council", "city council", "the combined authority"
_GENERIC_BODY = r"(?P<kind>city\s+|county\s+|borough\s+|district\s+)?(?P<head>council|combined authority)"


def _generic_body(m: re.Match[str], article_funders: list[str], article_places: list[str]) -> str:
    """The body a generic mention means: the one of its kind the article names, else the article's
    main place with the kind ("city council" in an article about Leicester); '' when unsure."""
    head = m.group("head").title()
    bodies = {f for f in article_funders if f.endswith(head)}
    if len(bodies) == 1:
        return bodies.pop()
    kind = (m.group("kind") or "").strip().title()
    if bodies or not article_places or (head == "Council" and not kind):
        return ""
    return f"{Counter(article_places).most_common(1)[0][0]} {kind + ' ' if kind else ''}{head}"


def _funder_for(sentence: str, money: Money, article_funders: list[str], recent_claim_funder: str,
                recent_mention: str, article_places: list[str]) -> str:
    after = sentence[money.end:money.end + 80]
    m = re.match(r"\s*(?:of\s+)?(?:new\s+|extra\s+|additional\s+)?(?P<who>[A-Z][\w' ]{2,40}?)\s+(?:money|cash|funding|"
                 r"grants?|award)\b", after)  # "£880,000 Home Office grant"
    if m:
        named = find_funders(m.group("who"))
        if named:
            return specific_funder(named[0].name, article_funders)
    m = re.match(rf"\s*of\s+(?:the\s+)?{_GENERIC_BODY}(?:'s)?\s+(?:money|cash|funding)\b", after)
    if m:  # "£250,000 of city council money": the council the article names
        body = _generic_body(m, article_funders, article_places)
        if body:
            return body
    m = re.search(r"\b(?:from|by|provided by|funded by|paid for by|(?:announced|unveiled|confirmed|set out)\s+(?:in|by))"
                  r"\s+(?:the\s+)?(?P<who>.{3,60})", after)
    if m:
        named = find_funders(m.group("who"))
        if named and named[0].start <= 2:
            return specific_funder(named[0].name, article_funders)
        generic = re.match(_GENERIC_BODY + r"\b", m.group("who"))
        body = _generic_body(generic, article_funders, article_places) if generic else ""
        if body:  # "paid for by the combined authority": the one the article is about
            return body
    lead = sentence[:money.start]
    # a funder inside an aside does not give this money: "The Youth Endowment Fund, set up with a £200m
    # endowment from the Home Office, has awarded £3m"
    before = find_funders(APPOSITIVE.sub(lambda m: " " * len(m.group()), lead) if ", " in lead else lead)
    receives = bool(RECIPIENT_VERB.search(lead))
    if before and not receives:
        return specific_funder(before[-1].name, article_funders)  # "X has allocated £35m"; not "X received £3m"
    # funders named after the amount are usually its recipients ("£35m to PCCs"): not used.
    # From the context: never the body that this very sentence says received the money: in "Council
    # wins £1.2m", "Police to get £500,000" the body named before the receiving verb, in full, by a
    # place or by its head noun, is the recipient, not the funder.
    receiving = places_in(lead) if receives else []
    recipients = {specific_funder(f.name, article_funders) for f in before} if receives else set()
    for candidate in (recent_claim_funder, recent_mention, *(f for f, _ in Counter(article_funders).most_common())):
        if not candidate or candidate in recipients or any(place in candidate for place in receiving):
            continue
        if receives and re.search(rf"\b{re.escape(candidate.split()[-1])}\b", lead, re.I):
            continue
        return candidate
    return ""


def _place_for(sentence: str, money: Money, funder: str, article_places: list[str], next_start: int = -1) -> str:
    """The place of an amount: the first place after it (before the next amount), else the last one
    before it, else the funder's or the article's."""
    places = find_places(sentence)
    end = len(sentence) if next_start < 0 else next_start
    mine = [p for p in places if money.end <= p[0] < end] or [p for p in places if p[0] < money.start][-1:]
    if mine:
        return mine[0][2]
    funder_places = [p for p in article_places if p in funder]
    if funder_places:
        return funder_places[0]
    if funder == "Mayor of London":
        return "London"
    receiving = RECIPIENT_VERB.search(sentence[:money.start])
    if funder in NATIONAL_FUNDERS and not (article_places and receiving and
                                           not PLURAL_RECIPIENT.search(sentence[:receiving.start()])):
        # unless a local body "wins" or "gets" it: then the article's place; "Violence Reduction Units to
        # receive £55.5m" (many bodies) stays national
        return "England and Wales"
    return Counter(article_places).most_common(1)[0][0] if article_places else ""


def with_headline(sentences: list[str], title: str) -> list[tuple[int, str]]:
    """The article's sentences numbered from 1, with the headline first as sentence 0 unless the
    body already opens with it: headlines carry claims ("£1million boost in battle against ...")."""
    numbered = list(enumerate(sentences, start=1))
    if title.strip() and not (sentences and sentences[0].startswith(title.strip())):
        numbered.insert(0, (0, title.strip()))
    return numbered


def extract_funding(article_id: str, sentences: list[str], title: str = "") -> list[FundingRow]:
    """Funding rows of one article (sentences in order; the headline first)."""
    numbered = with_headline(sentences, title)
    # sentence by sentence: the finders cache per sentence, and no name spans two sentences
    mentions = [(f.name, sentence[f.start:f.end]) for _, sentence in numbered for f in find_funders(sentence)]
    article_funders = [name for name, _ in mentions]
    article_places = [p[2] for _, sentence in numbered for p in find_places(sentence)]
    # funder -> what it stands for in this article: a devolved government, a mayoralty named by its holder
    devolved = devolved_funders(mentions, article_places)
    devolved.update(_mayor_by_holder(numbered, article_funders))
    owners = programme_owners()
    article_programmes = [p.name for _, sentence in numbered for p in find_programmes(sentence)]
    owned_programmes = _owned_programmes([sentence for _, sentence in numbered])
    lead_programme = next((p.name for no, sentence in numbered if no <= 1 for p in find_programmes(sentence)
                           if p.name in CONCEPTS), "")  # a programme of vocabularies/programmes.csv
    rows: list[FundingRow] = []
    history: list[tuple[str, int]] = []  # programmes named so far, for "The strategy ..."
    subjects: list[str] = []  # programmes that open their sentence, for "Last year it received £900,000"
    recent_mention, recent_mention_at = "", -99
    list_intro_funding: bool | None = False  # the sentence that introduces a bullet list speaks of funding
    intro = ""
    list_parent: FundingRow | None = None
    list_rows: list[FundingRow] = []
    for no, sentence in numbered:
        named_here = find_programmes(sentence)
        bullet = sentence.startswith("- ")
        if not bullet:
            intro = sentence
            list_intro_funding = None  # worked out only when a bullet list follows (the search is costly)
            list_rows = []
        elif list_intro_funding is None:
            list_intro_funding = bool(FUNDING_CUES.search(intro))
        monies = [m for m in find_money(sentence) if is_funding(sentence, m) or (bullet and list_intro_funding)]
        sentence_rows: list[FundingRow] = []
        for k, money in enumerate(monies):
            next_start = monies[k + 1].start if k + 1 < len(monies) else len(sentence)
            claim_funder = rows[-1].funder if rows and no - rows[-1].sentence_no <= 6 else ""
            mention = recent_mention if no - recent_mention_at <= 3 else ""
            funder = _funder_for(sentence, money, article_funders, claim_funder, mention, article_places)
            if sentence_rows and not find_funders(sentence[money.start - 30 if money.start > 30 else 0:money.start]):
                funder = sentence_rows[0].funder if k and not find_funders(sentence[monies[k - 1].end:money.start]) \
                    else funder
            programme = usable_purpose(_programme_for(sentence, money, next_start, history)) or \
                usable_purpose(_purpose(sentence, money)) or (
                    subjects[-1] if subjects and not named_here and PRONOUN_SUBJECT.search(sentence[:money.start])
                    else history[-1][0] if history else article_programmes[0] if article_programmes else "")
            if lead_programme and not named_here and _is_purpose(programme):
                # the headline or standfirst names the programme, this sentence names none: the
                # article's programme before a purpose phrase ("Hotspot policing extended to 18 forces")
                programme = lead_programme
            owned = owned_programmes.get(programme)
            if owned:
                # "London's VRU will put £6 million into ...", in an article about "the VRU's MyEnds
                # programme": the unit's money goes to its programme, which the article names
                programme = owned
            else:
                funder = _payer(funder, programme, owners, article_funders, article_programmes,
                                funder in GRANT_MAKERS and _named_as_giver(sentence, funder, money))
            if funder.endswith(" Fund") and not find_programmes(programme) and \
                    all(p.name != funder for p in named_here):
                # the article's fund pays ("Camden Youth Safety Fund"), unnamed in this sentence: the
                # money is the fund's, whatever projects it goes to
                programme = funder
            funder = devolved.get(funder, funder)
            period_m = PERIOD.search(sentence[money.end:next_start]) or PERIOD.search(sentence[:money.start][-60:])
            status_m = STATUS.search(sentence[:money.start][-80:]) or STATUS.search(sentence[money.end:next_start])
            status = status_m.group("s").lower() if status_m else ""
            part_of = None
            if sentence_rows and PART_CUE.search(sentence[sentence_rows[0].money.end:money.start]) and \
                    money.amount < sentence_rows[0].money.amount:
                part_of = len(rows) - len(sentence_rows)
            whole = next((r for r in reversed(rows) if r.sentence_no == no - 1 and r.part_of_index is None), None) \
                if k == 0 and SHARE_OF_BEFORE.match(sentence) else None
            if whole is not None and money.amount < whole.money.amount:
                # "Kent will receive £1.2m ... Of this, £400,000 will go to ...": a share of the amount before
                part_of = rows.index(whole)
                programme = programme or whole.programme
                if not find_funders(sentence):
                    funder = whole.funder
            if bullet and list_parent is not None and part_of is None and \
                    sum(r.money.amount for r in list_rows) + money.amount <= list_parent.money.amount:
                # "London – £7 million" under "£35 million ... The areas receiving funding are:"
                part_of = rows.index(list_parent)
                programme = programme or list_parent.programme
                if not find_funders(sentence):
                    funder = list_parent.funder
            if not programme:  # "the £4m funding" again: the money named before
                programme = next((r.programme for r in reversed(rows)
                                  if r.money.amount == money.amount and r.sentence_no < no), "")
            place = _place_for(sentence, money, funder, article_places, next_start)
            if whole is not None and part_of == rows.index(whole) and not find_places(sentence):
                place = whole.place  # the share is spent where the whole is
            row = FundingRow(article_id, no, money, funder, programme, place,
                             period_m.group().strip() if period_m else "", STATUS_CANON.get(status, status),
                             part_of, sentence)
            sentence_rows.append(row)
            rows.append(row)
            if bullet:
                list_rows.append(row)
            share = sentence_rows[-2] if len(sentence_rows) > 1 else None
            if share is not None and share.part_of_index is None and share.money.amount < money.amount and \
                    SHARE_OF_LATER.search(sentence[share.money.end:money.start]):
                # "£1.2m as part of the £35m Violence Reduction Unit fund": the first is a share of the second,
                # which a national funder pays across England and Wales unless a place follows it
                share.part_of_index = len(rows) - 1
                if funder in NATIONAL_FUNDERS and not any(p[0] >= money.end for p in find_places(sentence)):
                    row.place = "England and Wales"
        if not bullet:  # a list introduced by "...:" right after (or with) a total shares that total
            list_parent = next((r for r in reversed(rows) if no - r.sentence_no <= 1 and r.part_of_index is None),
                               None) if sentence.rstrip().endswith(":") else None
        for p in named_here:
            history.append((p.name, no))
        opening = next((p for p in named_here if not sentence[:p.start].strip(" \"'") or
                        re.fullmatch(r"(?:The|This|That|Its|Their)\s+", sentence[:p.start])), None)
        if opening is not None:
            subjects.append(opening.name)
        funders_here = find_funders(sentence)
        if funders_here:
            recent_mention = specific_funder(funders_here[0].name, article_funders)
            recent_mention_at = no
    return rows



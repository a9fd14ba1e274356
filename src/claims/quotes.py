"""Quoted speech with the speaker's full name and role, one row per speaker turn.

Handles: 'X said: "..."', '"...," X said', 'X said:' followed by unquoted paragraphs (GOV.UK
style), quotes that run over several paragraphs (UK style: no closing mark until the last),
and later short references ("Jon added" -> Jon Cruddas, "He said" -> the person just named).
Quotes are read from the cleaned body, where typographic quotes are already straight.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from src.claims.entities import holders_in
from src.claims.gazetteer import place_words
from src.common.patterns import compile_guarded

SPEECH_VERBS = r"said|says|added|adds|told|tells|explained|explains|commented|warned|warns|stated|states|insisted|" \
               r"argued|claimed|continued|echoed|declared|noted|remarked|stressed|urged|responded|replied|admitted|" \
               r"acknowledged|agreed|revealed|announced|emphasised|highlighted|welcomed|called|tweeted|posted|wrote|writes"
ROLE_WORDS = {
    "mayor", "minister", "secretary", "commissioner", "pcc", "mp", "msp", "am", "cllr", "councillor", "chair",
    "chairman", "chairwoman", "chief", "constable", "commander", "superintendent", "inspector", "officer", "leader",
    "director", "head", "president", "lead", "spokesperson", "spokesman", "spokeswoman", "deputy", "assistant",
    "executive", "manager", "founder", "ceo", "member", "police", "crime", "council", "government", "home",
    "office", "national", "association", "the", "of", "for", "and", "london", "dr", "prof", "professor", "sir",
    "dame", "lord", "baroness", "mr", "mrs", "ms", "miss", "det", "supt", "sgt", "insp", "ch", "prime", "shadow",
    "justice", "policing", "violence", "reduction", "unit", "city", "hall", "borough", "county", "west", "east",
    "north", "south", "midlands", "yorkshire", "labour", "conservative", "liberal", "democrat", "green", "party",
    "serious", "fire", "metropolitan", "met", "scotland", "wales", "england", "news", "story", "report",
}
ROLE_HINT = compile_guarded(r"\b(?:Mayor|Minister|Secretary|Commissioner|PCC|MP|MSP|AM|MEP|Cllr|Councillor|Chair\w*|Chief|"
                       r"Constable|Commander|Superintendent|Inspector|Officer|Leader|Director|Head|President|Lead|"
                       r"Spokes\w+|Deputy|Assistant|Executive|Manager|Founder|CEO|Member|Dr|Prof\w*|Sir|Dame|Lord|"
                       r"Baroness|Det|Supt|Sgt|Insp|Mr|Mrs|Ms|Miss|Shadow|Prime)\b")
HONORIFICS = {"cllr", "councillor", "dr", "prof", "professor", "sir", "dame", "lord", "baroness", "mr", "mrs", "ms",
              "miss", "det", "supt", "sgt", "insp", "ch"}
_NAME_TOKEN = r"[A-Z][a-z]*(?:'[A-Z])?[a-zA-Z]*[a-z](?:-[A-Z][a-z]*(?:'[A-Z])?[a-zA-Z]*[a-z])?"  # Jo, McGuinness, O'Brien
_TOKEN = compile_guarded(_NAME_TOKEN)
PLACE_WORDS = place_words()
ORG_WORDS = {"support", "trust", "foundation", "group", "charity", "association", "institute", "network", "service",
             "services", "partnership", "society", "centre", "center", "union", "federation", "department", "ministry",
             "agency", "authority", "commission", "board", "force", "project", "fund", "news", "times", "guardian",
             "mirror", "express", "standard", "telegraph", "yard", "research", "insight", "ltd", "limited", "plc",
             "college", "university", "school", "academy", "hospital", "trust", "alliance", "coalition", "forum"}
CONTINUED = compile_guarded(r"[^\"]{0,80}?[.,;]\s*\"(?P<q>[^\"]+)(?P<close>\")?\s*$")
REPORTED_VERB = compile_guarded(r"\s(?:said|says|told|added|warned)\b")
REPORTED_NAME = compile_guarded(rf"(?<![\w'])(?P<name>{_NAME_TOKEN}\s{_NAME_TOKEN})$")
PRONOUNS = {"he", "she", "they"}
_ROLE_NOUN = r"(?:constable|chairman|chairwoman|chair|minister|secretary|commissioner|officer|director|manager|" \
             r"leader|inspector|mayor|founder|spokes(?:man|woman|person)|MLA|MP|MSP|councillor|executive|head)"
_ROLE_NOUN_RE = compile_guarded(rf"\b{_ROLE_NOUN}\b")
# "assistant chief constable Jackie Sebire", "SDLP MLA Dolores Kelly": a role right before a name
ROLE_BEFORE_NAME = compile_guarded(rf"\b(?P<role>(?:[A-Za-z][\w']*\s){{0,3}}{_ROLE_NOUN})(?:\s|,\s)(?P<name>{_NAME_TOKEN}\s{_NAME_TOKEN})\b")
# "Patrick Green, chairman of the anti-knife crime Ben Kinsella Trust,": a role after a name
ROLE_AFTER_NAME = compile_guarded(rf"\b(?P<name>{_NAME_TOKEN}\s{_NAME_TOKEN}),\s(?P<role>(?:(?:a|an|the)\s)?[^,.\"]{{0,60}}?"
                             rf"\b{_ROLE_NOUN}\b[^,.\"]{{0,60}}),")
# a speaker named only by role or organisation: "A spokesman", "The ONS report", "The Government"
# or an office whose holder the article never names ("The Home Secretary said:"): speaker = the role as printed
ROLE_SPEAKER = compile_guarded(r"^(?:(?:the|a|an)\s+)(?:[\w'-]+\s+){0,5}?(?:spokes(?:man|woman|person)|report|statement|"
                          r"government|goverment|police|council|office|department|ministry|force|trust|charity|"
                          rf"service|unit|commission|ons|nhs|{_ROLE_NOUN})$|^(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Sir|Dame|Lord)\s+"
                          rf"{_NAME_TOKEN}$", re.I)
# "According to the Home Office, "the funding will ..."": the source as printed
ACCORDING = compile_guarded(r"\baccording to (?P<attr>[^,\"]{3,80}),\s*\"(?P<q>[^\"]+)(?P<close>\")?", re.I)
# a quoted clause given as someone's view, without a speech verb
IN_THEIR_VIEW = compile_guarded(r"\b(?:in|to) (?P<pron>his|her|their) (?:view|opinion|mind|words)\b[^\"']{0,120}?"
                                r"(?P<o>[\"'])(?P<q>[^\"]{20,}?)(?:(?P=o)(?=\s|$)|$)", re.I)
FIRST_PERSON = compile_guarded(r"\b(?:I|I'm|I've|I'd|I'll|we|we're|we've|we'll|our|ours|us|my|me)\b", re.I)

# 'Attribution said:' or 'Attribution echoed the Mayor's sentiments:' ending in a colon or an opening quote
VERB_TAIL = compile_guarded(rf"\s+(?P<verb>{SPEECH_VERBS})\b(?P<obj>[^.:\"]{{0,80}}?)\s*,?\s*"
                       rf"(?:(?P<colon>:)\s*(?P<q>\")?|(?:that\s+)?(?P<q2>\"))", re.I)


@dataclass
class Intro:
    attr: str
    verb: str
    obj: str
    colon: bool
    quoted: bool  # an opening quote follows
    loose: bool  # quote follows without a colon
    end: int
    start: int = 0  # where the attribution starts


def intros(paragraph: str) -> list[Intro]:
    """'X said:' / 'X said "...' in a paragraph; the attribution runs back to the last . ! ? or quote."""
    found: list[Intro] = []
    if ":" not in paragraph and '"' not in paragraph:
        return found  # an introduction ends on a colon or a quotation mark
    floor = 0
    for m in VERB_TAIL.finditer(paragraph):
        start = max(floor, *(paragraph.rfind(c, 0, m.start()) + 1 for c in '.!?"'))
        attr = paragraph[start:m.start()].strip()
        floor = m.end()
        if not 2 <= len(attr) <= 200:
            continue
        found.append(Intro(attr, m.group("verb"), m.group("obj") or "", bool(m.group("colon")),
                           bool(m.group("q") or m.group("q2")), bool(m.group("q2")), m.end(), start))
    return found


AFTER = compile_guarded(rf"\"\s*,?\s*(?P<attr>[A-Z][^.\"]{{1,120}}?)\s+(?P<verb>{SPEECH_VERBS})\b|"
                   rf"\"\s*,?\s*(?P<verb2>{SPEECH_VERBS})\s+(?P<attr2>[A-Z][^.,\"]{{1,120}}?)(?=[.,]|$)"
                   rf"(?:,\s*(?P<role2>(?:(?:the|a|an)\s|[a-z]+\s(?:member|leader|chair|director|secretary|"
                   rf"minister|commissioner|officer|head|spokes\w+|manager|founder|lead)\b)[^.\"]{{3,120}}?)(?=\.|$))?",
                   re.I)


@dataclass
class Person:
    name: str
    role: str


@dataclass
class QuoteRow:
    article_id: str
    speaker: str
    role: str
    quote: str
    paragraph_no: int


def _name_run(tokens: list[str]) -> list[str]:
    """The trailing run of tokens that form a person's name (not role words, not place names); a role
    word may be the surname after a given name ("Sarah Green", "Ellie Hall", "Tom West")."""
    run: list[str] = []
    for k, tok in enumerate(reversed(tokens)):
        surname = k == 0 and len(tokens) >= 2 and _surname_after(tokens[-2], tok)
        if (tok.lower() in ROLE_WORDS and not surname) or not _TOKEN.fullmatch(tok) or (run and tok in PLACE_WORDS) \
                or len(run) == 4:
            break
        run.insert(0, tok)
    return run


def _surname_after(given: str, word: str) -> bool:
    """Whether ``word``, a role or place word ("Green", "Hall", "West"), is a surname after ``given``: a
    capitalised name word that is itself no role, place, honorific or small word."""
    return word[:1].isupper() and word.lower() not in HONORIFICS | {"the", "of", "for", "and"} \
        and bool(_TOKEN.fullmatch(given)) and given.lower() not in ROLE_WORDS and given not in PLACE_WORDS


_ATTRIBUTION_LEAD = re.compile(r"^(?:And|But|Meanwhile|However|For the [^,]+,|In a statement,|Speaking [^,]+,|"
                               r"(?:Responding|Reacting|Commenting|Referring) (?:to|on) [^,]+,|Asked (?:about|whether) [^,]+,)\s*")
_COMMA = re.compile(r",\s*")


def parse_attribution(attr: str) -> Person | None:
    """'The West Midlands Police and Crime Commissioner, David Jamieson,' -> (David Jamieson, West Midlands
    Police and Crime Commissioner); 'Jon Cruddas MP' -> (Jon Cruddas, MP)."""
    text = attr.strip(" ,")
    text = _ATTRIBUTION_LEAD.sub("", text)
    parts = [p.strip() for p in _COMMA.split(text) if p.strip()]
    for i in range(len(parts) - 1, -1, -1):
        words = parts[i].split()
        suffix_role = []
        while words and words[-1].strip("()").upper() in ("MP", "MSP", "AM", "MEP", "QC", "KC", "OBE", "MBE", "CBE"):
            suffix_role.insert(0, words.pop())
        run = _name_run(words)
        if len(run) >= 2 or (len(run) == 1 and len(parts) == 1 and len(words) == 1):
            prefix = words[: len(words) - len(run)]
            role_bits = [" ".join(_trailing_role(prefix))] if prefix else []
            role_bits += [p for j, p in enumerate(parts) if j != i and j > i - 2 and not p.isdigit()]  # not an age
            role_bits += suffix_role
            role = ", ".join(b for b in role_bits if b and b.lower() not in HONORIFICS).replace(", of ", " of ")
            role = re.sub(r"^(?:the|a|an)(?:\s+|$)", "", role, flags=re.I)  # "The Ben Kinsella Trust": no role
            return Person(" ".join(run), role[:1].upper() + role[1:] if role else "")
    return None


def _trailing_role(words: list[str]) -> list[str]:
    """The capitalised run before a name: '... meeting with the West Midlands Police and Crime Commissioner'."""
    out: list[str] = []
    for w in reversed(words):
        if w[:1].isupper() or w.lower() in ("and", "of", "for", "&") or re.fullmatch(r"\([A-Z]{2,6}\)", w):
            out.insert(0, w)
        else:
            break
    while out and out[0].lower() in ("and", "of", "for", "&"):
        out.pop(0)
    return [w for w in out if w.lower() not in HONORIFICS] or out


class People:
    """Everyone the article names with a role, in order, for resolving 'Jon', 'He', 'the Mayor'."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self.last: Person | None = None

    def add(self, person: Person) -> Person:
        for known in self.people:
            if known.name == person.name:
                if person.role and not known.role:
                    known.role = person.role
                self.last = known
                return known
        self.people.append(person)
        self.last = person
        return person

    def scan(self, text: str) -> None:
        """Register role-prefixed names ('Home Secretary Sajid Javid', 'West Yorkshire PCC Mark
        Burns-Williamson') and people reported as speaking ('Priti Patel said the money ...')."""
        for name, office in holders_in(text):  # "Sadiq Khan": the Mayor of London
            self.add(Person(name, office))
        for verb in REPORTED_VERB.finditer(text):  # from each speech verb back to the two words before it
            m = REPORTED_NAME.search(text, max(0, verb.start() - 60), verb.start())
            words = m.group("name").split() if m else []
            if words and not any(w.lower() in ROLE_WORDS or w in PLACE_WORDS for w in words) \
                    and words[-1].lower() not in ORG_WORDS:
                self.add(Person(m.group("name"), ""))
        roles = _ROLE_NOUN_RE.search(text) is not None  # most paragraphs name no role: skip the costly scans
        for m in ROLE_BEFORE_NAME.finditer(text) if roles else ():
            first = m.group("name").split()[0]
            if first.lower() not in ROLE_WORDS and first not in PLACE_WORDS:
                self.add(Person(m.group("name"), m.group("role")))
        for m in ROLE_AFTER_NAME.finditer(text) if roles else ():
            first = m.group("name").split()[0]
            if first.lower() not in ROLE_WORDS and first not in PLACE_WORDS:
                self.add(Person(m.group("name"), re.sub(r"^(?:a|an|the)\s+", "", m.group("role"))))
        if not ROLE_HINT.search(text):
            return  # no capitalised role word, so no role-prefixed name: skip the costly scan
        for m in re.finditer(rf"(?=\b(?P<name>{_NAME_TOKEN}\s{_NAME_TOKEN})\b"
                             r"(?P<suffix>\s(?:MP|MSP|AM)\b)?)", text):
            first, second = m.group("name").split()
            if first.lower() in ROLE_WORDS or (second.lower() in ROLE_WORDS and not _surname_after(first, second)):
                continue
            cut = max(text.rfind(",", 0, m.start()), text.rfind(". ", 0, m.start()), -1) + 1
            segment = text[cut:m.start()] + m.group("name") + (m.group("suffix") or "")
            person = parse_attribution(segment)
            if person and person.name == m.group("name") and not person.role and text[cut - 1:cut] == "," \
                    and not text[cut:m.start()].strip():
                # "The Deputy Mayor of Greater Manchester, Bev Hughes has ...": the role stands before the comma
                start = max(text.rfind(",", 0, cut - 1), text.rfind(". ", 0, cut - 1), -1) + 1
                role = re.sub(r"^(?:the|a|an)\s+", "", text[start:cut - 1].strip(), flags=re.I)
                if ROLE_HINT.search(role) and len(role.split()) <= 8:
                    person = Person(person.name, role[:1].upper() + role[1:])
            if person and person.name == m.group("name") and person.role and any(
                    w.lower() in ROLE_WORDS - {"the", "of", "for", "and"} for w in person.role.split()):
                self.add(person)

    def resolve(self, attr: str) -> Person | None:
        words = attr.strip(" ,").split()
        if not words:
            return None
        if len(words) == 1 and words[0].lower() in PRONOUNS:
            return self.last
        person = parse_attribution(attr)
        if person and len(person.name.split()) >= 2:
            known = self.add(person)
            if person.role:
                known_role = person.role
                return Person(known.name, known_role)
            return known
        single = person.name if person else words[-1]
        for known in reversed(self.people):
            if single in known.name.split():
                self.last = known
                return known
        lowered = attr.lower()
        honorific = re.match(rf"^(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Sir|Dame|Lord)\s+({_NAME_TOKEN})$", attr.strip(" ,"))
        if honorific:  # "Mrs Kelly": the Dolores Kelly named before, else as printed
            known = next((k for k in reversed(self.people) if honorific.group(1) in k.name.split()), None)
            self.last = known or Person(attr.strip(" ,"), "")
            return self.last
        for known in reversed(self.people):  # "the Mayor" -> the person whose role says Mayor
            role_head = known.role.lower()
            if role_head and any(w in role_head for w in re.findall(r"[a-z]+", lowered) if w in ROLE_WORDS
                                 and w not in ("the", "of", "for", "and", "london")):
                self.last = known
                return known
        if ROLE_SPEAKER.match(attr.strip(" ,")):  # "A spokesman", "The ONS report": the speaker as printed
            return Person(attr.strip(" ,"), "")
        return None


_SINGLE_OPEN = compile_guarded(r"(?:^|(?<=[:,.!?]\s)|(?<=\ssaid\s)|(?<=\sadded\s))'(?=[A-Z0-9])")
_SINGLE_CLOSE = compile_guarded(r"(?<=[.,!?])'(?=\s|$)|'(?=\s+(?:says|said|warns|claims|insists)\b)")


def single_to_double(paragraph: str) -> str:
    """Speech in single quotes, as some UK papers print it ('We will act,' she said), in double quotes.
    Only where a paragraph has no double quotes, and only quote marks standing where speech opens
    (at the start, after "said" or a colon) or closes (after . , ! ?): apostrophes stay."""
    if '"' in paragraph or "'" not in paragraph:
        return paragraph
    out, pos = [], 0
    while True:
        m = _SINGLE_OPEN.search(paragraph, pos)
        if not m:
            break
        close = _SINGLE_CLOSE.search(paragraph, m.end())
        end = close.start() if close else len(paragraph)
        out.append(paragraph[pos:m.start()] + '"' + paragraph[m.end():end] + ('"' if close else ""))
        pos = close.end() if close else len(paragraph)
    return "".join(out) + paragraph[pos:]


def _strip_quotes(text: str) -> str:
    return text.strip().strip('"').strip()


def extract_quotes(article_id: str, paragraphs: list[str], title: str = "") -> list[QuoteRow]:
    """Every speaker turn of one article; a quote in the headline first ("'...' says London mayor")."""
    rows = _body_quotes(article_id, paragraphs)
    return _headline_quotes(article_id, title, paragraphs, rows) + rows if title else rows


def _headline_quotes(article_id: str, title: str, paragraphs: list[str], body_rows: list[QuoteRow]) -> list[QuoteRow]:
    printed = title.strip()
    headline = single_to_double(printed)
    framed = HEADLINE_DASH.match(printed) or HEADLINE_COLON.match(printed)
    if '"' not in headline and not framed:
        return []
    everyone = People()  # the headline's speaker is named in the article below it
    for paragraph in paragraphs:
        everyone.scan(single_to_double(paragraph))
    for row in body_rows:
        everyone.add(Person(row.speaker, row.role))
    out = []
    for m in AFTER.finditer(headline):
        attr = (m.group("attr") or m.group("attr2")).strip()
        person = everyone.resolve(attr) or Person(attr, "")
        start = headline.rfind('"', 0, m.start())
        quote = headline[start + 1:m.start()].strip(" ,")
        if len(quote.split()) >= 3:
            out.append(QuoteRow(article_id, person.name, person.role or attr, quote, 0))
    if not out and framed:  # '"We cannot arrest our way out of this" - police chief', 'Sadiq Khan: "We will act"'
        person = everyone.resolve(framed.group("attr").strip())  # a speaker the article names, never a topic
        if person is not None and len(framed.group("q").split()) >= 3:
            out.append(QuoteRow(article_id, person.name, person.role, framed.group("q").strip(" ,"), 0))
    return out


# headline quotes in single or double marks: "'We cannot ...' - police chief", "Sadiq Khan: 'We will act'"
HEADLINE_DASH = compile_guarded(r'^(?P<o>["\'])(?P<q>[^"]{8,}?)(?P=o)\s*[-–—|]\s*(?P<attr>[^"\']{3,60}?)\s*$')
HEADLINE_COLON = compile_guarded(r'^(?P<attr>[^"\':]{3,60}):\s*(?P<o>["\'])(?P<q>[^"]{8,}?)(?P=o)\s*$')


_DASH_START = re.compile(r"^-\s+")


def _body_quotes(article_id: str, paragraphs: list[str]) -> list[QuoteRow]:
    people = People()
    rows: list[QuoteRow] = []
    open_turn: QuoteRow | None = None  # a quote whose closing mark has not come yet
    reported: tuple[Person, int] | None = None  # who spoke last in reported speech, and where
    unquoted_turn: QuoteRow | None = None  # GOV.UK style "X said:" then plain paragraphs
    for no, para in enumerate(paragraphs, start=1):
        para_body = single_to_double(_DASH_START.sub("", para))
        if open_turn is not None:
            if para_body.startswith('"'):
                open_turn.quote += "\n" + _strip_quotes(para_body)
                if para_body.count('"') % 2 == 0:
                    open_turn = None
                continue
            open_turn = None
        if unquoted_turn is not None and not unquoted_turn.quote and para_body.startswith('"'):
            # "X said:" then a paragraph in quotation marks: the same turn, quoted
            unquoted_turn.quote = _strip_quotes(para_body)
            open_turn = unquoted_turn if para_body.count('"') % 2 else None
            unquoted_turn = None
            continue
        if unquoted_turn is not None:
            # the first paragraph after "X said:" is the quote; later ones while they speak as I/we
            if '"' not in para_body and not _has_intro(para_body) and (
                    not unquoted_turn.quote or FIRST_PERSON.search(para_body)):
                unquoted_turn.quote += "\n" + para_body
                continue
            unquoted_turn = None
        people.scan(para_body)
        found = intros(para_body)
        if para_body.startswith('"') and not found and not AFTER.search(para_body) and \
                reported is not None and reported[1] == no - 1:
            # 'Mr Storey said the figures ...' then '"I'm not really sure ...': a new turn of that speaker
            closing = para_body.find('"', 1)
            row = QuoteRow(article_id, reported[0].name, reported[0].role,
                           para_body[1:] if closing < 0 else para_body[1:closing], no)
            rows.append(row)
            open_turn = row if closing < 0 else None
            continue
        reported = _reported_speaker(para_body, found, people, no) or reported
        handled = False
        for m in found:
            if m.loose and (len(m.obj.split()) >= 2 or m.obj.split()[:1] == ["that"]) and len(para_body[m.end:].split('"')[0].split()) < 10:
                continue  # 'X said the figures had become "a sad reflection"': a short quoted phrase
            if m.verb.lower() == "called" and not m.colon:
                continue
            person = people.resolve(m.attr)
            if person is None:
                continue
            rest = para_body[m.end:]
            if m.quoted:
                closing = rest.find('"')
                quote = rest if closing < 0 else rest[:closing]
                opened = para_body[:m.start].rstrip()
                if opened.startswith('"') and opened.endswith('"') and opened.count('"') == 2:
                    # '"We want every young person to feel safe," she added, "whether they ..."': one turn
                    quote = opened[1:-1].strip() + " " + quote.strip()
                row = QuoteRow(article_id, person.name, person.role, quote.strip(), no)
                rows.append(row)
                handled = True
                if closing < 0:
                    open_turn = row
                    break
            elif m.colon and not rest.strip():
                row = QuoteRow(article_id, person.name, person.role, "", no)
                rows.append(row)
                unquoted_turn = row
                handled = True
                break
        if handled:
            continue
        for m in ACCORDING.finditer(para_body):
            person = people.resolve(m.group("attr"))
            if person is not None and len(m.group("q").split()) >= 3:
                row = QuoteRow(article_id, person.name, person.role, m.group("q").strip(" ,"), no)
                rows.append(row)
                handled = True
                if not m.group("close"):
                    open_turn = row
        if handled:
            continue
        view = IN_THEIR_VIEW.search(para_body) if (" view" in para_body or " opinion" in para_body or
                                                    " mind" in para_body or " words" in para_body) else None
        if view and len(view.group("q").split()) >= 10:
            # "In her view the £4m funding is 'little more than a sticking plaster ...'": a quoted clause of
            # ten words or more, attributed to the person just named
            person = people.resolve({"his": "he", "her": "she"}.get(view.group("pron").lower(), "they"))
            if person is not None:
                rows.append(QuoteRow(article_id, person.name, person.role, view.group("q").strip(" ,"), no))
                continue
        for m in AFTER.finditer(para_body):
            attr = m.group("attr") or m.group("attr2")
            person = people.resolve(attr)
            if person is None:
                continue
            quote_start = para_body.rfind('"', 0, m.start())
            quote = para_body[quote_start + 1:m.start()] if quote_start >= 0 else ""
            if re.search(r"[\w,;]\s*$", para_body[:max(quote_start, 0)]):
                continue  # 'robberies were "apparent for the fourth year", the ONS said': a quoted phrase
            role = person.role or re.sub(r"^(?:the|a|an)\s+", "", m.group("role2") or "", flags=re.I)
            # '"A," she said. "B."': the second part, right after the attribution, is the same turn
            more = CONTINUED.match(para_body[m.end():])
            if more and not AFTER.match(para_body[m.end() + more.start("q") - 1:]):
                quote = re.sub(r",\s*$", ".", quote.strip()) + " " + more.group("q").strip()
            if len(quote.split()) >= 3:
                rows.append(QuoteRow(article_id, person.name, role[:1].upper() + role[1:], quote.strip(" ,"), no))
    for row in rows:
        row.quote = row.quote.strip()
    return [r for r in rows if r.quote]


_REPORTING_VERB = re.compile(rf"(?P<attr>[A-Z][^.\"]{{1,60}}?)\s+(?:{SPEECH_VERBS})\b")  # at the paragraph's start


def _reported_speaker(paragraph: str, found: list[Intro], people: People, no: int) -> tuple[Person, int] | None:
    """The person a paragraph (whose ``intros`` are ``found``) reports as speaking ("Mr Storey said
    the figures ..."), if any."""
    for m in found:
        person = people.resolve(m.attr)
        if person is not None:
            return person, no
    verb = _REPORTING_VERB.match(paragraph)
    person = people.resolve(verb.group("attr")) if verb else None
    return (person, no) if person is not None else None


def _has_intro(paragraph: str) -> bool:
    return any(m.colon and not paragraph[m.end:].strip() for m in intros(paragraph))

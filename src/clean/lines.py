"""Cleaning raw article text: boilerplate out, title/byline/date recovered, nothing of the article lost.

Rules are for the genre (UK news sites, press releases, council and PCC pages), not for any
one file: position in the file (header, footer, a "related" block), line shape (length, final
punctuation, repetition, truncation with an ellipsis) and a small lexicon of site furniture.
Every line gets a label and a reason, so the evaluation and the report can show why.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date

from src.clean.model import (LineModel, LineView, furniture_kind, furniture_phrase_count, has_furniture_phrase,
                             line_features, line_key, load_model, media_lead_in, paragraph_blocks, runs_on,
                             wrapped_blocks)
from src.clean.dates import MONTH_YEAR, date_line, dateline_in_text, find_dates, infer_weekday_date
from src.common.patterns import compile_guarded

CONTENT, BOILERPLATE, TITLE, BYLINE, DATE = "content", "boilerplate", "title", "byline", "date"

BULLET = compile_guarded(r"^\s*(?:[•◦▪▫▸►‣⁃●○■□·*]|[-–—](?=\s))\s*")
SHORTCODE = compile_guarded(r"^\[/?[a-z][\w-]*(?:\s[^\]]*)?\]$", re.I)
COPYRIGHT = compile_guarded(r"©|\(c\)\s*(?:19|20)\d{2}|\bcopyright\b|\ball rights reserved\b", re.I)
SITE_CREDIT = compile_guarded(r"^(?:website|site|web design|designed|built|developed|powered|hosted)\s+(?:and\s+\w+\s+)?by\b", re.I)
PHOTO_CREDIT = compile_guarded(
    r"\bvia (?:flickr|wikimedia(?: commons)?|unsplash|pexels|getty|shutterstock|twitter|facebook|instagram)\b"
    r"|^(?:\(?\s*)?(?:photo|image|picture|pic|photograph|credit|main image|top image|pictured)s?\s*(?:credit)?\s*[:|]"
    r"|\b(?:getty images|shutterstock|alamy|pa (?:wire|images|media)|reuters|afp)\s*\)?$"
    r"|^(?:photo|image|picture)s? (?:by|courtesy of)\b", re.I)
BREADCRUMB_SEP = compile_guarded(r"\s(?:>|»|›|/|\|)\s")


SECTION_WORDS = frozenset(furniture_kind("section"))
LABELS = frozenset(furniture_kind("label"))
TEASER_LABELS = frozenset(furniture_kind("teaser"))
RELATED_HEADING = compile_guarded(
    r"^(?:related(?: news| articles?| stories| content| posts| links| reading| topics)?|you (?:may|might) also"
    r"(?: like| be interested in)|more (?:from|on|stories|news|like this|in)\b.*|read (?:more|next)(?: (?:from|on|about)\b.*)?|"
    r"see also|"
    r"most (?:read|popular|viewed)|latest (?:news|stories|articles)|recommended(?: for you)?|trending(?: now)?|"
    r"further reading|other news|in other news|popular (?:posts|stories)|what to read next)\s*:?$", re.I)
NEWSLETTER = compile_guarded(
    r"\b(?:newsletters?|e-?news|news ?alerts?|email alerts?|mailing list|inbox)\b|^(?:subscribe|sign up|sign-up|"
    r"register)|\b(?:subscribe|sign up) (?:to|for) (?:our|the|my)\b|^get (?:the|our)\b.*\bby e-?mail$", re.I)
COMMENT_PROMPT = compile_guarded(
    r"^(?:leave a (?:comment|reply)|\d+ comments?|comments?(?: \(\d+\))?|post a comment|add (?:a|your) comment|"
    r"join the (?:conversation|discussion|debate)|have your say|show comments|view comments|"
    r"be the first to comment|comments are closed|reply)\b", re.I)
BACK_NAV = compile_guarded(r"^(?:[←«<]\s*)?(?:back to|return to|go back to|view all)\b.{0,40}$", re.I)
CTA_START = compile_guarded(
    r"^(?:support|sign|donate|click|tap|join|follow|share|register|download|visit|find out more|read more|"
    r"like us|tweet|watch|listen|take part|fill (?:in|out)|contact us|get in touch|buy|order|book|call us|"
    r"email us|help us)\b", re.I)
CTA_TARGET = compile_guarded(r"\bHERE\b|\bclick\b|\bhere\s*[.!]?$|\bpetition\b|\bsurvey\b|\blink\b|\bbelow\b|"
                        r"\bour (?:website|page|app)\b|@\w|\bhttps?://|\bwww\.", re.I)
PHONE = compile_guarded(r"(?:\+44\s?\(?0?\)?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b")
EMAIL = compile_guarded(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
CONTACT_START = compile_guarded(r"^(?:tel|telephone|phone|call|fax|mobile|email|e-mail|contact(?: us)?|media enquiries|"
                           r"press office|for (?:more|further) information(?:,)? (?:please )?(?:contact|call|email)|"
                           r"enquiries)\b", re.I)
COOKIES = compile_guarded(r"\bcookies?\b.*\b(?:accept|website|policy|settings|preferences|consent|we use)\b|"
                     r"^(?:accept|reject|manage) (?:all )?cookies", re.I)
FEEDBACK = compile_guarded(r"^(?:was this (?:page|article|information) (?:helpful|useful)|is there anything wrong with this page|"
                      r"report a problem with this page|rate this (?:page|article))\b", re.I)
TAXONOMY = compile_guarded(r"^(?:categor(?:y|ies)|tags?|topics?|filed under|posted in|related topics|keywords|sections?|"
                      r"part of|from|more in)\s*:", re.I)
NEW_TAB = compile_guarded(r"\bopens? in (?:a )?new (?:tab|window)\b|^share (?:on|via) \w+|^(?:the following )?links? opens?",
                     re.I)
UPDATE_STAMP = compile_guarded(r"^(?:last )?(?:updated|modified|edited)(?![a-z])", re.I)  # also glued: "Updated08:41"
# a line that is only a count or a player's clock: a gallery counter ("3", "1/12", "3 of 10"), a comment
# or share count, a media player's "00:00"; a year ("2019", "2019/20") or a date with its year
# ("12/03/2019") is not one
COUNTER = compile_guarded(r"\d{1,3}(?:\s*(?:of)\s*\d{1,3}|/\d{1,3}(?!/))?|\d{1,2}:\d{2}(?::\d{2})?")
NAME_WORD = r"(?:[A-Z][a-z'-]+|[A-Z]'[A-Z][a-z]+|Mc[A-Z][a-z]+)"  # "Smith", "O'Neill", "McDonald"
ROLE_BYLINE = compile_guarded(rf"^(?P<name>{NAME_WORD}(?:[- ]{NAME_WORD}){{1,2}}?),? (?:[\w&]+ ){{0,4}}(?i:correspondent|"
                         r"reporter|editor|writer|journalist|columnist)(?:\s+@\w+)?$")  # "... reporter @TomCheshireSky"
# a role line with no name in it, under the name: "Home affairs reporter @TomCheshireSky"
ROLE_ONLY = compile_guarded(r"^(?:[\w&-]+ ){0,4}(?:correspondent|reporter|editor|writer|journalist|columnist)"
                            r"(?:\s+@\w+)?$", re.I)
# or the outlet the named journalist writes for, with their place: "BBC News, Leicester", "BBC Scotland News"
OUTLET_ONLY = compile_guarded(r"^(?:[A-Z][\w&'-]*\s){0,3}(?:News|Online|Live|Media|Radio|TV)(?:\s(?:Online|Live))?"
                              r"(?:,\s*[A-Z][\w' -]{2,30})?$")
META_LABELS = frozenset(furniture_kind("meta"))
DESK_WORDS = frozenset(furniture_kind("desk"))  # "Home Affairs", "Senior Political": a role, not a name
RELATIVE_TIME = compile_guarded(r"^(?:published|updated|posted)?\s*:?\s*(?:\d+|a|an|one)\s+(?:second|minute|min|hour|hr|day|"
                           r"week|month)s?\s+ago$|^(?:just now|yesterday|today)$"
                           r"|^(?:today|yesterday)(?:\s+at)?\s+\d{1,2}[:.]\d{2}(?:\s?[ap]m)?$", re.I)
TEASER_PREFIX = compile_guarded(r"^\W*(?P<label>[A-Za-z][A-Za-z' ]{1,30}?)\s*:\s*\S")
CAPTION = compile_guarded(r"^(?:image|photo|video|media|picture)\s+(?:caption|source|copyright|credit)\b", re.I)
END_MARK = compile_guarded(r"^(?:-*\s*ends?\s*-*|#{3,}|\*{3,})$", re.I)
BYLINE_RE = compile_guarded(r"^(?:(?:by|written by|posted by|words by|author|reporter)\s*:?\s+|By(?=[A-Z][a-z]))(?P<name>.+)$",
                       re.I)
DATED_BYLINE = compile_guarded(r"^(?:posted|published)?\s*(?:on)?\s*:?\s*(?P<date>.{6,40}?)\s+by\s+(?P<name>[A-Z][\w .'-]{2,60})$",
                          re.I)
DOC_TYPE_PREFIX = compile_guarded(r"^(?:news story|press release|speech|blog post|statement|news|feature|opinion|"
                             r"analysis|case study)\s*:\s+", re.I)
SENTENCE_END = compile_guarded(r"(?:[.!?:;]|[.!?,]+[\"')\]]+|\))$")  # a closing quote ends prose only after . ! ? ,
CLOCK_TIME = compile_guarded(r"\b\d{1,2}(?::\d{2})?\s?[ap]m\b|\b\d{1,2}:\d{2}\b", re.I)
GLUED_DATE = compile_guarded(r"^(?:date|published|posted)\s*:?\s*(?P<d>(?:19|20)\d{2}-\d{2}-\d{2})\s+\S", re.I)
ELLIPSIS_END = compile_guarded(r"(?:…|\.\.\.)\s*$")


@dataclass
class Line:
    text: str
    label: str
    reason: str = ""


@dataclass
class CleanArticle:
    title: str = ""
    byline: str = ""
    published: str = ""
    published_basis: str = ""
    publisher: str = ""
    body: str = ""
    lines: list[Line] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()[:16]


_key = line_key  # a line reduced to lower-case words, for comparing lines (titles, repeats, lexicon)


def _title_key(text: str) -> str:
    """The comparison key of a title, without a document-type prefix ("News story: ")."""
    return _key(DOC_TYPE_PREFIX.sub("", text))


def _words(text: str) -> int:
    return len(text.split())


@lru_cache(maxsize=4096)  # a pure function of the text, asked about each line several times per page
def is_sentence(text: str) -> bool:
    """A line that reads as prose: enough words and a sentence ending, or plainly long."""
    n = _words(text)
    return (n >= 8 and bool(SENTENCE_END.search(text)) and not ELLIPSIS_END.search(text)) or n >= 25


def strip_bullet(text: str) -> tuple[str, bool]:
    m = BULLET.match(text)
    return (text[m.end():].strip(), True) if m and m.end() < len(text) else (text, False)


def _is_breadcrumb(text: str) -> bool:
    glued = re.findall(r"[A-Z][a-z]+", text)
    if len(glued) >= 2 and "".join(glued) == text and all(g.lower() in SECTION_WORDS for g in glued):
        return True  # "NewsCrime": section links run together when the page was copied
    if BREADCRUMB_SEP.search(text) and all(_words(seg) <= 6 for seg in BREADCRUMB_SEP.split(text)) \
            and not SENTENCE_END.search(text):
        return True
    words = text.split()
    if len(words) >= 3 and words[0].lower() == "home":
        section = 0
        for w in words[1:]:
            if w.lower().strip(",:") in SECTION_WORDS:
                section += 1
            else:
                break
        return section >= 1
    return False


@lru_cache(maxsize=1)
def _banner_phrases() -> tuple[str, ...]:
    """The banner phrases of vocabularies/furniture.csv, padded to match whole words in a padded key."""
    return tuple(f" {p} " for p in furniture_kind("banner"))


def is_banner(text: str) -> bool:
    """Whether the line holds words only a site's own banner holds (cookie consent, "this site is in
    beta"): furniture at any length."""
    key = f" {_key(text)} "
    return any(p in key for p in _banner_phrases())


# an embedded social-media post: its link ("pic.twitter.com/AbC123") or its attribution line
# ("— West Midlands Police (@WMPolice) May 5, 2024")
EMBED = compile_guarded(r"\bpic\.twitter\.com/\w+|^(?:[—–-]\s*)?[^()]{2,60}\(@\w{1,30}\)\s+[A-Z][a-z]+\.? \d{1,2},? \d{4}$")


@lru_cache(maxsize=65536)
def furniture_reason(text: str) -> str:
    """Why a line is site furniture wherever it stands, or '' if it is not (rules for any article)."""
    n = _words(text)
    if is_banner(text):
        return "site banner"
    if n > 40:  # only these rules can fire on a long line
        if re.search(r"\bHERE\s*[.!]?$", text):
            return "call to action"
        return "breadcrumb" if _is_breadcrumb(text) else ""
    k = _key(text)
    if SHORTCODE.match(text):
        return "shortcode"
    if COPYRIGHT.search(text) and n <= 25:
        return "copyright line"
    if SITE_CREDIT.match(text) and n <= 12:
        return "site credit"
    if n <= 20 and PHOTO_CREDIT.search(text) and not is_sentence(text):
        return "photo credit"
    if n <= 20 and PHOTO_CREDIT.search(text) and re.search(r"\bvia \w+\s*\.?$", text, re.I):
        return "photo credit"
    if k in LABELS:
        return "section label"
    if RELATED_HEADING.match(text):
        return "related-content heading"
    if n <= 30 and (m := TEASER_PREFIX.match(text)) and (
            RELATED_HEADING.match(m.group("label")) or _key(m.group("label")) in TEASER_LABELS):
        return "related-content teaser"
    if n <= 30 and NEWSLETTER.search(text) and (CTA_START.match(text) or re.search(r"\b(?:our|my)\b", text, re.I)
                                                or not is_sentence(text)):
        return "newsletter prompt"
    if n <= 8 and COMMENT_PROMPT.match(text):
        return "comment prompt"
    if BACK_NAV.match(text) and not is_sentence(text):
        return "navigation link"
    if CTA_START.match(text) and CTA_TARGET.search(text) and n <= 40:
        return "call to action"
    if re.search(r"\bHERE\s*[.!]?$", text) or (n <= 12 and re.search(r"\bclick here\b", text, re.I)):
        return "call to action"
    if n <= 14 and (PHONE.search(text) or EMAIL.search(text)) and (CONTACT_START.match(text) or not is_sentence(text)):
        return "contact details"
    if CONTACT_START.match(text) and n <= 6 and not is_sentence(text):
        return "contact prompt"
    if END_MARK.match(text):
        return "end marker"
    if n <= 30 and COOKIES.search(text):
        return "cookie notice"
    if n <= 12 and FEEDBACK.match(text):
        return "feedback prompt"
    if n <= 20 and TAXONOMY.match(text):
        return "categories and tags"
    if RELATIVE_TIME.match(text):
        return "relative timestamp"
    if n <= 3 and COUNTER.fullmatch(text):
        return "counter"
    if n <= 60 and EMBED.search(text):
        return "embedded post"
    if n <= 12 and NEW_TAB.search(text):
        return "share links"
    if n <= 12 and CAPTION.match(text):
        return "photo credit"
    if _is_breadcrumb(text):
        return "breadcrumb"
    return ""


def _byline_name(text: str) -> str:
    m = BYLINE_RE.match(text)
    if not m or _words(text) > 10 or text.endswith("."):
        return ""
    name = m.group("name").strip(" ,|")
    if not name or not (name[0].isupper() or name[0] == "."):
        return ""
    return name


def _title_like(text: str) -> bool:
    n = _words(text)
    starts = text[:1].isupper() or (text[:1] in "£$€'\"‘“" and text[1:2].isalnum()) or text[:1].isdigit()
    return 2 <= n <= 30 and not text.endswith((".", ":", ";", ",")) and not ELLIPSIS_END.search(text) \
        and starts or (n >= 3 and text.endswith(("?", "!")) and n <= 30)


def _publisher(text: str) -> str:
    m = re.search(r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s*[-–]?\s*(?:(?:19|20)\d{2})?)?\s*([^.|]+?)"
                  r"(?:\.|\s*\||\s*-\s*all rights| all rights|$)", text, re.I)
    return m.group(1).strip(" ,") if m else ""


_DEFAULT_MODEL = object()


def clean_text(text: str, html_meta: dict[str, str] | None = None,
               model: LineModel | None | object = _DEFAULT_MODEL) -> CleanArticle:
    """Label every non-empty line and assemble the cleaned article.

    The rules label every line first; the line classifier (src/clean/model.py) then reads each
    line with the rules' verdicts as features and removes content lines that read as furniture
    (the rules' own removals stand). Where it removes a line, the rules run again with its
    decisions fixed, so title, byline and date are found among the lines that remain.
    ``model=None`` gives the rules alone."""
    html_meta = html_meta or {}
    page = _Page.of(text)
    out = page.rules(html_meta, {})
    line_model = load_model() if model is _DEFAULT_MODEL else model
    if line_model is None or not page.raw:
        return out
    assert isinstance(line_model, LineModel)
    out, preset = _with_line_model(page, out, html_meta, line_model)
    if line_model.title is None or html_meta.get("title"):
        return out
    # the headline is chosen among the lines that remain once the furniture is out
    chosen, p = choose_title(page.views(out), line_model.title)
    ruled = next((i for i, ln in enumerate(out.lines) if ln.label == TITLE), None)
    if chosen == ruled:  # the model agrees with the rules (most pages): no third pass
        return out
    if chosen is not None:
        preset[chosen] = Line(page.raw[chosen], TITLE, f"title model p={p:.2f}")
    else:  # the heading the rules took reads as a teaser or a section, not this article's headline
        for i, ln in enumerate(out.lines):
            if ln.label == TITLE:
                preset[i] = Line(page.raw[i], BOILERPLATE, f"not the headline (title model p={p:.2f})")
    return page.rules(html_meta, preset, title_decided=True)


def _with_line_model(page: "_Page", out: CleanArticle, html_meta: dict[str, str],
                     line_model: LineModel) -> tuple[CleanArticle, dict[int, Line]]:
    """The rules' output ``out`` once the line classifier has removed what it reads as furniture
    (the rules run again around its decisions), and those decisions by line index."""
    preset = _line_model_preset(page, out, line_model)
    return (page.rules(html_meta, preset) if preset else out), preset


def _line_model_preset(page: "_Page", out: CleanArticle, line_model: LineModel) -> dict[int, Line]:
    """The content lines the line classifier removes as furniture, by index."""
    raw, texts, blocks, wrapped = page.raw, page.texts, page.blocks, page.wrapped
    views = page.views(out)
    features = line_features(views, line_model.lexicon)
    # only content lines can be removed; a wrapped paragraph is judged on all of its lines
    probs = [line_model.probability(f) if ln.label == CONTENT or wrapped[i] else 0.0
             for i, (ln, f) in enumerate(zip(out.lines, features))]
    by_block: dict[int, list[float]] = {}
    for i in range(len(raw)):
        if wrapped[i]:
            by_block.setdefault(blocks[i], []).append(probs[i])
    for i, alt in _read_past_rule_furniture(views, features, probs, line_model).items():
        probs[i] = min(probs[i], alt)
    preset: dict[int, Line] = {}
    content = [i for i, ln in enumerate(out.lines) if ln.label == CONTENT]
    anchor = max(content, key=lambda i: len(texts[i]), default=-1)  # the page's longest paragraph stays
    last = len(raw) - 1
    for i, (ln, f) in enumerate(zip(out.lines, features)):
        if i == anchor or (wrapped[i] and anchor >= 0 and blocks[i] == blocks[anchor]):
            continue
        if i == last and i > 0 and _cut_off_last_line(texts[i], texts[i - 1], out.lines[i - 1]):
            continue  # the page was saved mid-sentence: the article's last words
        if texts[i].endswith(":") and i < last and page.items[i + 1][1] and out.lines[i + 1].label == CONTENT \
                and not media_lead_in(texts[i]):
            continue  # "The areas receiving funding are:" introduces the list under it (not a video)
        # a hard-wrapped paragraph is kept or dropped as a whole
        p = sum(by_block[blocks[i]]) / len(by_block[blocks[i]]) if wrapped[i] else probs[i]
        # the rules' furniture verdicts are precise (on the labelled pages they are wrong only on cut-off
        # last lines, which the footer rule now keeps); what they miss is furniture that reads like text
        if ln.label == CONTENT and p >= line_model.threshold:
            preset[i] = Line(raw[i], BOILERPLATE, line_model.explain(f))
    _short_lines_among_furniture(page, out, preset, anchor)
    return preset


SHORT_LINE_WORDS = 7


def _short_lines_among_furniture(page: "_Page", out: CleanArticle, preset: dict[int, Line], anchor: int) -> None:
    """Short lines that stand between furniture on both sides are furniture too (jusText's context
    rule for short blocks): "100's of top publications." / "A single app." between an app promotion's
    other lines. The sides are the lines just outside a run of short lines the rules and the model
    kept; neither may be the page's edge. A removal by position: the title model may still take such
    a line for the headline."""
    texts, n = page.texts, len(page.texts)
    removed = [i in preset or ln.label == BOILERPLATE for i, ln in enumerate(out.lines)]
    short = [_words(t) <= SHORT_LINE_WORDS and not is_sentence(t) for t in texts]
    i = 0
    while i < n:
        if not short[i] or removed[i]:
            i += 1
            continue
        j = i
        while j < n and short[j] and not removed[j]:
            j += 1
        # lines i..j-1: a run of short lines the rules and the model kept; the runs are as long as they
        # go, so the line above (i - 1) and the line below (j) are removed or not short
        if i > 0 and j < n and removed[i - 1] and removed[j]:
            for k in range(i, j):
                if out.lines[k].label == CONTENT and k != anchor and not page.wrapped[k]:
                    preset[k] = Line(page.raw[k], BOILERPLATE, "short line among furniture")
        i = j


def _read_past_rule_furniture(views: list[LineView], features: list[dict[str, float]], probs: list[float],
                              line_model: LineModel) -> dict[int, float]:
    """A second reading of each paragraph that stands next to lines the rules removed (ad labels,
    "READ MORE:" teasers): its probability with those lines left out of the page, for a paragraph
    that, so read, has paragraphs on both sides and no furniture phrase of its own. The line model
    learned that a short line above means furniture; an "Advertisement" label between two paragraphs
    is short too, and no labelled page shows that layout (jusText's context rule: a block between
    good blocks is good). The lower of the two readings decides."""
    n = len(views)
    ruled = [v.rule_label == BOILERPLATE for v in views]
    # only where the first reading removes the paragraph (most pages: none, so no second reading)
    targets = [i for i in range(n) if probs[i] >= line_model.threshold and not ruled[i] and not views[i].wrapped
               and features[i]["prose"] == 1.0 and features[i]["furniture_phrases_log"] == 0.0
               and ((i > 0 and ruled[i - 1]) or (i + 1 < n and ruled[i + 1]))]
    if not targets:
        return {}
    keep = [i for i in range(n) if not ruled[i]]
    alt = line_features([views[i] for i in keep], line_model.lexicon)
    where = {i: k for k, i in enumerate(keep)}
    # only a paragraph with paragraphs on both sides once they are out (jusText's context rule)
    return {i: line_model.probability(alt[where[i]]) for i in targets
            if alt[where[i]]["prev_prose"] == 1.0 and alt[where[i]]["next_prose"] == 1.0}


def model_lines(text: str, line_model: LineModel) -> list[LineView]:
    """Every non-empty line with its label once the rules and the line classifier have run (what
    the title model reads)."""
    page = _Page.of(text)
    return page.views(_with_line_model(page, page.rules({}, {}), {}, line_model)[0])


TITLE_WINDOW = 12  # the headline stands among the page's first lines (furniture aside)
# at most one line that reads as a paragraph stands above a headline: a caption of the lead photo
# or a promotion printed as a sentence ("Visitors at the door of the exhibition.")
PROSE_ABOVE_TITLE = math.log1p(1)


def title_features(views: list[LineView]) -> list[dict[str, float]]:
    """Features of each of the page's first lines as its headline, for the title model: its shape,
    its place, the rules' verdict on it and on its neighbours (a byline or date under a headline)."""
    context = _TitleContext.of(views)
    return [context.features(i) for i in range(len(context.candidate))]


@dataclass
class _TitleContext:
    """What the title features of a page's first lines share: the repeats, which lines read as
    prose, which can be the headline, and where the headline-shaped ones stand."""
    views: list[LineView]
    counts: Counter
    keys: list[str]
    prose: list[bool]
    candidate: list[bool]
    first_shaped: int
    last_before_prose: int
    shaped: frozenset[int]

    @classmethod
    def of(cls, views: list[LineView]) -> "_TitleContext":
        keys = [line_key(v.text) for v in views]
        # only the lines up to just below the window are read for prose (a first paragraph further
        # down reads the same as none in the window)
        # lines already taken for furniture (a cookie banner, a menu of twelve sections) do not use
        # up the window: it spans the first TITLE_WINDOW lines that are not
        window, seen = 0, 0
        while window < len(views) and seen < TITLE_WINDOW:
            seen += views[window].rule_label != BOILERPLATE
            window += 1
        head = views[:window + 1]
        prose = [v.rule_label == CONTENT and _words(v.text) >= 12 and is_sentence(v.text) for v in head]
        # a paragraph printed with hard wraps reads as prose at its first line, and none of its lines
        # that runs on into the next can be the headline ("The unit will be based at police HQ and")
        paragraphs: dict[int, list[int]] = {}
        for i, v in enumerate(head):
            if v.wrapped:
                paragraphs.setdefault(v.block, []).append(i)
        runs_into_next = set()
        for rows in paragraphs.values():
            text = " ".join(head[i].text for i in rows)
            prose[rows[0]] = prose[rows[0]] or (head[rows[0]].rule_label == CONTENT and _words(text) >= 12
                                                and is_sentence(text))
            runs_into_next.update(i for i, j in zip(rows, rows[1:])
                                  if head[j].rule_label == CONTENT and runs_on(head[i].text, head[j].text))
        first_prose = next((i for i, p in enumerate(prose) if p), len(views))
        candidate = [title_candidate(v) and i not in runs_into_next for i, v in enumerate(views[:window])]
        # where the line stands among the other candidates: the first headline-shaped one, the last
        # one before the article's first paragraph
        shaped = [i for i, v in enumerate(views[:window]) if candidate[i] and _title_like(v.text)
                  and _words(v.text) >= 3 and not has_furniture_phrase(v.text, glued=True)]
        return cls(views, Counter(keys), keys, prose, candidate, shaped[0] if shaped else -1,
                   max((i for i in shaped if i < first_prose), default=-1), frozenset(shaped))

    def shaped_neighbour(self, i: int, step: int) -> bool:
        """Whether the nearest line above (step -1) or below (+1) that is not furniture is a candidate
        shaped as a headline."""
        j = i + step
        while 0 <= j < len(self.candidate) and self.views[j].rule_label == BOILERPLATE:
            j += step
        return 0 <= j < len(self.candidate) and j in self.shaped

    def prose_before(self, i: int) -> int:
        return sum(self.prose[:i])

    def features(self, i: int) -> dict[str, float]:
        views, prose = self.views, self.prose
        v = views[i]
        t = v.text
        n = _words(t)
        words = t.split()
        after = views[i + 1:i + 3]
        return {
            "position_log": math.log1p(i),
            "first_line": float(i == 0),
            "words_log": math.log1p(n),
            "over_25_words": float(n > 25),
            "under_4_words": float(n < 4),
            "ends_period": float(t.endswith(".")),
            "ends_question": float(t.endswith(("?", "!"))),
            "ends_other": float(t.endswith((":", ";", ",", "…"))),
            "cap_share": sum(w[:1].isupper() for w in words) / n if n else 0.0,
            "title_like": float(_title_like(t)),
            "sentence": float(is_sentence(t)),
            "rule_title": float(v.rule_label == TITLE),
            "rule_boilerplate": float(v.rule_label == BOILERPLATE),
            "rule_metadata": float(v.rule_label in (BYLINE, DATE)),
            "furniture_phrase": float(has_furniture_phrase(t, glued=True)),
            "furniture_phrases_log": math.log1p(furniture_phrase_count(t, glued=True)),
            "name_only": float(_name_only(t)),
            "clock_time": float(bool(CLOCK_TIME.search(t))),
            "repeated": float(self.counts[self.keys[i]] > 1),
            "bullet": float(v.bullet),
            "prev_boilerplate": float(i == 0 or views[i - 1].rule_label == BOILERPLATE),
            "next_metadata": float(any(a.rule_label in (BYLINE, DATE) for a in after)),
            "next_prose": float(i + 1 < len(views) and prose[i + 1]),
            "prose_before_log": math.log1p(self.prose_before(i)),
            # a headline is followed by its standfirst, not preceded by it: the nearest line above and
            # below that is not taken for furniture, read as the headline's shape
            "prev_shaped": float(self.shaped_neighbour(i, -1)),
            "next_shaped": float(self.shaped_neighbour(i, 1)),
            "metadata_within_5": float(any(a.rule_label in (BYLINE, DATE) for a in views[i + 1:i + 6])),
            "first_shaped": float(i == self.first_shaped),
            "last_shaped_before_prose": float(i == self.last_before_prose),
        }


# removals that say where a line stands rather than what it is: a headline can be among them
_POSITIONAL = ("repeated title", "repeated label", "header furniture", "site name", "short line among furniture")


def _removed_by_rules(view: LineView) -> bool:
    """Removed as furniture by a rule that reads the line itself (not the line model, not by position)."""
    return view.rule_label == BOILERPLATE and not (view.rule_reason.startswith("line model")
                                                   or view.rule_reason in _POSITIONAL)


def title_candidate(view: LineView) -> bool:
    """Whether a line can be the headline at all: not a byline, date or furniture by the rules
    (the line model's removals and the removals by position aside), not two furniture phrases, not a paragraph (twelve words
    or more ending in a full stop, or over thirty words)."""
    n = _words(view.text)
    paragraph = n > 30 or (n >= 12 and view.text.rstrip("\"'”’ ").endswith("."))
    removed = _removed_by_rules(view)
    a_date = n <= 6 and bool(find_dates(view.text) or MONTH_YEAR.match(view.text))  # "12 - 14 March 2019"
    # two furniture phrases in one line ("Quickly leave this site by pressing the Escape key Exit this
    # site") make it site furniture; one may stand in a headline ("Watch: ...")
    return view.rule_label not in (BYLINE, DATE) and not removed and not paragraph and not a_date \
        and not furniture_reason(view.text) and furniture_phrase_count(view.text, glued=True) < 2


def title_rows(views: list[LineView]) -> list[tuple[int, dict[str, float]]]:
    """(line index, features) of every line that can be the headline: a candidate with no line that
    reads as a paragraph above it, or one shaped as a headline with at most one such line above. What the title model is trained on and chooses among."""
    context = _TitleContext.of(views)  # features are worked out only for the lines that qualify
    return [(i, context.features(i)) for i, ok in enumerate(context.candidate)
            if ok and (context.prose_before(i) == 0 or math.log1p(context.prose_before(i)) <= PROSE_ABOVE_TITLE
                       and _headline_shaped(views[i].text))]


def _headline_shaped(text: str) -> bool:
    """Shaped as a headline beyond doubt: title-like, not a sentence, no full stop inside its
    closing quotes and not a quotation ('"Thank you all."' is the end of a quote)."""
    return _title_like(text) and not is_sentence(text) and text[:1] not in "\"'“‘" \
        and not text.rstrip("\"'”’) ").endswith((".", ":", ";", ","))


def choose_title(views: list[LineView], model: LineModel) -> tuple[int | None, float]:
    """The candidate line the title model rates likeliest to be the headline, or None when no line
    can be one or none reaches its threshold; with that probability."""
    scored = [(model.probability(f), i) for i, f in title_rows(views)]
    if not scored:
        return None, 0.0
    p, best = max(scored, key=lambda pi: (pi[0], -pi[1]))  # ties: the first line
    return (best if p >= model.threshold else None), p


def _lines_and_blocks(text: str) -> tuple[list[str], list[int]]:
    """The non-empty lines, stripped, and for each the number of its block (blank lines separate blocks)."""
    raw: list[str] = []
    blocks: list[int] = []
    block = 0
    for ln in text.split("\n"):
        if ln.strip():
            raw.append(ln.strip())
            blocks.append(block)
        else:
            block += 1
    return raw, blocks


@dataclass
class _Page:
    """A page split into lines as the rules and the line model read it."""
    raw: list[str]
    items: list[tuple[str, bool]]  # (text without its bullet, had a bullet)
    blocks: list[int]  # each line's paragraph (paragraph_blocks)
    wrapped: list[bool]

    @classmethod
    def of(cls, text: str) -> "_Page":
        raw, blank_blocks = _lines_and_blocks(text)
        items = [strip_bullet(ln) for ln in raw]
        texts = [t for t, _ in items]
        blocks = paragraph_blocks(texts, blank_blocks)
        return cls(raw, items, blocks, wrapped_blocks(texts, blocks, [b for _, b in items]))

    @property
    def texts(self) -> list[str]:
        return [t for t, _ in self.items]

    def joins(self) -> set[int]:
        """Lines that continue the paragraph of the line before them (hard-wrapped paragraphs)."""
        b, w = self.blocks, self.wrapped
        return {i for i in range(1, len(b)) if w[i] and w[i - 1] and b[i] == b[i - 1]}

    def rules(self, html_meta: dict[str, str], preset: dict[int, Line], title_decided: bool = False) -> CleanArticle:
        return _apply_rules(self.raw, self.items, self.texts, html_meta, preset, self.joins(), title_decided)

    def views(self, out: CleanArticle) -> list[LineView]:
        """Every line with the label and reason that ``out`` gives it, for the line model."""
        return [LineView(t, ln.label, ln.reason, bullet, self.blocks[i], self.wrapped[i])
                for i, ((t, bullet), ln) in enumerate(zip(self.items, out.lines))]


def rule_lines(text: str) -> list[LineView]:
    """Every non-empty line of ``text`` with the label and reason the rules alone give it."""
    page = _Page.of(text)
    return page.views(page.rules({}, {}))


def _apply_rules(raw: list[str], items: list[tuple[str, bool]], texts: list[str], html_meta: dict[str, str],
                 preset: dict[int, Line], joins: set[int] = frozenset(), title_decided: bool = False) -> CleanArticle:
    """The rules, with the lines in ``preset`` already decided (the line model's decisions; with
    ``title_decided`` the title model's choice of headline, or none, stands)."""
    labels: list[Line | None] = [preset.get(i) for i in range(len(raw))]
    out = CleanArticle()

    # 1. Furniture wherever it stands.
    for i, t in enumerate(texts):
        if labels[i] is not None:
            continue
        reason = furniture_reason(t)
        if reason:
            labels[i] = Line(raw[i], BOILERPLATE, reason)

    for i in range(1, len(texts)):
        if labels[i - 1] is not None and CAPTION.match(texts[i - 1]) and _words(texts[i - 1]) <= 3 \
                and labels[i] is None and _words(texts[i]) <= 30:
            labels[i] = Line(raw[i], BOILERPLATE, "photo caption")

    # 2. Short lines repeated in the file are site furniture ("Case Studies", "Share").
    counts = Counter(_key(t) for t in texts)

    # 2b. Metadata near the top, even below a standfirst: "Published" / "18 June 2019", "From:" / the
    # publisher, update stamps, and bylines that name a correspondent without "By".
    # "near the top": the first 15 lines, and beyond them as many more as the furniture above the
    # headline took (a cookie banner, a menu) until the article's second paragraph: a date further
    # down belongs to a teaser or a footer
    top, seen, paragraphs = 0, 0, 0
    while top < len(texts) and (top < 15 or seen < 15 and paragraphs < 2):
        # a menu item ("Politics", "Science & Tech") takes no room either, as furniture would
        seen += (labels[top] is None or labels[top].label != BOILERPLATE) and not _menu_item(texts[top])
        paragraphs += labels[top] is None and _words(texts[top]) >= 12 and is_sentence(texts[top])
        top += 1
    for i in range(top):
        t = texts[i]
        glued = GLUED_DATE.match(t)
        glued_date = date_line(glued.group("d")) if glued and not out.published and labels[i] is None else None
        if glued_date:
            out.published, out.published_basis = glued_date.isoformat(), "stated"
            labels[i] = Line(raw[i], DATE, "date line")  # " date 2025-06-04 The SNP's ...": a date field glued on
            continue
        if _words(t) > 12 or is_sentence(t):
            continue
        free = labels[i] is None or labels[i].reason == "breadcrumb"
        printed = date_line(t) if free and not out.published and not UPDATE_STAMP.match(t) else None
        if printed:
            # a printed date near the top, also under "Published", below a standfirst or between
            # separators ("Date: | Mar 12, 2019 |")
            out.published, out.published_basis = printed.isoformat(), "stated"
            labels[i] = Line(raw[i], DATE, "date line")
            continue
        by_name = _byline_name(t) if labels[i] is None and not out.byline else ""
        if by_name:  # "By Sam Stevenson" under a standfirst that reads as prose
            out.byline = by_name
            labels[i] = Line(raw[i], BYLINE, "byline")
            continue
        label_above = _key(texts[i - 1]) if i > 0 else ""
        if labels[i] is None and UPDATE_STAMP.match(t) and find_dates(t):
            labels[i] = Line(raw[i], BOILERPLATE, "update timestamp")
        elif labels[i] is None and label_above == "from" and i > 0 and labels[i - 1] is not None:
            out.publisher = out.publisher or t
            labels[i] = Line(raw[i], BOILERPLATE, "publisher")
        elif labels[i] is None and not out.byline and (ROLE_ONLY.match(t) or OUTLET_ONLY.match(t)) \
                and not ROLE_BYLINE.match(t) and i > 0 \
                and labels[i - 1] is None and _person_name(texts[i - 1]) \
                and any(_title_like(texts[j]) and _words(texts[j]) >= 4 for j in range(max(0, i - 8), i - 1)):
            # (a byline stands under its headline: "Daily Record" / "Scottish News" at the top is the site)
            by = BYLINE_RE.match(texts[i - 1])  # "Tom Cheshire" or "By Rhys Owen" / "Home affairs reporter @..."
            out.byline = _byline_above_role(raw, labels, i, by.group("name").strip() if by else texts[i - 1])
        elif labels[i] is None and (role := ROLE_BYLINE.match(t)) and not BYLINE_RE.match(t) and not out.byline:
            name = role.group("name")
            if i > 0 and labels[i - 1] is None and _person_name(texts[i - 1]):
                # "Jane Smith" / "Home Affairs Correspondent": the name stands on the line above its role
                out.byline = _byline_above_role(raw, labels, i, texts[i - 1])
            elif _desk_only(name):
                labels[i] = Line(raw[i], BOILERPLATE, "byline detail")  # a role with no name in it
            else:
                out.byline = name
                labels[i] = Line(raw[i], BYLINE, "byline")
        if labels[i] is not None and _key(t) in META_LABELS and labels[i].label == BOILERPLATE:
            labels[i] = Line(raw[i], BOILERPLATE, "metadata label")

    # 3. Header zone: before the first line that reads as prose.
    first_prose = next((i for i, t in enumerate(texts) if labels[i] is None and is_sentence(t)), len(texts))
    header = list(range(first_prose))
    for i in header:
        if labels[i] is not None:
            continue
        t = texts[i]
        name = _byline_name(t)
        if name and not out.byline:
            out.byline = name
            labels[i] = Line(raw[i], BYLINE, "byline")
            continue
        when = date_line(t)
        if when and not out.published:
            out.published, out.published_basis = when.isoformat(), "stated"
            labels[i] = Line(raw[i], DATE, "date line")
            continue
        dated = DATED_BYLINE.match(t)
        if dated and not out.published and date_line(dated.group("date")):
            out.published, out.published_basis = date_line(dated.group("date")).isoformat(), "stated"
            out.byline = out.byline or dated.group("name").strip()
            labels[i] = Line(raw[i], DATE, "date and byline line")
            continue
        if i > 0 and labels[i - 1] is not None and labels[i - 1].label == BYLINE and _words(t) <= 4 \
                and not is_sentence(t) and t[:1].isupper():
            labels[i] = Line(raw[i], BOILERPLATE, "byline detail")  # "BBC News", "Crime Reporter"
            continue
        if MONTH_YEAR.match(t):  # "March 2019": a date line too vague to give a day, so no date
            labels[i] = Line(raw[i], BOILERPLATE, "month without a day")
            continue
        if counts[_key(t)] > 1 and _words(t) <= 6 and not out.title:
            labels[i] = Line(raw[i], BOILERPLATE, "repeated label")
    if title_decided:
        title_idx = next((i for i, ln in preset.items() if ln.label == TITLE), None)
    else:
        title_idx = _pick_title(texts, labels, header, counts, html_meta.get("title", ""))
    if title_idx is not None:
        out.title = DOC_TYPE_PREFIX.sub("", texts[title_idx]).strip()
        labels[title_idx] = labels[title_idx] if title_decided else Line(raw[title_idx], TITLE, "title")
    elif html_meta.get("title"):
        out.title = DOC_TYPE_PREFIX.sub("", html_meta["title"]).strip()
    if title_idx is not None:  # "UK news" or "West Midlands Police" above the title: section or site name
        for i in header[:title_idx]:
            if labels[i] is None and not is_sentence(texts[i]) and (_words(texts[i]) <= 2 or _name_only(texts[i])):
                labels[i] = Line(raw[i], BOILERPLATE, "section label" if _words(texts[i]) <= 2 else "site name")
    title_key = _key(out.title)
    for i, t in enumerate(texts):
        if labels[i] is None or labels[i].label == BOILERPLATE:
            k = _title_key(t)
            if title_key and (k == title_key or (labels[i] is None and i in header and k.endswith(title_key))):
                labels[i] = Line(raw[i], BOILERPLATE, "repeated title")
    for i in header:  # what else stands above the article and is not prose: labels, furniture
        if labels[i] is None and not is_sentence(texts[i]) and _words(texts[i]) <= 4 and counts[_key(texts[i])] > 1:
            labels[i] = Line(raw[i], BOILERPLATE, "header furniture")

    # 4. A "Related" / "You may also like" block and the teasers under it.
    _mark_related_blocks(texts, raw, labels)

    # 5. Footer zone: from the end, furniture and non-prose lines until the article's last sentence.
    for i in range(len(texts) - 1, -1, -1):
        if labels[i] is not None and labels[i].label == BOILERPLATE:
            continue
        t = texts[i]
        short_fragment = _words(t) <= 6 and not SENTENCE_END.search(t)
        if i == len(texts) - 1 and i > 0 and _cut_off_last_line(t, texts[i - 1], labels[i - 1]):
            break  # the page was saved mid-sentence: the article's last words, not furniture
        if labels[i] is None and not is_sentence(t) and (short_fragment or ELLIPSIS_END.search(t)) \
                and not items[i][1] and not t.startswith('"'):
            labels[i] = Line(raw[i], BOILERPLATE, "footer furniture")
            continue
        break

    # 6. Everything left is the article.
    body: list[str] = []
    previous_kept = -2
    for i, t in enumerate(texts):
        if labels[i] is None or labels[i].label == CONTENT:
            labels[i] = labels[i] or Line(raw[i], CONTENT)
            if i in joins and previous_kept == i - 1 and body:
                body[-1] = body[-1] + " " + t  # a hard-wrapped paragraph joined back together
            else:
                body.append(("- " + t) if items[i][1] else t)
            previous_kept = i
    out.lines = [ln for ln in labels if ln is not None]
    out.body = "\n".join(body)
    out.publisher = html_meta.get("sitename", "") or out.publisher or next(
        (_publisher(ln.text) for ln in out.lines if ln.reason == "copyright line" and _publisher(ln.text)), "")
    if html_meta.get("author"):  # the page's own metadata before what the text suggests
        out.byline = html_meta["author"]
    _resolve_date(out, html_meta, body, [texts[i] for i in header])
    return out


def _byline_above_role(raw: list[str], labels: list[Line | None], i: int, name: str) -> str:
    """Label the name on line i - 1 as the byline and its role (or outlet) line i as its detail; the name."""
    labels[i - 1] = Line(raw[i - 1], BYLINE, "byline")
    labels[i] = Line(raw[i], BOILERPLATE, "byline detail")
    return name


def _cut_off_last_line(text: str, before: str, before_label: Line | None) -> bool:
    """A last line that starts a new sentence right after a paragraph of the article and stops
    mid-word ("The winning b"): the page was cut, the words are the article's (unless they are the
    start of a furniture label, or hold a furniture phrase: "Play Video", "Sponsored content" end
    many pages and are not cut-off text)."""
    kept_before = before_label is None or before_label.label == CONTENT
    return kept_before and is_sentence(before) and text[:1].isupper() and 2 <= _words(text) <= 8 \
        and not SENTENCE_END.search(text) and not ELLIPSIS_END.search(text) and not furniture_reason(text) \
        and not _cut_furniture(text) and not has_furniture_phrase(text, glued=True)


def _cut_furniture(text: str) -> bool:
    """A line cut off inside a furniture label ("More ne" of "More news", "Share this ar")."""
    key = _key(text)
    return len(key) >= 4 and any(label.startswith(key) and label != key for label in LABELS)


def _pick_title(texts: list[str], labels: list[Line | None], header: list[int], counts: Counter,
                meta_title: str) -> int | None:
    """The title: the header line that matches the page's own title, else the one the page repeats,
    else the first title-like header line. None when the article opens straight into its text."""
    # a headline is never navigation, a caption or a programme listing ("Skip to main content",
    # "... Picture: Tom Smith", "Tom Swarbrick 4pm - 7pm")
    free = [i for i in header if labels[i] is None and _title_like(texts[i]) and not has_furniture_phrase(texts[i])
            and not CLOCK_TIME.search(texts[i])]
    if meta_title:
        mk = _title_key(meta_title)
        for i in free:
            if _title_key(texts[i]) == mk:
                return i
    for i in free:
        k = _title_key(texts[i])
        if counts[_key(texts[i])] > 1 or any(_key(texts[j]).endswith(k) and j != i for j in header if k):
            return i
    candidates = [i for i in free if _words(texts[i]) >= 3]
    headline = [i for i in candidates if not _name_only(texts[i])]
    # "West Midlands Police" above the headline is the site's name: take the line that reads as a headline;
    # and a headline is followed by its text (a standfirst, the first paragraph), a site's name by its menu
    def opens_article(i: int) -> bool:  # its text or its byline and date follow it
        after = i + 1 < len(texts) and labels[i + 1] is None and is_sentence(texts[i + 1]) and _words(texts[i + 1]) >= 8
        return after or any(labels[j] is not None and labels[j].label in (BYLINE, DATE)
                            for j in range(i + 1, min(i + 5, len(texts))))

    followed = [i for i in headline if opens_article(i)]
    between = range(headline[0] + 1, followed[0]) if followed and headline else range(0)
    if followed and followed[0] != headline[0] and any(labels[j] is None for j in between) and all(
            (labels[j] is None and _menu_item(texts[j])) or (labels[j] is not None and labels[j].label == BOILERPLATE)
            for j in between):  # only a menu between them (no byline or date: those follow a headline)
        return followed[0]
    return headline[0] if headline else (candidates[0] if candidates else None)


def _menu_item(text: str) -> bool:
    """A short line that is no sentence: a menu entry or a section link ("Politics", "Science & Tech")."""
    return _words(text) <= 3 and not is_sentence(text) and not text.rstrip().endswith((".", ":", "?", "!"))


_NAME_PARTS = re.compile(r"[\s-]+")  # the words of a name or a role ("Mary-Jane", "Home Affairs")


def _desk_only(words: str) -> bool:
    """Words that name a reporter's desk or rank only ("Home Affairs", "Senior Political")."""
    return all(w.lower() in DESK_WORDS for w in _NAME_PARTS.split(words.strip()) if w)


_PERSON_NAME = compile_guarded(rf"{NAME_WORD}(?:[- ](?:{NAME_WORD}|[A-Z]\.)){{1,3}}")


def _person_name(text: str) -> bool:
    """A line that is only a person's name ("Jane Smith", "Mary-Jane O'Neill"): two to four capitalised
    words, none of them a desk, section or furniture word."""
    return bool(_PERSON_NAME.fullmatch(text)) and not any(
        w.lower() in DESK_WORDS or w.lower() in SECTION_WORDS for w in _NAME_PARTS.split(text)) \
        and not has_furniture_phrase(text)


def _name_only(text: str) -> bool:
    """A short line of capitalised words only: a site or organisation name rather than a headline."""
    words = text.split()
    return len(words) <= 4 and all(w[:1].isupper() or w.lower() in ("and", "of", "&", "the") for w in words)


def _mark_related_blocks(texts: list[str], raw: list[str], labels: list[Line | None]) -> None:
    i = 0
    while i < len(texts):
        if labels[i] is not None and labels[i].reason == "related-content heading":
            j = i + 1
            while j < len(texts):
                t = texts[j]
                teaser = (not is_sentence(t)) or ELLIPSIS_END.search(t) or _byline_name(t) or \
                    (labels[j] is not None and labels[j].label == BOILERPLATE)
                if not teaser:
                    break
                if labels[j] is None or labels[j].label != BOILERPLATE:
                    labels[j] = Line(raw[j], BOILERPLATE, "related-content teaser")
                j += 1
            i = j
        else:
            i += 1


def _resolve_date(out: CleanArticle, html_meta: dict[str, str], body: list[str], header: list[str]) -> None:
    """The page's own metadata first (an HTML page's published date, an export item's header date),
    then the date printed in the article's header, then one stated in the text, then an inferred one."""
    meta_date = html_meta.get("date", "")
    if meta_date:
        found = find_dates(meta_date)
        if found:
            out.published, out.published_basis = found[0][0].isoformat(), "stated"
            return
    if out.published:
        return
    stated = dateline_in_text(body)
    if stated:
        out.published, out.published_basis = stated.isoformat(), "stated"
        return
    inferred = infer_weekday_date("\n".join(header + body))
    if inferred:
        out.published, out.published_basis = inferred.isoformat(), "inferred"


def published_or_none(value: str) -> date | None:
    return date.fromisoformat(value) if value else None

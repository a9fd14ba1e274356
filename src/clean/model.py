"""The line classifier: is a line of a page site furniture (boilerplate) or not?

Shallow features of each line and its neighbours in the manner of Kohlschütter et al. (2010),
"Boilerplate detection using shallow text features" — word count, mean word length, share of
stop words, capitalised share, final punctuation, digits and currency, position in the page,
whether the neighbours read as prose — plus the verdicts of the cleaning rules
(src/clean/lines.py), the furniture phrases of ``vocabularies/furniture.csv`` and a lexicon of word
weights learned from the labelled lines as features rather than final verdicts.

The model is a logistic regression trained by ``python -m src.clean.train`` (``make train``) on
the labelled lines of the development pages, the seeds, the genre fixtures and the template pages.
It is stored as plain JSON (``src/clean/line_model.json``: feature names, scaling, weights,
threshold, lexicon, the hash of the training data and the cross-validated scores), so applying it
needs no scikit-learn and no pickle.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import repeat
from operator import itemgetter, mul
from pathlib import Path
from typing import Mapping

from src.common.patterns import compile_guarded
from src.common.vocab import vocabulary

MODEL_PATH: Path = Path(__file__).with_name("line_model.json")

STOP_WORDS = frozenset(
    "a about after all also an and any are as at be been but by can could did do for from had has have he her his "
    "how i if in into is it its more most my no not of on one or our out over said says she so some than that the "
    "their them then there these they this those to up was we were what when which who will with would you your "
    "been being while where why".split())
_WORD = compile_guarded(r"[A-Za-z][A-Za-z'’-]*")
_SENT_END = compile_guarded(r"[.!?:;][\"'”’)\]]*$")
_SPEECH = compile_guarded(r"\b(?:said|says|added|told|explained|warned|announced|stated)\b|[\"“”]")
_CURRENCY = compile_guarded(r"[£$€]\s?\d|\d\s?(?:m|bn|million|billion)\b")

# which rule families a removed line came from (the reason the rules wrote)
RULE_GROUPS: dict[str, tuple[str, ...]] = {
    "rule_navigation": ("breadcrumb", "navigation link", "section label", "header furniture", "site name",
                        "repeated label", "share links", "metadata label"),
    "rule_promotion": ("call to action", "newsletter prompt", "comment prompt", "feedback prompt", "contact details",
                       "contact prompt", "cookie notice", "site banner"),
    "rule_credit": ("photo credit", "photo caption", "copyright line", "site credit", "shortcode"),
    "rule_related": ("related-content heading", "related-content teaser"),
    "rule_footer": ("footer furniture", "end marker"),
}


_RULE_GROUP_OF = {reason: group for group, reasons in RULE_GROUPS.items() for reason in reasons}
_NO_RULE_GROUP = dict.fromkeys(RULE_GROUPS, 0.0)
_PREV = ("prev_words_log", "prev_prose", "prev_rule_boilerplate", "prev_furniture_phrase")
_NEXT = ("next_words_log", "next_prose", "next_rule_boilerplate", "next_furniture_phrase")


@lru_cache(maxsize=None)
def furniture_kind(kind: str) -> tuple[str, ...]:
    """The phrases of one kind of vocabularies/furniture.csv, longest first, lower case (``phrase``:
    words that mark furniture wherever they stand in a line)."""
    return tuple(sorted((row["phrase"] for row in vocabulary("furniture") if row["kind"] == kind), key=len, reverse=True))


@lru_cache(maxsize=1)
def _phrase_pattern() -> re.Pattern[str]:
    phrases = furniture_kind("phrase")
    return compile_guarded(r"(?<![a-z0-9])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![a-z0-9])")


@lru_cache(maxsize=None)
def _opening(kind: str) -> re.Pattern[str]:
    """A line key that starts with one of the phrases of ``kind`` as whole words."""
    phrases = furniture_kind(kind)
    return compile_guarded(r"^(?:" + "|".join(map(re.escape, phrases)) + r")(?![a-z0-9])" if phrases else r"(?!)")


def _credit_at_colon(text: str, words: tuple[str, ...]) -> bool:
    """A credit word right before a colon ("Picture: Tom Simpson"), standing alone or glued to the
    caption before it by its capital ("the countryCredit: Alamy")."""
    i = text.find(":")
    while i > 0:
        before = text[max(0, i - 20):i].rstrip()
        if text[i + 1:i + 3].strip() and before.lower().endswith(words):
            for w in words:
                if before.lower().endswith(w):
                    start = len(before) - len(w)
                    prev = before[start - 1] if start > 0 else " "
                    if not prev.isalpha() or (prev.islower() and before[start].isupper()):
                        return True
        i = text.find(":", i + 1)
    return False


def _credit_after_bar(text: str) -> bool:
    """A short name after a bar that follows a sentence ("... at night. | Adobe")."""
    j = text.rfind("|")
    head, tail = text[:j].rstrip(), text[j + 1:].strip()
    return bool(head) and head[-1] in ".!?\"'”’)" and 0 < len(tail.split()) <= 4 and tail[0].isupper()


def credit_marker(text: str) -> bool:
    """Whether the line carries a picture credit: a credit word of vocabularies/furniture.csv and a
    colon, a short name after a bar that follows a sentence, or the line opens with a credit phrase
    ("Courtesy of the Home Office")."""
    if ":" in text and _credit_at_colon(text, furniture_kind("credit")):
        return True
    if "|" in text and _credit_after_bar(text):
        return True
    return bool(_opening("credit start").match(line_key(text)))


def media_lead_in(text: str) -> bool:
    """Whether the line opens like the lead-in to an embedded video or gallery ("See the moment ...")."""
    return text.count(" ") < 30 and bool(_opening("lead in").match(line_key(text)))


def _last_sentence(text: str) -> str:
    return text[max(text.rfind(". ", 0, -1), text.rfind("! ", 0, -1), text.rfind("? ", 0, -1)) + 1:]


def ends_with_prompt(text: str) -> bool:
    """Whether the line's last sentence is a short call to action ("... Download it now.")."""
    text = text.rstrip()
    last = _last_sentence(text[-100:])  # read on the tail: long paragraphs are most lines
    if len(last) == 100 and len(text) > 100:  # no sentence starts in the tail
        if last.count(" ") > 6:
            return False  # the last sentence is longer still
        last = _last_sentence(text)
    return last.count(" ") <= 6 and bool(_opening("prompt").match(last.lstrip(" \"'“‘(").lower()))


def _opens_quote(text: str) -> bool:
    """Whether a line leaves a quotation open: more opening than closing curly quotes, or an odd
    number of straight double quotes."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def long_repeats(keys: list[str]) -> list[int]:
    """Per line of six words or more that stands twice on the page, whole or as the start of another
    line (a caption printed again with its credit, a teaser of a headline), the index of its twin;
    -1 for the others. After sorting, a key that starts another one sits right before a key that
    starts with it."""
    out = [-1] * len(keys)
    order = sorted((k, i) for i, k in enumerate(keys) if k.count(" ") >= 5)
    for (a, i), (b, j) in zip(order, order[1:]):
        if b.startswith(a):
            out[i] = j
            if out[j] < 0:
                out[j] = i
    return out


# two page elements printed with nothing between them: a lower-case letter run straight into a
# capital ("Writer's pictureLCN", "Read moreNews"); the phrases are looked for on either side
_GLUED = compile_guarded(r"(?<=[a-z]{3})(?=[A-Z])")


@lru_cache(maxsize=65536)
def furniture_phrase_count(text: str, glued: bool = False) -> int:
    """How many furniture phrases of vocabularies/furniture.csv ``text`` holds; with ``glued``, also
    where two page elements are printed with no space between them ("Writer's pictureLCN")."""
    if not furniture_kind("phrase"):
        return 0
    found = len(_phrase_pattern().findall(line_key(text)))
    if glued and _GLUED.search(text):
        return max(found, len(_phrase_pattern().findall(line_key(_GLUED.sub(" ", text)))))
    return found


def has_furniture_phrase(text: str, glued: bool = False) -> bool:
    """Whether ``text`` holds a furniture phrase of vocabularies/furniture.csv ("skip to", "picture");
    ``glued`` as for furniture_phrase_count."""
    return furniture_phrase_count(text, glued) > 0


_NON_ALNUM = compile_guarded(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def line_key(text: str) -> str:
    """A line reduced to lower-case words, for comparing lines (titles, repeats, lexicon)."""
    return _NON_ALNUM.sub(" ", text.lower()).strip()


@dataclass(frozen=True)
class LineView:
    """What the features need of one line: its text and what the rules made of it."""
    text: str
    rule_label: str  # content, boilerplate, title, byline, date
    rule_reason: str
    bullet: bool = False
    block: int = 0  # the line's paragraph (src/clean/model.py paragraph_blocks)
    wrapped: bool = False  # the line is part of a paragraph broken by hard line wraps


_TERMINAL = compile_guarded(r"[.!?][\"'”’)\]]*$")


_RUNS_ON_END = compile_guarded(r"(?:,|\b(?:and|or|of|the|a|to|for|in|on|with|across|from|by|at|that))$")


def runs_on(line: str, following: str) -> bool:
    """Whether a sentence broken by a hard wrap runs on from ``line`` into ``following``: the next
    line starts in lower case, or the line ends on a comma or a small word."""
    return following[:1].islower() or bool(_RUNS_ON_END.search(line))


def paragraph_blocks(texts: list[str], blocks: list[int]) -> list[int]:
    """Each line's paragraph: blank lines separate paragraphs, and so does a line that ends a
    sentence (a page printed with no blank lines at all is not one paragraph)."""
    out: list[int] = []
    n = -1
    for i, block in enumerate(blocks):
        if i == 0 or block != blocks[i - 1] or _TERMINAL.search(texts[i - 1]):
            n += 1
        out.append(n)
    return out


def _wrapped_start(texts: list[str], start: int, end: int) -> int:
    """Where the hard-wrapped paragraph ending at ``end`` starts, at or after ``start``; ``end`` when
    there is none. Its last line runs on from the line above (a wrap falls mid-sentence), and so does
    every other line above it but an odd one ("the National Police Chiefs / Council's portfolio lead"):
    two lines in a row that do not run on are where the paragraph begins (a headline, a date line)."""
    if end == start or not runs_on(texts[end - 1], texts[end]):
        return end
    first, k = end - 1, end - 2
    while k >= start:
        if runs_on(texts[k], texts[k + 1]):
            first, k = k, k - 1
        elif k > start and runs_on(texts[k - 1], texts[k]):
            first, k = k - 1, k - 2
        else:
            break
    return first


def wrapped_blocks(texts: list[str], blocks: list[int], bullets: list[bool]) -> list[bool]:
    """Which lines belong to a paragraph printed with hard line wraps (``blocks`` as paragraph_blocks
    gives them): lines of one block, none a bullet, that end a sentence on the last one and run on
    from one to the next (the next starts in lower case, or the line ends on a comma or a small
    word) as _wrapped_start reads it. A menu or a list of links, one item per line, has a lower-case
    item or an item ending on "and" now and then; it is not read as a paragraph for that."""
    out = [False] * len(texts)
    start = 0
    while start < len(texts):
        end = start
        while end + 1 < len(texts) and blocks[end + 1] == blocks[start]:
            end += 1
        if _TERMINAL.search(texts[end]):
            first = _wrapped_start(texts, start, end)
            if first < end and not any(bullets[first:end + 1]):
                out[first:end + 1] = [True] * (end + 1 - first)
        start = end + 1
    return out


_SEPARATOR = re.compile(r"\s[|•·»›>]\s|\s\|$|^\|")
_SEPARATOR_CHAR = re.compile(r"[|•·»›>]")  # cheap first look: most lines hold none


_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_ASCII_UPPER = bytes(range(65, 91))
_NON_ASCII = compile_guarded(r"[^\x00-\x7f]+")


def _letters_and_capitals(text: str) -> tuple[int, int]:
    """How many letters ``text`` holds and how many of them are capitals: the ASCII part counted by
    deleting bytes (no Python call per character), the rest ("é", "Ⅷ") per character."""
    data = text.encode("ascii", "ignore")
    letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    capitals = len(data) - len(data.translate(None, _ASCII_UPPER))
    if len(data) != len(text):
        others = "".join(_NON_ASCII.findall(text))
        letters += sum(map(str.isalpha, others))
        capitals += sum(map(str.isupper, filter(str.isalpha, others)))
    return letters, capitals


def _own(text: str, words: list[str] | None = None) -> dict[str, float]:
    """The features of a line read on its own (``words``: its words, when already found)."""
    # counted with map() and byte deletion over built-in predicates: the same figures as a loop per
    # character, at a fraction of its cost on long paragraphs
    words = _WORD.findall(text) if words is None else words
    n = len(words)
    n_tokens = len(text.split())
    n_letters, upper = _letters_and_capitals(text)
    has_digit = any(map(str.isdigit, text))
    f = {
        "words_log": math.log1p(n_tokens),
        "mean_word_len": (len("".join(words)) / n) if n else 0.0,
        "stop_share": (sum(map(STOP_WORDS.__contains__, map(str.lower, words))) / n) if n else 0.0,
        "cap_share": (sum(map(str.isupper, map(itemgetter(0), words))) / n) if n else 0.0,
        "upper_share": (upper / n_letters) if n_letters else 0.0,
        "alpha_share": (n_letters / len(text)) if text else 0.0,
        "ends_sentence": float(bool(_SENT_END.search(text))),
        "starts_lower": float(text[:1].islower()),
        "starts_quote": float(text[:1] in "\"'“‘"),
        "has_digit": float(has_digit),
        "has_currency": float(has_digit and bool(_CURRENCY.search(text))),  # an amount needs a digit
        "has_separator": float(bool(_SEPARATOR_CHAR.search(text) and _SEPARATOR.search(text))),
        "has_brackets": float("(" in text or "[" in text),
        "speech": float(bool(_SPEECH.search(text))),
    }
    # a furniture phrase counts in a short line, not in a paragraph; several phrases count anywhere
    # (a cookie or beta banner is long, but "cookies", "website" and "feedback" stand together)
    phrases = furniture_phrase_count(text)
    f["furniture_phrase"] = float(phrases > 0) if n_tokens <= 15 else 0.0
    f["furniture_phrases_log"] = math.log1p(phrases)
    f["ends_colon"] = float(text.rstrip().endswith(":"))
    f["credit_marker"] = float(credit_marker(text))
    f["media_lead_in"] = float(media_lead_in(text))
    f["ends_with_prompt"] = float(ends_with_prompt(text))
    return f


def lexicon_words(text: str, words: list[str] | None = None) -> frozenset[str]:
    """The distinct lower-case words of a line, as the learned lexicon reads them (``words``: the
    line's words, when already found)."""
    return frozenset(map(str.lower, _WORD.findall(text) if words is None else words))


def lexicon_score(words: frozenset[str], lexicon: Mapping[str, float]) -> float:
    """How much the words of a line lean towards furniture in the learned lexicon: the sum of their
    weights (log-odds of a word in a furniture line over a content line, words the lexicon lacks count
    0) over the square root of the number of words, so that a long paragraph is not judged by one word."""
    # fsum: exact, so the score does not depend on the order a set of words is read in (which
    # changes from one process to the next with Python's string hashing)
    return math.fsum(filter(None, map(lexicon.get, words))) / math.sqrt(len(words)) if words and lexicon else 0.0


def line_features(lines: list[LineView], lexicon: Mapping[str, float] | None = None) -> list[dict[str, float]]:
    """One feature dict per line, from the line, its neighbours and its place in the page; with
    ``lexicon`` (the line model's learned word weights), how far the line's words lean to furniture."""
    n = len(lines)
    # a line of a hard-wrapped paragraph is read as the paragraph it belongs to
    paragraph: dict[int, str] = {}
    for ln in lines:
        if ln.wrapped:
            paragraph[ln.block] = (paragraph.get(ln.block, "") + " " + ln.text).strip()
    words = [_WORD.findall(ln.text) for ln in lines]
    own = [_own(paragraph[ln.block]) if ln.wrapped else _own(ln.text, words[i]) for i, ln in enumerate(lines)]
    prose = [o["words_log"] >= math.log1p(12) and o["ends_sentence"] == 1.0 for o in own]
    first_prose = next((i for i, p in enumerate(prose) if p), n)
    last_prose = max((i for i, p in enumerate(prose) if p), default=-1)
    keys = [line_key(ln.text) for ln in lines]
    counts = Counter(keys)
    long_repeat = long_repeats(keys)
    out = []
    for i, ln in enumerate(lines):
        f = dict(own[i])
        f["prose"] = float(prose[i])
        f["position"] = i / (n - 1) if n > 1 else 0.0
        f["before_first_prose"] = float(i < first_prose)
        f["after_last_prose"] = float(i > last_prose)
        f["is_last"] = float(i == n - 1)
        f["repeated"] = float(counts[keys[i]] > 1)
        twin = long_repeat[i]
        f["repeated_long"] = float(twin >= 0)
        # one copy of a caption carries the credit, the other (the picture's alt text) does not
        f["twin_credit"] = own[twin]["credit_marker"] if twin >= 0 else 0.0
        f["next_credit"] = own[i + 1]["credit_marker"] if i + 1 < n else 0.0
        # a quotation that runs over several paragraphs: each opens with a quote mark, and only the
        # last one closes it ("We are pleased. / "We will go on. / "Thank you all.")
        f["continues_quote"] = own[i]["starts_quote"] * float(i > 0 and _opens_quote(lines[i - 1].text))
        f["bullet"] = float(ln.bullet)
        f["wrapped"] = float(ln.wrapped)
        f["rule_boilerplate"] = float(ln.rule_label == "boilerplate")
        f["rule_metadata"] = float(ln.rule_label in ("title", "byline", "date"))
        f.update(_NO_RULE_GROUP)
        group = _RULE_GROUP_OF.get(ln.rule_reason)
        if group:
            f[group] = 1.0
        for names, j in ((_PREV, i - 1), (_NEXT, i + 1)):
            if 0 <= j < n:
                f[names[0]] = own[j]["words_log"]
                f[names[1]] = float(prose[j])
                f[names[2]] = float(lines[j].rule_label == "boilerplate")
                f[names[3]] = own[j]["furniture_phrase"] * own[i]["furniture_phrase"]
            else:
                f[names[0]], f[names[1]], f[names[2]], f[names[3]] = 0.0, 0.0, 1.0, 0.0
        window = [prose[j] for j in range(max(0, i - 2), min(n, i + 3)) if j != i]
        f["window_prose"] = (sum(window) / len(window)) if window else 0.0
        # shapes that only a combination shows: a caption or teaser (an unpunctuated line among
        # paragraphs), a furniture phrase in a line that is not a sentence, prose at the page's edges
        unpunctuated = 1.0 - f["ends_sentence"]
        f["unpunctuated_among_prose"] = unpunctuated * f["window_prose"] * (1.0 - f["wrapped"])
        has_phrase = has_furniture_phrase(ln.text) if ln.wrapped else f["furniture_phrases_log"] > 0
        f["phrase_not_sentence"] = float(has_phrase) * unpunctuated
        f["short_unpunctuated"] = unpunctuated * float(f["words_log"] <= math.log1p(8)) * (1.0 - f["wrapped"])
        f["prose_in_body"] = f["prose"] * (1.0 - f["before_first_prose"]) * (1.0 - f["after_last_prose"])
        f["lexicon"] = lexicon_score(lexicon_words(ln.text, words[i]), lexicon) if lexicon else 0.0
        out.append(f)
    return out


@dataclass(frozen=True)
class LineModel:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float
    # the headline picker (src/clean/lines.py title_features), a model of the same form stored beside it
    title: "LineModel | None" = None
    # word weights learned from the labelled lines (the ``lexicon`` feature), empty when none
    lexicon: Mapping[str, float] = field(default_factory=dict)

    def _z(self, f: dict[str, float]) -> list[float]:
        return [(f.get(name, 0.0) - m) / s for name, m, s in zip(self.features, self.mean, self.scale)]

    @cached_property
    def _linear(self) -> tuple[tuple[float, ...], float]:
        """The scaled weights folded into one coefficient per feature and one constant:
        sum(w * (f - m) / s) = sum(f * w / s) - sum(m * w / s)."""
        coef = tuple(w / s for w, s in zip(self.weights, self.scale))
        return coef, self.intercept - sum(c * m for c, m in zip(coef, self.mean))

    def probability(self, f: dict[str, float]) -> float:
        """Probability that the line is boilerplate."""
        coef, constant = self._linear
        score = constant + sum(map(mul, coef, map(f.get, self.features, repeat(0.0))))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, score))))

    def explain(self, f: dict[str, float], top: int = 3) -> str:
        """The features that pushed hardest towards the decision, for the ``reason`` column."""
        p = self.probability(f)
        sign = 1.0 if p >= self.threshold else -1.0
        parts = sorted(((w * z * sign, name) for w, z, name in zip(self.weights, self._z(f), self.features)),
                       reverse=True)[:top]
        return f"line model p={p:.2f}: " + ", ".join(name for _, name in parts)

    def to_dict(self) -> dict:
        """The weights as the model file stores them (the title model and the lexicon apart)."""
        return {"features": list(self.features), "mean": [round(v, 10) for v in self.mean],
                "scale": [round(v, 10) for v in self.scale], "weights": [round(v, 10) for v in self.weights],
                "intercept": round(self.intercept, 10), "threshold": self.threshold}

    @classmethod
    def from_dict(cls, data: dict) -> "LineModel":
        title = cls.from_dict(data["title"]) if data.get("title") else None
        return cls(tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]),
                   float(data["intercept"]), float(data["threshold"]), title,
                   {w: float(v) for w, v in data.get("lexicon", {}).items()})


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> LineModel | None:
    return LineModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def load_model(path: Path = MODEL_PATH) -> LineModel | None:
    """The committed model, or None when there is none (then the rules alone decide)."""
    if not path.is_file():
        return None
    return _load(path, path.stat().st_mtime_ns)

"""Scores on the development corpus (``data/gold/dev/``), matched as its README says.

- cleaning: each content line must be in ``body``, each boilerplate line must not be;
- title right when it equals the gold title (or both are empty); date found when ``published``
  equals the printed date, wrong when it gives another date;
- funding: same page and same amount in whole pounds; funder and programme right when they name
  what one of the ``|`` alternatives names (a null gold funder accepts anything);
- outcomes: same page, an accepted direction and the same metric (names compared without articles
  and plural endings: "homicides" is "homicide"); ``optional`` rows are neither required nor errors;
  where a prediction could match several gold rows it takes the one from its own sentence, and a
  required row before an optional one;
- quotes: same page, the speaker's surname and the quotation's first five words.

``python -m src.evaluate`` prints these figures for the seeds and the dev pages.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from src.claims.entities import find_funders, find_programmes
from src.claims.outcomes import canonical_metric
from src.clean.lines import strip_bullet
from src.common.paths import GOLD_DIR
from src.common.textnorm import normalise_text

DEV_DIR: Path = GOLD_DIR / "dev"


def _norm(text: object) -> str:
    text = "" if text is None or (isinstance(text, float) and text != text) else str(text)
    return re.sub(r"\s+", " ", re.sub(r"[^\w£%.]+", " ", normalise_text(text).lower())).strip()


def _alternatives(value: object) -> list[str]:
    return [_norm(v) for v in str(value or "").split("|")]


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _metric_key(value: object) -> str:
    """A metric name compared without articles and plural endings: "homicides" is "homicide",
    "robberies" is "robbery", "a knife or a sharp instrument" is "a knife or sharp instrument"."""
    return " ".join(_singular(w) for w in _norm(value).split() if w not in {"a", "an", "the"})


def _same_metric(predicted: str, gold: str, same_words: bool = False) -> bool:
    """Whether ``predicted`` is the metric one of the gold alternatives names: the same words (without
    articles and plural endings), or the same metric of the metrics vocabulary ("attempts to kill
    involving a knife or sharp instrument" is "attempted murders involving a knife")."""
    alternatives = str(gold).split("|")
    if _metric_key(predicted) in {_metric_key(a) for a in alternatives}:
        return True
    if same_words:
        return False
    canonical = canonical_metric(predicted)
    return bool(canonical) and any(canonical_metric(a) == canonical for a in alternatives)


def _same_sentence(gold_sentence: object, sentence: object) -> bool:
    g, p = _norm(gold_sentence), _norm(sentence)
    return bool(g and p) and (g in p or p in g)


def load_dev_gold(dev_dir: Path = DEV_DIR) -> list[dict]:
    return json.loads((dev_dir / "gold.json").read_text(encoding="utf-8"))


def page_id(file: str) -> str:
    return Path(file).stem


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


SHORT_LINE_WORDS = 4


def _line_text(text: str) -> str:
    """A line as it stands, without its list bullet and surrounding space (for lines with no words),
    read as the cleaner reads it (src/clean/lines.py strip_bullet)."""
    return strip_bullet(normalise_text(text).strip())[0]


@dataclass(frozen=True)
class _Body:
    """A cleaned body as the cleaning scores read it: its words, and its lines as printed and as words."""
    words: str
    lines: frozenset[str]
    line_words: frozenset[str]

    @classmethod
    def of(cls, body: str) -> "_Body":
        lines = frozenset(_line_text(ln) for ln in body.split("\n"))
        return cls(_norm(body), lines, frozenset(_norm(ln) for ln in lines))


def _boilerplate_kept(text: str, body: _Body) -> bool:
    """Whether a boilerplate line is still in the body. A line of a few words counts only where it
    stands as a line of the body: "National" (an edition label) is not kept because the article
    mentions the Office for National Statistics, nor "•  /" because a body line has a slash."""
    words = _norm(text)
    if not words or len(words.split()) <= SHORT_LINE_WORDS:
        return _line_text(text) in body.lines or bool(words) and words in body.line_words
    return f" {words} " in f" {body.words} "


def score_cleaning(gold: list[dict], articles: pd.DataFrame) -> dict[str, float]:
    """Boilerplate removed, content kept (line level), titles and dates (page level)."""
    by_id = {r.article_id: r for r in articles.itertuples(index=False)}
    bp = bp_out = ct = ct_in = title_ok = dates = date_ok = date_wrong = 0
    for page in gold:
        art = by_id.get(page_id(page["file"]))
        body = _Body.of(art.body if art is not None and isinstance(art.body, str) else "")
        for label, text in page["lines"]:
            if label == "boilerplate":
                bp += 1
                bp_out += not _boilerplate_kept(text, body)
            elif label == "content":
                ct += 1
                ct_in += f" {_norm(text)} " in f" {body.words} " if _norm(text) else _line_text(text) in body.lines
        title = _norm(art.title) if art is not None else ""
        title_ok += title == _norm(page["title"] or "")
        published = str(art.published) if art is not None and isinstance(art.published, str) else ""
        if page["published"]:
            dates += 1
            date_ok += published == page["published"]
        date_wrong += bool(published) and published != (page["published"] or "")
    n = len(gold)
    return {"pages": n, "boilerplate_lines": bp, "boilerplate_removed": bp_out / bp if bp else 1.0,
            "content_lines": ct, "content_kept": ct_in / ct if ct else 1.0, "title_right": title_ok / n if n else 1.0,
            "dates_printed": dates, "date_found": date_ok / dates if dates else 1.0, "date_wrong": date_wrong}


def _names_match(predicted: object, gold: object, find=None) -> bool:
    """Whether ``predicted`` names what one of the gold alternatives names: the same words (or one
    inside the other), or, with ``find`` (the project's funder or programme finder), the same
    canonical entity under another of its names ("Mayor of London" for "City Hall")."""
    if gold is None:
        return True
    p = _norm(predicted)
    if not p:
        return False
    if any(alt and (alt == p or alt in p or p in alt) for alt in _alternatives(gold)):
        return True
    if find is None:
        return False
    named = {m.name for m in find(str(predicted))}
    return bool(named) and any(m.name in named for alt in str(gold).split("|") for m in find(alt))


def _per_page(gold: list[dict], key: str, table: pd.DataFrame):
    """(gold rows still to match, predicted rows) for every page."""
    for page in gold:
        pid = page_id(page["file"])
        rows = table[table["article_id"] == pid] if len(table) else table
        yield list(page[key]), rows


def score_funding(gold: list[dict], funding: pd.DataFrame) -> Tally:
    t = Tally(extra={"funder_right": 0, "programme_right": 0, "both_right": 0})
    for pending, rows in _per_page(gold, "funding", funding):
        t.gold += len(pending)
        t.predicted += len(rows)
        for r in rows.itertuples(index=False):
            hit = next((g for g in pending if round(float(g["amount_gbp"])) == round(float(r.amount_gbp))), None)
            if hit is None:
                continue
            pending.remove(hit)
            t.matched += 1
            f_ok = _names_match(r.funder, hit["funder"], find_funders)
            p_ok = _names_match(r.programme, hit["programme"], find_programmes)
            t.extra["funder_right"] += f_ok
            t.extra["programme_right"] += p_ok
            t.extra["both_right"] += f_ok and p_ok
    return t


def score_outcomes(gold: list[dict], outcomes: pd.DataFrame, same_words: bool = False) -> Tally:
    """Outcome rows matched to the gold ones; ``same_words``: the metric must be written with the
    same words as a gold alternative (the stricter reading, reported beside the other)."""
    t = Tally()
    for pending, rows in _per_page(gold, "outcomes", outcomes):
        t.gold += sum(not g.get("optional") for g in pending)
        for r in rows.itertuples(index=False):
            candidates = [g for g in pending if _norm(r.direction) in _alternatives(g["direction"])
                          and _same_metric(str(r.metric), str(g["metric"]), same_words)]
            # of several rows a prediction could match, the one from its own sentence, a required one first
            hit = min(candidates, key=lambda g: (not _same_sentence(g.get("sentence"), getattr(r, "sentence", "")),
                                                 bool(g.get("optional"))), default=None)
            if hit is None:
                t.predicted += 1
                continue
            pending.remove(hit)
            if not hit.get("optional"):
                t.predicted += 1
                t.matched += 1
    return t


def score_quotes(gold: list[dict], quotes: pd.DataFrame) -> Tally:
    t = Tally()
    for pending, rows in _per_page(gold, "quotes", quotes):
        t.gold += len(pending)
        t.predicted += len(rows)
        for r in rows.itertuples(index=False):
            words = _norm(r.quote).split()[:5]
            hit = next((g for g in pending if _norm(g["text_start"]).split()[:5] == words
                        and any(alt.split()[-1:] and alt.split()[-1] in _norm(r.speaker).split()
                                for alt in _alternatives(g["speaker"]))), None)
            if hit is None:
                continue
            pending.remove(hit)
            t.matched += 1
    return t


def score_claims(gold: list[dict], funding: pd.DataFrame, outcomes: pd.DataFrame,
                 quotes: pd.DataFrame) -> dict[str, float]:
    f, o, q = score_funding(gold, funding), score_outcomes(gold, outcomes), score_quotes(gold, quotes)
    words = score_outcomes(gold, outcomes, same_words=True)
    m = f.matched or 1
    return {"funding_gold": f.gold, "funding_precision": f.precision, "funding_recall": f.recall,
            "funder_right": f.extra["funder_right"] / m, "programme_right": f.extra["programme_right"] / m,
            "funder_and_programme_right": f.extra["both_right"] / m,
            "outcomes_gold": o.gold, "outcome_precision": o.precision, "outcome_recall": o.recall,
            "outcome_precision_same_words": words.precision, "outcome_recall_same_words": words.recall,
            "quotes_gold": q.gold, "quote_precision": q.precision, "quote_recall": q.recall}

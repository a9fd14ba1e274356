"""A sentence splitter for UK news text.

It splits a paragraph at . ! ? followed by a space and a capital, digit, quote or £, except
after abbreviations and titles (Cllr, Dr, No.), single initials (J. K.), inside numbers and
domain names (£63.4m, GOV.UK, 2006-7: no space follows the dot) and inside a quotation: a
quoted passage stays in the sentence that introduces it. Paragraphs never join.
"""
from __future__ import annotations

import re

from src.common.patterns import compile_guarded

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "cllr", "coun", "st", "no", "nos", "sgt", "insp", "supt", "det", "ch", "con",
    "pc", "gen", "col", "lt", "capt", "rev", "hon", "rt", "gov", "govt", "dept", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "v", "etc", "approx", "est", "inc", "ltd", "co",
    "corp", "e.g", "i.e", "cf", "al", "fig", "op", "vol", "pp", "ed", "eds", "sr", "jr", "mt", "ave", "rd",
}
_BOUNDARY = compile_guarded(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9£$€])")


def _quote_depth_ok(text: str, end: int) -> bool:
    """True when position ``end`` is outside any open double quotation."""
    return text.count('"', 0, end) % 2 == 0


def split_sentences(paragraph: str) -> list[str]:
    text = paragraph.strip()
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        before = text[start:m.start()].split()
        last = before[-1].lower().strip("(\"'") if before else ""
        if text[m.start()] == "." and m.group().startswith(".") and len(m.group().rstrip("\"')]")) == 1:
            if last in ABBREVIATIONS or last.rstrip(".") in ABBREVIATIONS:
                continue
            if re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]?", last):  # initials: J. / J.K. / U.S
                continue
        if not _quote_depth_ok(text, end) and not text[start:end].rstrip().endswith('"'):
            continue
        sentences.append(text[start:end].strip())
        start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_body(body: str) -> list[str]:
    """All sentences of a cleaned body, paragraph by paragraph."""
    return [s for para in body.split("\n") for s in split_sentences(para)]

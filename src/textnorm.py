"""Text normalisation shared by every stage: one kind of space, one line break, NFC, no mojibake."""
from __future__ import annotations

import re
import unicodedata

import ftfy

# Every horizontal space character that is not a plain space (NBSP, thin, figure, ideographic, tab ...).
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Characters that carry nothing visible: zero-width space/joiners, word joiner, soft hyphen, stray BOM.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\u00ad\ufeff]")
_LINE_BREAKS = re.compile(r"\r\n|\r|[\u2028\u2029\x0b\x0c\x85]")
_MULTISPACE = re.compile(r" {2,}")


def normalise_text(text: str) -> str:
    """Repair mojibake, straighten typographic quotes, unify spaces and line breaks, then NFC.

    Quotes: curly quotes become straight ASCII quotes (ftfy's ``uncurl_quotes``) so that one
    pattern matches "..." however the source typed it.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = ftfy.fix_text(text, uncurl_quotes=True, normalization="NFC")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    lines = [_MULTISPACE.sub(" ", line).strip() for line in text.split("\n")]
    return unicodedata.normalize("NFC", "\n".join(lines))

"""Text normalisation shared by every stage: one kind of space, one line break, NFC, no mojibake."""
from __future__ import annotations

import re
import unicodedata

import ftfy
import ftfy.badness

# Every horizontal space character that is not a plain space (NBSP, thin, figure, ideographic, tab ...).
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Characters that carry nothing visible: zero-width space/joiners, word joiner, soft hyphen, stray BOM.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\u00ad\ufeff]")
_LINE_BREAKS = re.compile(r"\r\n|\r|[\u2028\u2029\x0b\x0c\x85]")
_MULTISPACE = re.compile(r" {2,}")


_QUOTE_PAIRS = [("\u2018", "'"), ("\u2019", "'"), ("\u201a", "'"), ("\u201b", "'"), ("\u2032", "'"),
                ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u201f", '"'), ("\u2033", '"')]
# UTF-8 read as Windows-1252/Latin-1 leaves these behind ("Â£", "â€™", "Ã©"); no hint, no ftfy
_MOJIBAKE_HINT = re.compile("[\u00c2\u00c3\u00e2\u00d0\u00d1\u00ef\u00c5]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def normalise_text(text: str) -> str:
    """Repair mojibake, straighten typographic quotes, unify spaces and line breaks, then NFC.

    Quotes: curly quotes become straight ASCII quotes so that one pattern matches "..." however
    the source typed it. ftfy repairs text only where its detector sees mojibake ("Â£", "â€™"):
    running it on clean text costs more than all the cleaning rules together.
    """
    text = _LINE_BREAKS.sub("\n", text)
    if not text.isascii():
        if _MOJIBAKE_HINT.search(text) and ftfy.badness.is_bad(text):
            text = ftfy.fix_text(text, uncurl_quotes=True, normalization="NFC")
        for curly, straight in _QUOTE_PAIRS:  # str.replace is far faster than translate on long text
            if curly in text:
                text = text.replace(curly, straight)
    text = _CONTROL.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    lines = [_MULTISPACE.sub(" ", line).strip() for line in text.split("\n")]
    return unicodedata.normalize("NFC", "\n".join(lines))

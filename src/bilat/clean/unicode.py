"""One spelling for one word: NFC, one Vietnamese tone-mark placement, plain spaces.

Vietnamese writes the tone of the open syllables "oa", "oe", "uy" either on the first vowel
("hòa", "thủy": the traditional placement most news sites use) or on the second ("hoà",
"thuỷ"). Text is brought to the traditional placement so that one word always compares equal.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}  # grave, acute, hook, tilde, dot
# o/u followed by a/e/y carrying a tone, ending the word ("hoà", "thuỷ"), not after q ("quý")
_OPEN = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0309\u0303\u0323])(?!\w)")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def _move_tone(m: re.Match[str]) -> str:
    first, second, tone = m.group(1), m.group(2), m.group(3)
    if first.lower() == "u" and second.lower() != "y":
        return m.group(0)  # "uà", "uè" are not these syllables
    return first + tone + second


def normalize_text(text: str) -> str:
    """NFC, traditional Vietnamese tone placement, no zero-width characters, plain spaces
    collapsed within lines, at most one blank line between paragraphs."""
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _OPEN.sub(_move_tone, decomposed)
    out = unicodedata.normalize("NFC", decomposed)
    out = _ZERO_WIDTH.sub("", out).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in out.split("\n")]
    text_out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text_out).strip()

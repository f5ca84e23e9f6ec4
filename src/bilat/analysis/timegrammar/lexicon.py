"""What one language knows about time, read from lang/<code>/time.yaml and made ready for regexes.

The engine never names a language: it asks a Lexicon for word alternations (regex fragments that
match any listed form as a whole word) and for lookups from a matched form to its meaning (month
number, weekday, relative offset, ...). `language=None`, or a language without a time.yaml, gets
the union of every language's data.

The keys of time.yaml (every list optional; a bare on/off/yes/no must be quoted):
- numeric_order (dmy|mdy), orders ([dmy], [dmy, mdy]), month_alone (a month needs no lead word),
  weak_ok_capitalised (a weak weekday form counts when its name is capitalised);
- number maps (number -> forms): months, weekdays, numbers (1-12 in words), quarters,
  ordinal_words, tens (tens that join a unit ordinal: "twenty-fifth");
- relative: unit (day|week|month|year) -> offset -> phrases ("last year": year -1);
- word lists (a form ending in an apostrophe needs no space after it: "all'8 marzo"):
  day_suffixes, day_leads, day_parts, day_month_joiners, month_year_joiners, year_suffixes,
  numeric_leads, month_leads, year_leads, weekday_leads, weekdays_weak, range_from, range_to,
  range_and, list_joiners, past_before/after, future_before/after, future_markers,
  year_generic, as_of, end_of, now, since, since_until_now, case_sensitive, ordinal_suffixes,
  ordinal_prefixes, tens_joiners, anniversary_units, doc_numbers, blocks, amount_words,
  number_nouns, approximate;
- patterns (regexes with {SLOTS}, see slots.fill): part_of_year_patterns (category ->
  patterns: first_months, last_months, half1, half2, quarter, fiscal), ago_patterns (unit ->
  patterns), block_patterns, anniversary_patterns, elapsed_patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from bilat import lang

RESOURCE = "time"

# Keys whose values are lists of plain words or phrases (merged by concatenation).
WORD_LISTS = (
    "day_suffixes", "day_leads", "day_month_joiners", "month_year_joiners", "year_suffixes",
    "numeric_leads", "month_leads", "year_leads", "range_from", "range_to", "range_and",
    "list_joiners", "past_before", "past_after", "future_before", "future_after", "future_markers",
    "year_generic", "as_of", "end_of", "now", "since", "since_until_now", "weekday_leads",
    "weekdays_weak", "case_sensitive", "ordinal_suffixes", "ordinal_prefixes", "doc_numbers",
    "blocks", "tens_joiners", "amount_words", "anniversary_units", "day_parts",
    "number_nouns", "approximate",
)
# Keys mapping a number to a list of forms.
NUMBER_MAPS = ("months", "weekdays", "numbers", "quarters", "ordinal_words", "tens")
PATTERN_LISTS = ("anniversary_patterns", "block_patterns", "elapsed_patterns")
FLAGS = ("month_alone", "weak_ok_capitalised")


def norm(text: str) -> str:
    """The lookup key of a matched form: lower case, one space, plain apostrophe, no final dot."""
    text = re.sub(r"\s+", " ", text.replace("’", "'").replace("`", "'")).strip().lower()
    return text[:-1] if text.endswith(".") and len(text) > 2 else text


# After a lead or range word: white space, or nothing when the word ends in an apostrophe
# (elided: "all'8 marzo", "dall'aprile", "d'avril à juin").
AFTER_WORD = r"(?:\s+|(?<=['’]))"


def phrase_regex(form: str) -> str:
    """A regex for one listed form: escaped, any spacing, either apostrophe, whole words."""
    body = re.escape(form.strip())
    body = body.replace(r"\ ", r"\s+").replace("'", "['’]")
    if form[:1].isalnum() or form[:1] == "_":
        body = r"(?<!\w)" + body
    if form[-1:].isalnum() or form[-1:] == "_":
        body = body + r"(?!\w)"
    return body


def alternation(forms: list[str] | tuple[str, ...]) -> str:
    """One group matching any form, longest first; a never-matching group when there is none."""
    uniq = sorted({f for f in forms if f and f.strip()}, key=lambda f: (-len(f), f))
    if not uniq:
        return r"(?!x)x"
    return "(?:" + "|".join(phrase_regex(f) for f in uniq) + ")"


@dataclass(frozen=True)
class Lexicon:
    """The merged time data of one language (or of all), with lookups by normalised form."""

    words: dict[str, tuple[str, ...]]
    maps: dict[str, dict[str, int]]  # map name -> normalised form -> number
    relative: dict[str, tuple[str, int]]  # normalised phrase -> (unit, offset)
    part_patterns: dict[str, tuple[str, ...]]  # part-of-year category -> patterns
    ago_patterns: dict[str, tuple[str, ...]]  # unit -> patterns of "N years ago"
    patterns: dict[str, tuple[str, ...]]
    raw_forms: dict[str, tuple[str, ...]]  # map name -> forms as written
    raw_relative: tuple[str, ...]
    numeric_order: str = "dmy"
    orders: tuple[str, ...] = ("dmy",)
    flags: frozenset[str] = field(default_factory=frozenset)
    case_forms: dict[str, str] = field(default_factory=dict)  # lower form -> form as it must be

    def alt(self, key: str) -> str:
        """Regex alternation of a word list, or of every form of a number map."""
        if key in self.maps:
            return alternation(list(self.forms(key)))
        if key == "relative":
            return alternation(list(self.relative_forms()))
        return alternation(list(self.words.get(key, ())))

    def forms(self, key: str) -> tuple[str, ...]:
        return self.raw_forms.get(key, ())

    def relative_forms(self) -> tuple[str, ...]:
        return self.raw_relative

    def lookup(self, key: str, text: str) -> int | None:
        """The number a matched form stands for ("Dec." -> 12, "07" -> 7 for months)."""
        t = norm(text)
        if t.isdigit():
            return int(t)
        return self.maps.get(key, {}).get(t)

    def has(self, key: str, text: str) -> bool:
        return norm(text) in self.word_sets.get(key, frozenset())

    @cached_property
    def future_re(self) -> re.Pattern[str]:
        return re.compile(self.alt("future_markers"), re.IGNORECASE)

    @cached_property
    def join_gap(self) -> re.Pattern[str]:
        """What may stand between a weekday and its date: "lundi matin 11 décembre"."""
        return re.compile(rf"[\s,(]*(?:{self.alt('day_parts')}[\s,(]*)?", re.IGNORECASE)

    @cached_property
    def list_gap(self) -> re.Pattern[str]:
        """What stands between two listed items: a comma, a list joiner, or both."""
        joiners = self.alt("list_joiners")
        return re.compile(rf"\s*,\s*(?:{joiners}{AFTER_WORD})?|\s+{joiners}{AFTER_WORD}",
                          re.IGNORECASE)

    @cached_property
    def after_list_gap(self) -> re.Pattern[str]:
        """A list gap ending right here: what a later item of a list follows."""
        return re.compile(rf"(?:{self.list_gap.pattern})$", re.IGNORECASE)

    @cached_property
    def word_sets(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(norm(w) for w in v) for k, v in self.words.items()}

    def case_ok(self, text: str) -> bool:
        """False when a case-sensitive form ("May", "morgen") is written with the wrong case."""
        want = self.case_forms.get(norm(text))
        if want is None:
            return True
        return text.strip()[:1] == want[:1]


def _words(value: Any, key: str) -> list[str]:
    """A data list as strings; YAML reads a bare on/off/yes/no as a boolean, which is an error."""
    out = []
    for item in value or ():
        if isinstance(item, bool):
            raise ValueError(f"time.yaml {key}: quote the word read as {item} (on/off/yes/no)")
        out.append(str(item))
    return out


def suffix_alt(forms: tuple[str, ...] | list[str]) -> str:
    """An alternation of suffixes glued to what precedes them ("22nd", "50e", "2025 r.")."""
    uniq = sorted({f for f in forms if f}, key=lambda f: (-len(f), f))
    if not uniq:
        return r"(?!x)x"
    parts = [re.escape(f) + (r"(?!\w)" if f[-1:].isalnum() else "") for f in uniq]
    return "(?:" + "|".join(parts) + ")"


def _merge(datas: list[dict[str, Any]]) -> Lexicon:
    words: dict[str, list[str]] = {k: [] for k in WORD_LISTS}
    raw_forms: dict[str, list[str]] = {k: [] for k in NUMBER_MAPS}
    maps: dict[str, dict[str, int]] = {k: {} for k in NUMBER_MAPS}
    relative: dict[str, tuple[str, int]] = {}
    raw_relative: list[str] = []
    parts: dict[str, list[str]] = {}
    ago: dict[str, list[str]] = {}
    patterns: dict[str, list[str]] = {k: [] for k in PATTERN_LISTS}
    orders: list[str] = []
    flags: set[str] = set()
    orders_seen: set[str] = set()
    numeric_order = "dmy"
    for data in datas:
        for key in WORD_LISTS:
            words[key].extend(_words(data.get(key), key))
        for key in NUMBER_MAPS:
            for num, forms in (data.get(key) or {}).items():
                for form in _words(forms, key):
                    raw_forms[key].append(form)
                    maps[key].setdefault(norm(str(form)), int(num))
        for unit, offsets in (data.get("relative") or {}).items():
            for off, forms in offsets.items():
                for form in _words(forms, "relative"):
                    raw_relative.append(form)
                    relative.setdefault(norm(str(form)), (str(unit), int(off)))
        for cat, pats in (data.get("part_of_year_patterns") or {}).items():
            parts.setdefault(cat, []).extend(pats)
        for unit, pats in (data.get("ago_patterns") or {}).items():
            ago.setdefault(unit, []).extend(pats)
        for key in PATTERN_LISTS:
            patterns[key].extend(data.get(key) or ())
        for o in data.get("orders") or ("dmy",):
            if o not in orders_seen:
                orders_seen.add(o)
                orders.append(o)
        flags.update(f for f in FLAGS if data.get(f))
        if data is datas[0]:
            numeric_order = data.get("numeric_order", "dmy")
    case_forms = {norm(w): w for w in words["case_sensitive"]}
    return Lexicon(
        words={k: tuple(v) for k, v in words.items()},
        maps=maps,
        relative=relative,
        part_patterns={k: tuple(v) for k, v in parts.items()},
        ago_patterns={k: tuple(v) for k, v in ago.items()},
        patterns={k: tuple(v) for k, v in patterns.items()},
        raw_forms={k: tuple(v) for k, v in raw_forms.items()},
        raw_relative=tuple(raw_relative),
        numeric_order=numeric_order,
        orders=tuple(orders),
        flags=frozenset(flags),
        case_forms=case_forms,
    )


@cache
def list_joiners(language: str | None) -> frozenset[str]:
    """The words that join listed items ("2006, 2012 and 2018"), normalised, with "" for a bare
    comma: the language's `list_joiners`, every language's when it lists none."""
    words = lexicon(language).word_sets.get("list_joiners") or lexicon(None).word_sets.get(
        "list_joiners", frozenset())
    return frozenset({"", *words})


@cache
def lexicon(language: str | None) -> Lexicon:
    """The time lexicon of `language` ("vi", or "vi+en" for a page in two languages); the union
    of all languages for None or a code without data."""
    codes = language.split("+") if language else []
    datas = [d for d in (lang.load(c, RESOURCE) for c in codes) if d is not None]
    if datas:
        return _merge(datas)
    every = lang.load_all(RESOURCE)
    return _merge([every[k] for k in sorted(every)])

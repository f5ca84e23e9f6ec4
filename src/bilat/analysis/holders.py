"""Office holders as world knowledge: heads of state and government, foreign ministers and heads
of parliament since 2000 (`data/office_holders/*.yaml`), so that a leader named without a title
still stands for a state ("Erdoğan and Mitsotakis signed", "Lula recebeu Meloni").

    >>> lookup("Putin", "2010").office, lookup("Putin", "2010").state
    ('head_of_government', 'RU')
    >>> state_of("Tập Cận Bình")
    'CN'

Each entry is one term of one office: state, office, name, `from`, `to` (null while in office),
`variants` (other spellings, Vietnamese press forms, short forms safe to read anywhere: "Putin",
"Lula") and optionally `short` (surname-like forms read only in a document that names the person
in full; derived from the name when absent, none when empty).

`find_holders` reads a tokenised text: known names become person mentions with their state,
the title finder's people without a state get theirs, and short forms follow full mentions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from bilat.analysis import gazetteer as gz
from bilat.analysis.spans import Taken
from bilat.model import Mention

if TYPE_CHECKING:
    from bilat.analysis.people import TitleData

DATA = Path(__file__).resolve().parents[1] / "data" / "office_holders"
OFFICES = ("head_of_state", "head_of_government", "party_leader", "foreign_minister",
           "head_of_parliament", "secretary_general")
_FAR = dt.date(9999, 12, 31).toordinal()
# How the press shortens names: family name first (Xi, Moon, Kim), given name (Thai: Prayut,
# Thaksin), or not at all (Vietnamese, Khmer and Burmese names are repeated in full).
_FAMILY_FIRST = frozenset({"CN", "TW", "KP", "KR"})
_GIVEN_FIRST = frozenset({"TH"})
_NO_SHORT = frozenset({"VN", "KH", "MM"})
_SUFFIXES = frozenset({"jr", "sr", "i", "ii", "iii", "iv", "v", "vi", "ix", "x", "xiv", "xvi"})
# Given names and name parts shared across the Arab world: never a surname on their own.
_NOT_SHORT = frozenset({"mohammed", "mohamed", "muhammad", "mohammad", "mohamad", "ali", "ahmed",
                        "ahmad", "hassan", "hussein", "ibrahim", "abdullah", "abdulla", "saud",
                        "thani", "nahyan", "maktoum", "sabah", "khalifa", "said"})
# Lower-case parts of names ("Lula da Silva", "bin Salman", "al-Sisi", "Correia e Silva").
_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la",
                        "le", "van", "von", "der", "den", "ten", "ter", "bin", "binti", "bint",
                        "ibn", "al", "el", "as", "e", "y", "wa", "arap", "zu", "vel"})
_GLUE = frozenset({"-", "'"})
# Leaders are named long after their terms ("Obama", "Merkel"); a minister's or a speaker's
# full name, read without a title, counts only near their term: "Jan Petersen" or "Stephen
# Smith" in a 2024 story is most likely someone else.
_LEADERS = frozenset({"head_of_state", "head_of_government", "party_leader",
                      "secretary_general"})
_NEAR_TERM = 730  # days


@dataclass(frozen=True)
class Holding:
    """One term of one office."""

    state: str
    office: str
    name: str
    start: str  # YYYY, YYYY-MM or YYYY-MM-DD
    end: str | None  # None: in office
    variants: tuple[str, ...] = ()
    short: tuple[str, ...] | None = None  # None: derived from the name

    @cached_property
    def span(self) -> tuple[int, int]:
        """First and last day of the term, as ordinals."""
        lo = _interval(self.start)
        hi = _interval(self.end) if self.end else None
        return (lo[0] if lo else 0), (hi[1] if hi else _FAR)


def _interval(value: object) -> tuple[int, int] | None:
    """First and last day (ordinals) of YYYY, YYYY-MM, YYYY-MM-DD, an int year or a date."""
    if isinstance(value, dt.date):
        return value.toordinal(), value.toordinal()
    text = str(value).strip()[:10]
    try:
        if len(text) == 4:
            y = int(text)
            return dt.date(y, 1, 1).toordinal(), dt.date(y, 12, 31).toordinal()
        if len(text) == 7:
            first = dt.date(int(text[:4]), int(text[5:7]), 1)
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first.toordinal(), nxt.toordinal() - 1
        day = dt.date.fromisoformat(text).toordinal()
        return day, day
    except ValueError:
        return None


def load(path: Path) -> list[Holding]:
    """The holdings of one data file."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: six times faster
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    out = []
    for row in data.get("holders") or []:
        end = row.get("to")
        short = row.get("short")
        out.append(Holding(str(row["state"]), str(row["office"]), _nfc(row["name"]),
                           str(row["from"]), None if end is None else str(end),
                           tuple(_nfc(v) for v in row.get("variants") or ()),
                           None if short is None else tuple(_nfc(s) for s in short)))
    return out


def _nfc(value: object) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", str(value))


@cache
def holdings() -> tuple[Holding, ...]:
    """Every holding of every data file."""
    return tuple(h for path in sorted(DATA.glob("*.yaml")) for h in load(path))


def _key(name: str) -> str:
    from bilat.analysis.people import person_key

    return person_key(name)


def _forms(form: str) -> set[str]:
    """A written form and its spellings without hyphens or dots ("Pu-tin" -> "Pu tin",
    "Putin"; "S. Jaishankar" -> "S Jaishankar")."""
    out = {form}
    if "-" in form:
        out |= {form.replace("-", " "), form.replace("-", "")}
    if "." in form:
        out |= {f.replace(".", " ").replace("  ", " ").strip() for f in set(out)}
    return out


def _shorts(h: Holding) -> tuple[str, ...]:
    """The forms a document may shorten the name to, once it has named the person in full."""
    if h.short is not None:
        return h.short
    words = [w for w in h.name.split() if gz.lowfold(w).strip(".") not in _SUFFIXES]
    if len(words) < 2 or h.state in _NO_SHORT:
        return ()
    word = words[0] if h.state in _FAMILY_FIRST | _GIVEN_FIRST else words[-1]
    out = [word]
    head, sep, tail = word.partition("-")
    if sep and head.casefold() in _PARTICLES:
        out.append(tail)  # "al-Maliki" -> "Maliki"
    return tuple(w for w in out if gz.lowfold(w) not in _NOT_SHORT
                 and (len(w) >= 3 or h.state in _FAMILY_FIRST))


@dataclass
class Index:
    """Lookups built once from the data."""

    exact: dict[str, list[Holding]] = field(default_factory=dict)  # person key of a form
    short: dict[str, list[Holding]] = field(default_factory=dict)
    terms: dict[str, list[Holding]] = field(default_factory=dict)  # person (name key) -> terms
    free: gz.PhraseTable = field(default_factory=gz.PhraseTable)  # tokens -> person keys
    anchored: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)  # person -> tokens


@cache
def index() -> Index:
    idx = Index()
    free: dict[tuple[str, ...], set[str]] = {}
    for h in holdings():
        person = _key(h.name)
        idx.terms.setdefault(person, []).append(h)
        for form in (h.name, *h.variants):
            idx.exact.setdefault(_key(form), []).append(h)
        for form in _shorts(h):
            idx.short.setdefault(_key(form), []).append(h)
        # read anywhere: full names and listed variants; a one-word name ("Philippe",
        # "Beatrix") only with its title, or where the document names the person in full
        lone = [form for form in (h.name, *h.variants) if len(form.split()) == 1]
        for form in (h.name, *h.variants):
            if len(form.split()) > 1 or form in h.variants:
                for key in (k for f in _forms(form) for k in gz.keys(f)):
                    free.setdefault(key, set()).add(person)
        idx.anchored.setdefault(person, set()).update(
            k for form in (*_shorts(h), *lone) for f in _forms(form) for k in gz.keys(f))
    for key, people in free.items():
        idx.free.add(key, frozenset(people))
    return idx


def _resolve(terms: list[Holding], when: object = None) -> Holding | None:
    """The term that `when` falls in, when only one state's terms do; with no date (or none
    covering it) the latest term, when all are one state's."""
    span = _interval(when) if when is not None else None
    if span is not None:
        covering = []
        for h in terms:
            lo, hi = h.span
            overlap = min(hi, span[1]) - max(lo, span[0])
            if overlap >= 0:
                covering.append((overlap, -OFFICES.index(h.office), h))
        if covering:
            if len({h.state for _, _, h in covering}) > 1:
                return None
            return max(covering, key=lambda c: c[:2])[2]
    if not terms or len({h.state for h in terms}) > 1:
        return None
    return max(terms, key=lambda h: h.span[0])


def _plausible(terms: list[Holding], when: object) -> bool:
    """A name read without a title is this person's: a leader's, or one near a term."""
    span = _interval(when) if when is not None else None
    return span is None or any(h.office in _LEADERS for h in terms) or any(
        h.span[0] - _NEAR_TERM <= span[1] and h.span[1] + _NEAR_TERM >= span[0] for h in terms)


def lookup(name: str, when: object = None) -> Holding | None:
    """The office a person held, by name as written (with or without diacritics; a full name,
    a listed variant, or a surname that is distinctive among holders) and optionally a date
    (YYYY, YYYY-MM, YYYY-MM-DD, an int year or a date): the term covering the date, else the
    latest term. None when unknown or when holders of different states share the name."""
    idx = index()
    key = _key(name)
    exact, short = idx.exact.get(key, []), idx.short.get(key, [])
    if when is not None and _interval(when) is not None:
        span = _interval(when)
        both = [h for h in exact + short if h.span[0] <= span[1] and h.span[1] >= span[0]]
        if both:
            return _resolve(both, when)
    return _resolve(exact) or (None if exact else _resolve(short))


def state_of(name: str, when: object = None) -> str | None:
    """The state (or organisation) of the office `name` held at `when`; see `lookup`."""
    h = lookup(name, when)
    return h.state if h else None


class _Scan:
    """Known office holders in one tokenised text (see find_holders)."""

    def __init__(self, text: str, toks: gz.Tokens, blocked: set[int], titles: dict,
                 td: TitleData):
        self.text, self.toks, self.blocked, self.td = text, toks, blocked, td
        self.title_ends = {e for e, _ in titles.values()}
        self.titles = titles
        self.n = len(toks.words)

    def glued(self, i: int, j: int) -> bool:
        """Tokens [i, j) are part of a longer word: "Xi'an", "Abe-Kuniaki"."""
        w, s, e = self.toks.words, self.toks.starts, self.toks.ends
        if i > 0 and w[i - 1] in _GLUE and e[i - 1] == s[i] and not (
                w[i - 1] == "'" and i > 1 and e[i - 2] == s[i - 1]
                and w[i - 2].islower() and len(w[i - 2]) <= 4):
            return True  # but an elided article: "d'Erdoğan", "dell'Eliseo", "qu'Orbán"
        return j + 1 < self.n and w[j] in _GLUE and s[j] == e[j - 1] and s[j + 1] == e[j] \
            and w[j + 1][:1].isalpha() and self.toks.low[j + 1] != "s"

    def cased(self, start: int, end: int, single: bool) -> bool:
        """Every word of the name capitalised, but for particles ("da Silva", "al-Sisi")."""
        for chunk in self.text[start:end].split():
            head = chunk.split("-")[0].split("'")[0].casefold()
            if not chunk[:1].isupper() and (single or head not in _PARTICLES):
                return False
        return True

    def is_name(self, k: int) -> bool:
        """A capitalised word that could be part of someone's name."""
        w = self.toks.words[k]
        return w[:1].isupper() and w[:1].isalpha() and w not in self.td.not_names

    def name_word(self, k: int) -> bool:
        w = self.toks.words[k]
        return w[:1].isupper() and w[:1].isalpha() and w not in self.td.not_names \
            and k not in self.blocked and k not in self.titles

    def spaced(self, a: int, b: int) -> bool:
        gap = self.text[self.toks.ends[a]:self.toks.starts[b]]
        return bool(gap) and gap.isspace() and "\n" not in gap

    def lone_ok(self, i: int, j: int) -> bool:
        """A one-word name stands alone: not inside a longer run of names ("Hunter Biden",
        "Trump Tower") and not where a state or title was read."""
        if any(k in self.blocked for k in range(i, j)) or not self.is_name(i):
            return False  # a state ("Montenegro"), a month ("May")
        p = i - 1
        if p >= 0 and self.spaced(p, i) and self.name_word(p) and p + 1 not in self.title_ends \
                and self.td.honorifics.longest(self.toks.low, p) is None:
            return False
        return not (self.td.single_word_names and j < self.n and self.spaced(j - 1, j)
                    and self.name_word(j))

    def scan(self, table: gz.PhraseTable, taken: Taken, lone_only: bool = False):
        """(start token, end token, value) of the table's names that pass the checks."""
        i = 0
        while i < self.n:
            hit = table.longest(self.toks.low, i)
            if not hit:
                i += 1
                continue
            k, value = hit
            j = i + k
            start, end = self.toks.starts[i], self.toks.ends[j - 1]
            single = not any(c.isspace() for c in self.text[start:end])
            if taken.overlaps(start, end) or self.glued(i, j) or \
                    not self.cased(start, end, single) or ((single or lone_only)
                                                           and not self.lone_ok(i, j)):
                i += 1
                continue
            yield i, j, value
            i = j


def find_holders(text: str, toks: gz.Tokens, people: list[Mention], blocked: set[int],
                 titles: dict, td: TitleData, when: object = None) -> list[Mention]:
    """`people` (found with titles) plus every known office holder named in `text`.

    People without a state take their office's; a known name becomes a person mention with
    its state (the holder whose term covers `when`, the document's date); a short form
    ("Erdoğan", "Lula", a surname) counts where it is listed as safe or where the document
    names the person in full. `blocked`: token indexes of states, titles and bodies."""
    idx = index()
    scan = _Scan(text, toks, blocked, titles, td)
    out = []
    written: dict[str, str] = {}  # person -> the full name as first written
    state: dict[str, str] = {}
    for p in people:
        name = p.name or p.text
        # "King Philippe", "Pope Francis": the title settles a name shared by two holders
        h = (lookup(f"{p.title} {name}", when) if p.title else None) or lookup(name, when)
        if p.code is None and h is not None:
            p = replace(p, code=h.state)
        person = _key(h.name) if h is not None else None
        if person and len(name.split()) > 1 and p.code == h.state:
            written.setdefault(person, name)
            state.setdefault(person, h.state)
        out.append(p)
    taken = Taken((p.start, p.end) for p in people)
    found: list[tuple[int, int, str, str]] = []
    for i, j, persons in scan.scan(idx.free, taken):
        terms = [h for person in persons for h in idx.terms[person]]
        h = _resolve(terms, when)
        if h is None or not _plausible(idx.terms[_key(h.name)], when):
            continue
        person = _key(h.name)
        start, end = toks.starts[i], toks.ends[j - 1]
        if " " in text[start:end].strip():
            written.setdefault(person, text[start:end])
        state.setdefault(person, h.state)
        taken.add(start, end)
        found.append((start, end, person, h.state))
    if state:
        table = gz.PhraseTable()
        owners: dict[tuple[str, ...], dict[str, str]] = {}
        for person, code in state.items():
            for key in idx.anchored.get(person, ()):
                owners.setdefault(key, {}).setdefault(code, person)
        for key, by_state in owners.items():
            if len(by_state) == 1:  # "Rasmussen" of one state; not "Wong" of two
                table.add(key, next(iter(by_state.values())))
        for i, j, person in scan.scan(table, taken, lone_only=True):
            start, end = toks.starts[i], toks.ends[j - 1]
            taken.add(start, end)
            found.append((start, end, person, state[person]))
    for start, end, person, code in found:
        out.append(Mention(start, end, text[start:end], "person", code,
                           written.get(person, text[start:end]), None))
    return sorted(out, key=lambda m: m.start)

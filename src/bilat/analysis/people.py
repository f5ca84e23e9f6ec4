"""People named with a title of office: "Thủ tướng Campuchia Hun Manet", "Stephanie D'Hose,
President of the Belgian Senate,"; and office holders named without one (holders.py).

Titles, honorifics, name particles and the small words allowed between a title and a name are
data (`lang/<code>/titles.yaml`). A name is a run of capitalised words (particles such as "van",
"bin", "de la" inside it), stopped by punctuation, a lower-case word or a state's name.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from bilat import lang
from bilat.analysis import gazetteer as gz
from bilat.analysis.spans import Taken, overlapping
from bilat.model import Mention

if TYPE_CHECKING:
    from bilat.analysis.entities import Cand

_MAX_NAME = 8
_MAX_BRIDGE = 16
_STATE_KINDS = ("country", "demonym", "government", "capital", "place")
_STOPS = frozenset({".", "!", "?", ";", ":", '"', "|", "“", "”"})  # no title-comma-name across


@dataclass
class TitleData:
    titles: gz.PhraseTable
    honorifics: gz.PhraseTable
    particles: frozenset[str]
    joiners: frozenset[str]
    bridge: frozenset[str]
    posting: frozenset[str]
    not_names: frozenset[str]
    portfolios: gz.PhraseTable = field(default_factory=gz.PhraseTable)
    single_word_names: bool = True
    not_name_endings: tuple[str, ...] = ()


@cache
def title_data(language: str | None) -> TitleData:
    codes = [c for c in lang.languages() if c != gz.SHARED] if language is None else [language]
    td = TitleData(gz.PhraseTable(), gz.PhraseTable(), frozenset(), frozenset(), frozenset(),
                   frozenset(), frozenset())
    sets: dict[str, set[str]] = {k: set() for k in ("particles", "joiners", "bridge", "posting")}
    not_names: set[str] = set()
    for code in codes:
        data = lang.load(code, "titles") or {}
        rules = [(tuple(r["ends"]), bool(r.get("strip", True)), tuple(r["forms"]))
                 for r in data.get("inflection", [])]
        for title in data.get("titles", []):
            for form in gz.forms(title, rules):
                for key in gz.keys(form):
                    td.titles.add(key, title)
        for folio in data.get("portfolios", []):
            for key in gz.keys(folio):
                td.portfolios.add(key, folio)
        for hon in data.get("honorifics", []):
            for key in gz.keys(hon):
                td.honorifics.add(key, hon)
        for key, bucket in sets.items():
            bucket.update(gz.word_keys(data.get(key, [])))
        not_names.update(data.get("not_names", []))  # as written: "Phủ" must not stop "Phú"
        # German capitalises nouns: its data turns one-word names off and names noun endings.
        td.single_word_names = td.single_word_names and data.get("single_word_names", True)
        td.not_name_endings += tuple(data.get("not_name_endings", []))
    for key, bucket in sets.items():
        setattr(td, key, frozenset(bucket))
    td.not_names = frozenset(not_names)
    return td


def scan_phrases(toks: gz.Tokens, table: gz.PhraseTable) -> dict[int, tuple[int, str]]:
    """start token -> (end token, phrase) for the longest phrases of `table`, left to right."""
    found: dict[int, tuple[int, str]] = {}
    i = 0
    while i < len(toks.low):
        hit = table.longest(toks.low, i)
        if hit:
            found[i] = (i + hit[0], str(hit[1]))
            i += hit[0]
        else:
            i += 1
    return found


def scan_titles(toks: gz.Tokens, language: str | None) -> dict[int, tuple[int, str]]:
    """start token -> (end token, title) for the longest titles, left to right. A one-word
    title right after a number is a clock's marker, not an office: "1:04 PM"."""
    found = scan_phrases(toks, title_data(language).titles)
    return {i: v for i, v in found.items()
            if not (v[0] == i + 1 and i > 0 and toks.words[i - 1].isdigit())}


def person_key(name: str) -> str:
    """One key for a name with or without diacritics, in any case, with either đ spelling."""
    return " ".join(gz.lowfold(w) for w in gz.split(name) if w not in {"-", "'", "."})


class _Finder:
    """Finds people in one tokenised text."""

    def __init__(self, text, toks, cands, titles, bodies, language):
        self.text, self.toks, self.titles, self.bodies = text, toks, titles, bodies
        self.td = title_data(language)
        self.by_start = {c.s: c for c in cands}
        self.by_end = {c.e: c for c in cands}
        self.covering = {i: c for c in cands for i in range(c.s, c.e)}
        self.n = len(toks.words)
        self.portfolios = {s: e for s, (e, _) in scan_phrases(toks, self.td.portfolios).items()}

    def adjacent(self, i: int, j: int) -> bool:
        return self.toks.ends[i] == self.toks.starts[j]

    def name_word(self, i: int) -> bool:
        w = self.toks.words[i]
        if not (w[:1].isalpha() and w[:1].isupper()) or w in self.td.not_names:
            return False
        if self.td.not_name_endings and w.endswith(self.td.not_name_endings):
            return False
        cand = self.by_start.get(i)
        return (cand is None or cand.kind == "block") and i not in self.titles \
            and i not in self.bodies

    def name_at(self, i: int, honorifics: bool = True) -> tuple[int, int] | None:
        """A name starting at token i (honorifics skipped): (start, end) tokens."""
        hon = self.td.honorifics.longest(self.toks.low, i) if i < self.n and honorifics else None
        while hon:
            i += hon[0]
            hon = self.td.honorifics.longest(self.toks.low, i) if i < self.n else None
        if i >= self.n or not self.name_word(i):
            return None
        j, words = i + 1, 1
        while j < self.n and words < _MAX_NAME:
            w, low = self.toks.words[j], self.toks.low[j]
            if "\n" in self.text[self.toks.ends[j - 1]:self.toks.starts[j]]:
                break  # a name never runs across lines
            if self.name_word(j):
                j, words = j + 1, words + 1
            elif w in ("-", "'") and j + 1 < self.n and self.adjacent(j - 1, j) \
                    and self.adjacent(j, j + 1) and self.toks.words[j + 1][:1].isalpha() \
                    and (w == "-" or self.toks.words[j + 1][:1].isupper()):
                j += 2  # "Chan-o-cha", "D'Hose"; not "Manet's"
            elif w == "." and self.adjacent(j - 1, j) and (
                    len(self.toks.words[j - 1]) == 1 or self.toks.low[j - 1] in ("jr", "sr")):
                j += 1  # "Marcos Jr.", "Ferdinand R. Marcos"
            elif low in self.td.particles and j + 1 < self.n:
                k = j
                while k < self.n and self.toks.low[k] in self.td.particles:
                    k += 1
                if k < self.n and self.name_word(k):
                    j = k  # "van den Bossche", "bin Zayed", "de la Fuente"
                else:
                    break
            else:
                break
        if not self.td.single_word_names and j - i < 2:
            return None
        return i, j

    def name_before(self, k: int) -> tuple[int, int] | None:
        """A name ending just before token k."""
        i = k
        while i > 0 and k - i < _MAX_NAME * 2:
            w = self.toks.words[i - 1]
            if self.name_word(i - 1) or (
                    w in ("-", "'", ".") and i >= 2 and self.adjacent(i - 2, i - 1)) or (
                    self.toks.low[i - 1] in self.td.particles and i < k):
                i -= 1
            else:
                break
        while i < k and not self.name_word(i):
            i += 1
        return (i, k) if i < k and self.name_at(i) == (i, k) else None

    def bracketed(self, end: int) -> tuple[int, int] | None:
        """'Dirk Aton (Dirk Achten)': the name in brackets right after a name."""
        if end < self.n and self.toks.words[end] == "(":
            inner = self.name_at(end + 1)
            if inner and inner[1] - inner[0] >= 2 and inner[1] < self.n \
                    and self.toks.words[inner[1]] == ")":
                return inner
        return None

    def code_before(self, ts: int) -> str | None:
        """The state named right before a title: "Belgian Prime Minister", "Mexico's president"."""
        cand = self.by_end.get(ts)
        if cand is None and ts >= 2 and self.toks.words[ts - 2] == "'" \
                and self.toks.low[ts - 1] == "s":
            cand = self.by_end.get(ts - 2)
        return cand.code if cand is not None and cand.kind in _STATE_KINDS else None

    def state_at(self, j: int) -> Cand | None:
        """The state-like mention covering token j ("nước Cộng hòa Cuba" may start in a title)."""
        cand = self.covering.get(j)
        return cand if cand is not None and cand.kind in _STATE_KINDS + ("org",) else None

    def after_title(self, ts: int, te: int) -> tuple[int, int, str | None]:
        """Walk over joined titles and the bridge after a title: (title end, next token, code)."""
        j, code, posting, title_end = te, None, False, te
        while j < self.n and j - te < _MAX_BRIDGE:
            low = self.toks.low[j]
            cand = self.state_at(j)
            if cand is not None:
                if code is None and not posting and cand.kind != "org":
                    code = cand.code
                if cand.kind == "government" and not posting:
                    title_end = cand.e
                j = cand.e
            elif j in self.titles:
                j = title_end = self.titles[j][0]
            elif j in self.bodies:
                j = title_end = self.bodies[j][0]
            elif j in self.portfolios:
                j = title_end = self.portfolios[j]
            elif low in self.td.joiners and (j + 1 in self.titles or j + 1 in self.bodies
                                             or j + 1 in self.portfolios):
                j += 1
            elif low in self.td.posting:
                posting, j = True, j + 1
            elif low in self.td.bridge or low == ",":
                j += 1
            elif self.toks.words[j] == "(" and j + 2 < self.n and self.toks.words[j + 2] == ")":
                j += 3  # "the United Arab Emirates (UAE) Sheikh ..."
            else:
                # An office's own name before its state: "Hội đồng Cơ mật Thái Lan", "National
                # Legislative Assembly of Thailand".
                run = self.name_at(j, honorifics=False)
                k = run[1] if run else j
                while k < self.n and self.toks.low[k] in self.td.bridge:
                    k += 1
                if run is None or self.state_at(k) is None:
                    break
                j = title_end = k
        return title_end, j, code

    def gap_name(self, j: int, code: str | None, to_state: bool) -> tuple:
        """A name after a few more words: up to a comma ("..., Amadou Ba") or, in `to_state`
        mode, up to a state ("Bộ trưởng ... Italy" + a name, the title several words long)."""
        for k in range(j, min(j + 8, self.n - 1)):
            if self.toks.words[k] in _STOPS or (k > j and k in self.titles):
                break
            cand = self.state_at(k)
            if to_state and cand is not None and cand.kind in _STATE_KINDS:
                title_end, after, code2 = self.after_title(k, k)
                name = self.name_at(after)
                return (name, max(title_end, k), code or code2) if name else (None, j, code)
            if code is None and cand is not None and cand.kind in _STATE_KINDS:
                code = cand.code
            if self.toks.words[k] == "," and not to_state:
                return self.name_at(k + 1), j, code
        return None, j, code

    def from_title(self, ts: int, te: int) -> tuple[tuple[int, int], int, str | None] | None:
        title_end, j, code = self.after_title(ts, te)
        name = self.name_at(j)
        after_prep = j > te and self.toks.low[j - 1] in self.td.bridge \
            and self.toks.words[j - 1] not in (",", "'")
        if name is None or after_prep:
            # "le ministre mauritanien du Développement rural, Dey Ould Zein": a capitalised
            # run after "du" is the office's name; the person follows the comma.
            comma, _, code2 = self.gap_name(j, code, to_state=False)
            name, code = comma, code2
        lone = name is not None and name[1] - name[0] == 1 and name[1] < self.n \
            and self.toks.words[name[1]][:1].islower()
        if name is None or lone:
            # "Chủ tịch Hội đồng Cơ mật Thái Lan" + a name: "Hội" is no name.
            gap, gap_end, gap_code = self.gap_name(j, code, to_state=True)
            if gap is not None:
                name, title_end, code = gap, gap_end, gap_code
        if name is None:
            return None
        code = self.code_before(ts) or code
        return name, title_end, code

    def apposition(self, ts: int, te: int) -> tuple[tuple[int, int], int, str | None] | None:
        """'Justin Trudeau, the Prime Minister of Canada': name, comma, title."""
        k = ts
        code = self.code_before(ts)
        while k > 0 and self.toks.low[k - 1] in self.td.bridge:
            k -= 1  # "Mexico's incoming Secretary": the words between state and title
        cand = self.by_end.get(k)
        if cand is not None and cand.kind in _STATE_KINDS:
            k = cand.s
            code = code or cand.code
        elif k >= 2 and self.toks.words[k - 2] == "'" and self.by_end.get(k - 2):
            k = self.by_end[k - 2].s
        while k > 0 and self.toks.low[k - 1] in self.td.bridge:
            k -= 1
        if k < 2 or self.toks.words[k - 1] != ",":
            return None
        name = self.name_before(k - 1)
        if name is None:
            return None
        title_end, _, after_code = self.after_title(ts, te)
        return name, title_end, code or after_code

    def run(self) -> list[Mention]:
        found: dict[tuple[int, int], Mention] = {}
        spans: list[tuple[int, int]] = []  # found's keys, sorted: disjoint, so bisectable
        for ts, (te, _) in sorted(self.titles.items()):
            hit = self.from_title(ts, te) or self.apposition(ts, te)
            if hit is None:
                continue
            (ns, ne), title_end, code = hit
            inner = self.bracketed(ne)
            if inner:
                ns, ne = inner
            run = overlapping(spans, ns, ne)
            clash = spans[run.start:run.stop]
            if any(k[1] - k[0] <= ne - ns for k in clash):
                continue  # the shorter of two overlapping names is the cleaner one
            for k in clash:
                del found[k]
            del spans[run.start:run.stop]
            insort(spans, (ns, ne))
            start, end = self.toks.starts[ns], self.toks.ends[ne - 1]
            title = self.text[self.toks.starts[ts]:self.toks.ends[title_end - 1]]
            name = self.text[start:end]
            found[(ns, ne)] = Mention(start, end, name, "person", code, name, title)
        return self.repeats(list(found.values()))

    def repeats(self, people: list[Mention]) -> list[Mention]:
        """Later mentions of a full name found with a title; one canonical spelling per person."""
        best: dict[str, str] = {}
        for p in people:
            key = person_key(p.name or "")
            if sum(not c.isascii() for c in p.name or "") > sum(
                    not c.isascii() for c in best.get(key, "")):
                best[key] = p.name or ""
            best.setdefault(key, p.name or "")
        table = gz.PhraseTable()
        for p in people:
            if len(gz.split(p.text)) >= 2:
                for key in gz.keys(p.text):
                    table.add(key, p)
        covered = Taken((p.start, p.end) for p in people)
        out = list(people)
        i = 0
        while i < self.n:
            hit = table.longest(self.toks.low, i)
            if not hit:
                i += 1
                continue
            k, p = hit
            start, end = self.toks.starts[i], self.toks.ends[i + k - 1]
            if not covered.overlaps(start, end) and (
                    i + k >= self.n or not self.name_word(i + k)):
                out.append(Mention(start, end, self.text[start:end], "person", p.code,
                                   p.name, None))
            i += k
        return sorted((Mention(m.start, m.end, m.text, m.kind, m.code,
                               best.get(person_key(m.name or ""), m.name), m.title)
                       for m in out), key=lambda m: m.start)


def find_people(text: str, toks: gz.Tokens, cands: list[Cand], titles: dict, bodies: dict,
                language: str | None, when: object = None) -> list[Mention]:
    """People named with a title in `text` (tokens and entity candidates from entities.py),
    and known office holders named without one (analysis/holders.py); `when` (the document's
    date) picks the holder whose term covers it."""
    from bilat.analysis.holders import find_holders

    people = _Finder(text, toks, cands, titles, bodies, language).run()
    blocked = {i for c in cands if c.kind != "block" for i in range(c.s, c.e)}
    blocked.update(i for s, (e, _) in bodies.items() for i in range(s, e))
    return find_holders(text, toks, people, blocked, titles, title_data(language), when)

"""Mentions of states, organisations, capitals, government bodies, demonyms and people.

    >>> [(m.kind, m.code) for m in find_mentions("Thủ tướng Campuchia Hun Manet thăm Hà Nội", "vi")]
    [('country', 'KH'), ('person', 'KH'), ('capital', 'VN')]

Steps, all over one token list: look up names in the language's phrase tables (longest first),
compose larger mentions from patterns in the data ("{body} of {country}" -> government,
"phía {country}" -> demonym), keep weak names only in strong contexts, then find people around
titles of office (analysis/people.py).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from bilat.analysis import gazetteer as gz
from bilat.analysis.gazetteer import country_name, resolve_country  # noqa: F401  (public API)
from bilat.analysis.people import find_people, person_key  # noqa: F401  (public API)
from bilat.analysis.spans import Taken, overlapping
from bilat.model import Mention

_SENTENCE_END = {".", "!", "?", ":", ";", "(", '"', "«", "»", "“", "”", "[", "|"}


@dataclass
class Cand:
    """A name found in the token list: tokens [s, e)."""

    s: int
    e: int
    kind: str
    code: str | None
    weak: bool = False
    folded_only: bool = False


def _scan_names(toks: gz.Tokens, lex: gz.Lexicon) -> list[Cand]:
    """Longest names left to right; the folded table serves text that lost its diacritics."""
    words, low = toks.words, toks.low
    folded = tuple(gz.fold(w) for w in words)
    # Keys: first token as written (or folded), the rest casefolded (or lowfolded).
    out: list[Cand] = []
    i, n = 0, len(words)
    while i < n:
        best = None
        for table, seq in ((lex.exact, words), (lex.folded, folded)):
            first = seq[i]
            limit = table.first.get(first)
            if not limit:
                continue
            for k in range(min(limit, n - i), 0, -1):
                entry = table.table.get((first,) + low[i + 1:i + k])
                if entry is None:
                    continue
                if entry.folded_only and entry.weak and any(
                    gz.fold(w) != w for w in words[i:i + k]
                ):
                    continue  # "Bí" (in "Bí thư") is not "Bỉ"
                if best is None or k > best[0]:
                    best = (k, entry)
                break
        if best is None:
            i += 1
            continue
        k, entry = best
        out.append(Cand(i, i + k, entry.kind, entry.code, entry.weak, entry.folded_only))
        i += k
    return out


def _scan_table(low: tuple[str, ...], table: gz.PhraseTable) -> dict[int, tuple[int, object]]:
    """start -> (end, value) for the longest phrases of `table`, left to right."""
    found: dict[int, tuple[int, object]] = {}
    i = 0
    while i < len(low):
        hit = table.longest(low, i)
        if hit:
            found[i] = (i + hit[0], hit[1])
            i += hit[0]
        else:
            i += 1
    return found


def _match(items, i: int, low, by_start: dict[int, Cand], bodies) -> tuple[int, Cand | None,
                                                                          Cand | None] | None:
    """Match a pattern's items from token i: (end, country cand, demonym-ish cand)."""
    country = other = None
    for kind, value in items:
        if kind == "lit":
            if i >= len(low) or low[i] not in value:
                return None
            i += 1
        elif value == "body":
            if i not in bodies:
                return None
            i = bodies[i][0]
        else:
            cand = by_start.get(i)
            if cand is None or cand.kind not in gz.SLOT_KINDS.get(value, (value,)):
                return None
            if value == "country":
                country = cand
            elif other is None:
                other = cand
            i = cand.e
    return i, country, other


def _compose(cands: list[Cand], low, lex: gz.Lexicon, bodies) -> list[Cand]:
    """Apply the language's patterns (twice, so composed mentions can fill slots)."""
    for _ in range(2):
        by_start = {c.s: c for c in cands}
        starts = sorted(set(by_start) | set(bodies)
                        | {i for i, w in enumerate(low) if w in lex.first_literals})
        made: list[Cand] = []
        taken_until = -1
        for i in starts:
            if i < taken_until:
                continue
            opening = lex.by_first.get(low[i], [])
            if i in by_start:
                opening = opening + lex.by_first.get("#" + by_start[i].kind, [])
            if i in bodies:
                opening = opening + lex.by_first.get("@body", [])
            for kind, items in sorted(opening, key=lambda kp: -len(kp[1])):
                hit = _match(items, i, low, by_start, bodies)
                if not hit or hit[0] - i < 2:
                    continue
                end, country, other = hit
                src = country or other
                if src is None or src.kind == "block":
                    continue
                made.append(Cand(i, end, kind, src.code))
                taken_until = end
                break
        if not made:
            break
        cands = _replace(cands, made)
    return cands


def _replace(cands: list[Cand], made: list[Cand]) -> list[Cand]:
    # `made` is sorted and disjoint: only the last one starting at or before c can hold it
    starts = [m.s for m in made]

    def inside(c: Cand) -> bool:
        k = bisect_right(starts, c.s) - 1
        return k >= 0 and c.e <= made[k].e

    keep = [c for c in cands if not inside(c)]
    return sorted(keep + made, key=lambda c: c.s)


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha()


def _sentence_start(toks: gz.Tokens, text: str, i: int) -> bool:
    if i == 0:
        return True
    prev = toks.words[i - 1]
    return prev in _SENTENCE_END or "\n" in text[toks.ends[i - 1]:toks.starts[i]]


def _weak_ok(c: Cand, cands_by_end, cands_by_start, ends_title, toks, text, lex,
             starts_title=frozenset()) -> bool:
    """A weak name ("Anh", "Jordan", folded "Bi") stands for its state only in a strong context."""
    words, low = toks.words, toks.low
    p, q = c.s - 1, c.e
    if c.kind == "demonym" and q in starts_title:
        return True  # "Lao President Thongloun Sisoulith": a demonym before an office
    after_title = c.s in ends_title
    prev_strong = p >= 0 and (low[p] in lex.weak_ok_before or after_title)
    prev_name = (p >= 0 and _is_name_word(words[p]) and not after_title
                 and p not in cands_by_end and not _sentence_start(toks, text, p))
    if prev_name:
        return False  # "Nguyễn Thúy Anh", "Michael Jordan"
    # "Anh và Việt Nam"; across a hyphen even two weak names hold ("Việt - Anh").
    left = cands_by_end.get(p - 1) if p >= 1 and low[p] in lex.coordinators else None
    right = cands_by_start.get(q + 1) if q + 1 < len(words) and low[q] in lex.coordinators \
        else None
    strong_neighbour = (_strong(left) or _strong(right)
                        or (left is not None and low[p] == "-" and left.kind != "block")
                        or (right is not None and low[q] == "-" and right.kind != "block"))
    if strong_neighbour:
        return True
    next_name = q < len(words) and _is_name_word(words[q]) and q not in cands_by_start
    if next_name and not after_title:
        return False  # "Jordan Henderson", "ông Đức Anh"
    return prev_strong


def _strong(c: Cand | None) -> bool:
    return c is not None and not c.weak and c.kind != "block"


def analyse(text: str, language: str | None) -> tuple[gz.Tokens, list[Cand], dict]:
    """Tokens, the entity candidates kept, and the titles found (start -> (end, title))."""
    from bilat.analysis.people import scan_titles

    lex = gz.lexicon(language)
    toks = gz.tokenize(text)
    cands = _scan_names(toks, lex)
    bodies = _scan_table(toks.low, lex.bodies)
    titles = scan_titles(toks, language)
    # A body inside a longer title is part of the title: "Senate President", "Chủ tịch Quốc hội".
    spans = sorted((ts, te) for ts, (te, _) in titles.items())  # disjoint: bisectable
    bodies = {s: v for s, v in bodies.items()
              if not any(spans[k][1] - spans[k][0] > v[0] - s
                         for k in overlapping(spans, s, v[0]))}
    cands = _compose(cands, toks.low, lex, bodies)
    by_end = {c.e - 1: c for c in cands}
    by_start = {c.s: c for c in cands}
    ends_title = {e for e, _ in titles.values()} | {e for e, _ in bodies.values()}
    kept = [c for c in cands
            if not c.weak or _weak_ok(c, by_end, by_start, ends_title, toks, text, lex,
                                      frozenset(titles))]
    return toks, kept, {"titles": titles, "bodies": bodies}


def find_mentions(text: str, language: str | None, when: object = None) -> list[Mention]:
    """Every state, organisation, capital, place, government, demonym and person in `text`.

    Sorted by start, non-overlapping. kinds: country | org | demonym | capital | place |
    government | person; `code` is the state (ISO 3166-1 alpha-2) or organisation they stand for.
    `when` (the document's date, YYYY[-MM[-DD]]) picks which holder of a name was in office.
    """
    toks, cands, found = analyse(text, language)
    people = find_people(text, toks, cands, found["titles"], found["bodies"], language, when)
    covered = Taken((p.start, p.end) for p in people)
    out = list(people)
    display = language or "en"
    for c in cands:
        if c.kind == "block":
            continue
        start, end = toks.starts[c.s], toks.ends[c.e - 1]
        if covered.overlaps(start, end):
            continue
        if text[end:end + 1] == "$":
            continue  # a currency, not a state: US$, NZ$, HK$, S$
        name = country_name(c.code, display) if c.code else None
        out.append(Mention(start, end, text[start:end], c.kind, c.code, name))
    if generic_language(language):
        out = _with_generic(out, text, language)
    out.sort(key=lambda m: m.start)
    return out


def generic_language(language: str | None) -> bool:
    """Whether `language` is one bilat has no folder for (a single ISO code): such text gets
    CLDR names (analysis/generic_names.py), dateparser dates and the nearest-neighbour
    decision (extract/generic.py) instead of word lists of its own."""
    from bilat import lang

    return bool(language) and language.isalpha() and language not in lang.languages()


def _with_generic(out: list[Mention], text: str, language: str) -> list[Mention]:
    from bilat.analysis.generic_names import NOT_STATES, find_generic_states

    # CLDR names the gazetteer read from the locale map a dependency's gloss to the
    # dependency ("(США)" -> UM); the generic names read them as the state they gloss
    out = [m for m in out if not (m.kind == "country" and m.code in NOT_STATES)]
    taken = Taken((m.start, m.end) for m in out)
    return out + [m for m in find_generic_states(text, language)
                  if not taken.overlaps(m.start, m.end)]

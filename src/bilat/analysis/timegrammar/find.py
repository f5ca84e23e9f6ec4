"""find_times: run every rule of a language over a text, keep the longest readings, join pairs."""

from __future__ import annotations

from functools import cache

from bilat import lang
from bilat.analysis.spans import Taken
from bilat.model import TimeExpr

from .build import BUILDERS, Cand, Ctx
from .calendar import parse_anchor
from .lexicon import RESOURCE, lexicon
from .rules import TOKEN, index, keys_of, token_key


@cache
def markers() -> dict[str, frozenset[str]]:
    """Per language, the words that show its time talk: months, weekdays, relative words."""
    out = {}
    for code in sorted(lang.load_all(RESOURCE)):
        keys = keys_of(lexicon(code), ("months", "weekdays", "relative"))
        out[code] = frozenset(k for k in keys if not k.startswith("#") and len(k) > 2)
    return out


def guess_languages(text: str) -> str | None:
    """For a text of unknown language: the languages whose time words it uses ("fr+vi"), so
    that only their rules run; None (every language) when it uses none."""
    tokens = {token_key(t) for t in TOKEN.findall(text)}
    scores = {code: len(tokens & words) for code, words in markers().items()}
    best = max(scores.values(), default=0)
    if best == 0:
        return None
    return "+".join(code for code, score in scores.items() if 3 * score >= best)


def candidates(text: str, language: str | None, anchor: str | None) -> list[Cand]:
    """Every reading of every rule that starts at a token able to open it."""
    day, precision = parse_anchor(anchor)
    ctx = Ctx(text, day, lexicon(language), precision)
    by_token = index(language)
    out: list[Cand] = []
    for tok in TOKEN.finditer(text):
        for rule in by_token.get(token_key(tok.group()), ()):
            m = rule.regex.match(text, tok.start())
            if m is None or m.end() == m.start():
                continue
            cand = BUILDERS[rule.builder](m, rule, ctx)
            if cand is not None:
                cand.rule = rule.name
                cand.order = rule.order
                out.append(cand)
    return out


def select(cands: list[Cand]) -> list[Cand]:
    """Non-overlapping candidates, longest first; on a tie a block, then the earlier rule."""
    taken: list[Cand] = []
    spans = Taken()  # not a scan of every reading taken: long texts stay linear
    key = lambda c: (-(c.end - c.start), c.role != "block", c.order, c.start)  # noqa: E731
    for c in sorted(cands, key=key):
        if not spans.overlaps(c.start, c.end):
            taken.append(c)
            spans.add(c.start, c.end)
    return sorted((c for c in taken if c.role != "block"), key=lambda c: c.start)


def join(cands: list[Cand], text: str, language: str | None) -> list[Cand]:
    """A weekday or "today" followed by its date becomes one date ("Sunday (August 20)"); a
    bare month stays only as a later item of a list whose item before it is a date."""
    lex = lexicon(language)
    gap = lex.join_gap
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        if c.role == "listed" and not (out and out[-1].kind == "date" and out[-1].value
                                       and lex.list_gap.fullmatch(text, out[-1].end, c.start)):
            i += 1
            continue
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if (c.role == "anchorword" and nxt is not None and nxt.kind == "date"
                and nxt.start - c.end <= 24 and gap.fullmatch(text, c.end, nxt.start)):
            end = nxt.end
            if "(" in text[c.end:nxt.start] and text[end:end + 1] == ")":
                end += 1
            out.append(Cand(c.start, end, "date", nxt.value, None, nxt.year_from_text,
                            rule=c.rule + "+" + nxt.rule))
            i += 2
            continue
        if not c.weak:
            out.append(c)
        i += 1
    return out


def find_times(text: str, language: str | None, anchor: str | None = None) -> list[TimeExpr]:
    """Dates, ranges and periods in `text`, sorted and non-overlapping (see dates.py)."""
    if not text:
        return []
    if language is None:
        language = guess_languages(text)
    chosen = join(select(candidates(text, language, anchor)), text, language)
    return [
        TimeExpr(c.start, c.end, text[c.start:c.end], c.kind, c.value, c.end_value,
                 c.year_from_text)
        for c in chosen
    ]

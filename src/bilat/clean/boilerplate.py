"""Page residue removed from article text: captions, related-story tails, repeated leads,
datelines, bylines and terminators. Markers come from every lang/<code>/boilerplate.yaml at
once, since one page often mixes languages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bilat import lang
from bilat.analysis.fold import fold


@dataclass(frozen=True)
class Markers:
    related: frozenset[str]  # folded lines that open a related-stories block
    caption_end: re.Pattern[str]  # a line ending with a photo credit
    residue: re.Pattern[str]  # "<title> ảnh 1<caption>" glued into a line
    agencies: frozenset[str]  # folded agency names
    byline: re.Pattern[str]
    dateline: re.Pattern[str]


@dataclass(frozen=True)
class Cleaned:
    text: str
    dateline: str | None
    byline: str | None


def _alt(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def markers() -> Markers:
    data = lang.load_all("boilerplate")
    def union(key: str) -> set[str]:
        return {str(w).strip() for d in data.values() for w in d.get(key, []) if str(w).strip()}

    credits, photo = union("photo_credits"), union("photo_markers")
    agencies = union("agencies")
    caption_end = re.compile(
        rf"(?:\(\s*(?:{_alt(credits)})\s*:?[^()\n]{{0,60}}\)|(?:{_alt(credits)})\s*:\s*[^\n]"
        rf"{{1,60}}|\((?:{_alt(agencies)})\))\s*\|?\s*$", re.IGNORECASE)
    residue = re.compile(rf"^.{{5,200}}?\s(?:{_alt(photo)})\s?\d{{1,2}}(?=\S)", re.IGNORECASE)
    dateline = re.compile(
        rf"^(?:[^\W\d_][^\n()–—]{{0,40}}?\s*)?\((?:{_alt(agencies)}|[A-Z][A-Za-z+/]{{1,12}})\)"
        r"\s*[-–—:]+\s*"
        r"|^[A-ZÀ-Ỹ][A-ZÀ-Ỹ .,'-]{2,40}\s+[–—-]{1,2}\s+", re.UNICODE)
    byline = re.compile(rf"^(?:{_alt(union('byline_prefixes'))})\S[^\n]{{0,60}}$")
    return Markers(related=frozenset(fold(w) for w in union("related")),
                   caption_end=caption_end, residue=residue,
                   agencies=frozenset(fold(a) for a in agencies), byline=byline,
                   dateline=dateline)


_LEAD_SPAN = 6  # paragraphs from the top within which a repeated lead is dropped
_PROSE = 100  # characters: a line this long is a paragraph, not a headline or a link
# Characters of paragraphs that must come before a related-stories marker for it to be the
# page's tail; a marker above them opens a box of links at the top, skipped alone.
_BODY_BEFORE_TAIL = 200


def _norm(line: str) -> str:
    return re.sub(r"\W+", " ", fold(line)).strip()


def _is_related(line: str, m: Markers) -> bool:
    key = fold(line).strip(" :>»·|-–—*#")
    return key in m.related


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """The article with page residue removed (paragraphs as lines)."""
    m = markers()
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    skipping = False  # inside a related-stories box above the article
    for line in lines:
        if _is_related(line, m):
            if sum(len(x) for x in out if len(x) >= _PROSE) >= _BODY_BEFORE_TAIL:
                break  # a related-stories tail: it and all after it are other stories
            skipping = True  # a box of links at the top: the article is still to come
            continue
        if skipping:
            if not line or len(line) < _PROSE or line.rstrip().endswith("|"):
                continue  # a headline of the box
            skipping = False
        if not line:
            out.append("")
            continue
        if m.caption_end.search(line) and len(line) < 400:
            continue  # a photo caption line
        line = m.residue.sub("", line) if m.residue.match(line) else line
        out.append(line)
    dateline = byline = None
    paragraphs = [p for p in out if p]
    kept: list[str] = []
    seen: set[str] = set()
    title_key = _norm(title) if title else None
    for i, p in enumerate(paragraphs):
        if i < 4:
            d = m.dateline.match(p)
            if d and len(p) > d.end() + 20:
                dateline = dateline or d.group(0).strip(" -–—:")
                p = p[d.end():].lstrip()
        if i == 0 and m.byline.match(p):
            byline = p
            continue
        p = re.sub(r"\s*\.?/\.\s*$", ".", p)  # the "/." terminator of Vietnamese agencies
        key = _norm(p)
        if not key or (key in seen and i < _LEAD_SPAN) or (key == title_key and i < 3):
            continue  # the lead repeated verbatim near the top, or the title again
        if len(kept) < 3:
            seen.add(key)  # only the lead: a list or a Q&A may repeat lines further down
        kept.append(p)
    while kept and (fold(kept[-1]).strip(" .-") in m.agencies or m.byline.match(kept[-1])):
        byline = byline or kept[-1].strip(" .-")
        kept.pop()
    return Cleaned("\n\n".join(kept), dateline, byline)

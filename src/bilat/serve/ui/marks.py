"""Sentences marked in a document's text: where a stored sentence lies in the text, and the
text as HTML with those sentences in <mark> (everything else escaped)."""

from __future__ import annotations

from dataclasses import dataclass

from bilat.know.escaping import html_text


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str = "event"  # "event" or "fact": the mark's class
    note: str = ""  # hover text (the event's type, the figure)


def place(text: str, start: int | None, end: int | None, sentence: str | None
          ) -> tuple[int, int] | None:
    """Where the sentence is: the stored offsets when they hold it (or hold something, when
    no sentence is known), else the sentence's first occurrence; None when neither."""
    sentence = (sentence or "").strip()
    fits = start is not None and end is not None and 0 <= start < end <= len(text)
    if fits and (not sentence or text[start:end].strip() == sentence):
        return start, end
    if sentence:
        at = text.find(sentence)
        if at >= 0:
            return at, at + len(sentence)
    return None


def anchor(start: int) -> str:
    """The id a marked sentence's place has on the document page."""
    return f"c{start}"


def marked_html(text: str, spans: list[Span]) -> str:
    """`text` escaped, each span in a <mark>; overlapping spans share one mark, and every
    span's start has an anchor (anchor()) to link to."""
    regions: list[list] = []  # [start, end, [spans]]
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        if not 0 <= s.start < s.end <= len(text):
            continue
        if regions and s.start < regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], s.end)
            regions[-1][2].append(s)
        else:
            regions.append([s.start, s.end, [s]])
    out, pos = [], 0
    for start, end, members in regions:
        out.append(html_text(text[pos:start]))
        for at in sorted({m.start for m in members}):
            out.append(f'<span class="anchor" id="{anchor(at)}"></span>')
        kinds = " ".join(sorted({m.kind for m in members}))
        note = "; ".join(dict.fromkeys(m.note for m in members if m.note))
        out.append(f'<mark class="{kinds}" title="{html_text(note)}">'
                   f"{html_text(text[start:end])}</mark>")
        pos = end
    out.append(html_text(text[pos:]))
    return "".join(out)


def excerpt_html(text: str, start: int, end: int) -> str:
    """The paragraph (line) holding text[start:end], the sentence in a <mark>, with "…"
    where the text goes on."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    before = "… " if text[:para_start].strip() else ""
    after = " …" if text[para_end:].strip() else ""
    return (before + html_text(text[para_start:start]) + "<mark>"
            + html_text(text[start:end]) + "</mark>" + html_text(text[end:para_end]) + after)

"""What extraction knows of one document, as typed fields the steps fill in order.

One object per document, so that a step's inputs and outputs are names (pipeline.py checks
their order) rather than arguments threaded through one long function.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace

from bilat.analysis.fold import fold
from bilat.extract.lexicon import EventLexicon
from bilat.model import Document, Event, Fact, Mention, Quantity, Sentence, TimeExpr

STATE_KINDS = frozenset({"country", "demonym", "capital", "government", "person", "place"})


def is_state(m: Mention) -> bool:
    return m.kind in STATE_KINDS and bool(m.code) and len(m.code) == 2


@dataclass(frozen=True)
class SentenceView:
    """One sentence with what analysis found in it (offsets relative to the sentence)."""

    sentence: Sentence
    folded: str
    mentions: tuple[Mention, ...]
    times: tuple[TimeExpr, ...]
    quantities: tuple[Quantity, ...]
    # day/month mentions whose year nothing in the document gives ("from April 24-25"):
    # kept as "XXXX-04-24" so that a year told for the same happening can complete them
    partials: tuple[TimeExpr, ...] = ()

    @property
    def text(self) -> str:
        return self.sentence.text


def states_in(view: SentenceView) -> list[Mention]:
    """The sentence's mentions that name a state."""
    return [m for m in view.mentions if is_state(m)]


@dataclass(frozen=True)
class DocContext:
    """The document-wide facts a per-sentence reading needs (built by the calendar step)."""

    language: str | None
    published: str | None  # as the source gave it: YYYY, YYYY-MM or YYYY-MM-DD
    year: int | None  # the year undated day/month mentions belong to
    pair: tuple[str, ...]  # the two states the document is mostly about (may be shorter)
    # founding dates of relations the text states, by pair: empty as built, since the
    # events that state them are found after the steps that read it (consolidate records
    # them in DocState.founding and counts undated anniversaries of ties from them);
    # relations.yaml's well-known dates stand in meanwhile
    founding: dict[frozenset[str], str]
    people: dict[str, str]  # person key -> state, learnt anywhere in the document

    home_state: str | None = None  # the report's language's home state, when it has one
    this_year: int | None = None  # the clock's year (extraction's `today`), for arithmetic

    @property
    def home(self) -> str | None:
        """The state a report's untagged officials belong to: its language's home state when
        that is one of the pair, else its most-mentioned state."""
        if self.home_state and (self.home_state in self.pair or not self.pair):
            return self.home_state
        return self.pair[0] if self.pair else None

    @property
    def anchor_day(self) -> str | None:
        return self.published if self.published and len(self.published) == 10 else None


def sentence_views(doc: Document, sentences: list[Sentence], mentions: list[Mention],
                   times: list[TimeExpr], quantities: list[Quantity],
                   folded: str | None = None, partials: list[TimeExpr] | None = None
                   ) -> list[SentenceView]:
    """Bucket document-level findings into their sentences, offsets made sentence-relative.
    `folded` is fold(doc.text) when the caller has it: folding keeps offsets, so a
    sentence's folded text is a slice of it."""
    from bisect import bisect_left

    ordered = [sorted(items, key=lambda x: x.start)
               for items in (mentions, times, quantities, partials or [])]
    starts = [[x.start for x in items] for items in ordered]

    def inside(k: int, s: Sentence) -> tuple:
        # only the items starting inside the sentence are looked at (bisect on starts)
        lo, hi = bisect_left(starts[k], s.start), bisect_left(starts[k], s.end)
        return tuple(replace(x, start=x.start - s.start, end=x.end - s.start)
                     for x in ordered[k][lo:hi] if x.end <= s.end)

    views = []
    for s in sentences:
        text = folded[s.start:s.end] if folded is not None and doc.text[s.start:s.end] == s.text \
            else fold(s.text)
        views.append(SentenceView(s, text, inside(0, s), inside(1, s), inside(2, s),
                                  inside(3, s) if partials else ()))
    return views


@dataclass(frozen=True)
class Trigger:
    """Words of an event type in a sentence (sentence offsets); `role` says which part of a
    visit they tell (start, end, activity) or that an aid "ended"."""

    type: str
    start: int
    end: int
    role: str | None = None


@dataclass(frozen=True)
class SentenceTriggers:
    """A sentence's triggers, and the time expressions each may be dated by."""

    view: SentenceView
    triggers: list[Trigger]
    owned: dict[int, list[TimeExpr]]  # trigger index -> its times (one date in a sentence
    # dates all it tells)
    nearest: dict[int, list[TimeExpr]]  # trigger index -> the times nearest to it alone


@dataclass(frozen=True)
class Decision:
    """What the decide step made of one trigger. `trigger` is the one found, or a copy with
    the type or role the words decide ("stopped providing aid" is OTHER, role "ended")."""

    index: int  # the trigger's place in its sentence's SentenceTriggers.triggers
    trigger: Trigger
    status: str | None  # happened | ongoing | scheduled; None when dropped
    dropped: str | None = None  # why it is no event, when it is not


@dataclass
class Candidate:
    type: str
    actors: tuple[str, ...]
    sentence: int
    evidence: str
    start: int  # document offsets of the evidence sentence
    end: int
    trigger: int  # sentence offset of the trigger
    date_start: str | None = None
    date_end: str | None = None
    dated_in_text: bool = False  # the date came from this sentence, not from context
    status: str = "happened"
    actor: str | None = None
    recipient: str | None = None
    people: tuple[str, ...] = ()
    counterpart: str | None = None  # a MEETING's other party, by person key
    counterpart_office: bool = False  # ... named by office or body alone ("the President")
    location: str | None = None
    # What the sentence told that later date lending reads (None/False: not told). A merge
    # keeps the kept mention's value and takes the other's where it has none.
    partial: tuple[str, str | None] | None = None  # ("XXXX-04-24", "XXXX-04-25" or None):
    # a day and month with no year anywhere, for a year told elsewhere to complete
    host: str | None = None  # a VISIT's host said outright ("to Brazil")
    activity_day: str | None = None  # a day a VISIT was under way (its activity's day)
    after_meeting: bool = False  # told as done "after the talks"
    after_ceremony: bool = False  # a MEETING "following the welcome ceremony"
    at_arrival: bool = False  # a MEETING told with the visitor's arrival
    completed: bool = False  # its partial day was completed by a year told of it
    counted: int | None = None  # an anniversary of ties dated by no word of its own: its N,
    # for a founding date the text states elsewhere to count from (consolidate)


# The fields a DocState is made with; every other field is assigned by a step.
INPUTS = ("doc", "max_sentence", "today", "story_year")


@dataclass
class DocState:
    """One document as the steps read it; each step's `assigns` names the fields it sets."""

    doc: Document
    max_sentence: int  # a run of text with no sentence end is read in pieces this long
    today: dt.date  # the clock: a report is not after it
    # the year of the story's own happening, when a first reading found it (calendar.reread)
    story_year: int | None = None

    # mentions
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    title_mentions: list[Mention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    folded: str = ""  # fold(doc.text), offsets kept
    lex: EventLexicon | None = None  # the language's event words
    home: str | None = None  # the site's or the language's home state
    pair: tuple[str, ...] = ()  # the two states the document is mostly about
    people: dict[str, str] = field(default_factory=dict)  # person (and key) -> state

    # calendar
    times: list[TimeExpr] = field(default_factory=list)  # resolved, years filled
    partials: list[TimeExpr] = field(default_factory=list)  # day/month with no year found
    anniversaries: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, N)
    anniversaries_in: list[list[tuple[int, int, int]]] = field(default_factory=list)  # per view
    stated: int | None = None  # the publication's year, or one the text's arithmetic gives
    year: int | None = None  # the year undated day/month mentions belong to
    ctx: DocContext | None = None
    views: list[SentenceView] = field(default_factory=list)

    # candidates
    found: list[SentenceTriggers] = field(default_factory=list)  # one per view
    # decide
    decisions: list[list[Decision]] = field(default_factory=list)  # per view, those kept
    # roles
    candidates: list[Candidate] = field(default_factory=list)
    # consolidate
    kept: list[Candidate] = field(default_factory=list)  # one per happening, dates lent
    founding: dict[frozenset[str], str] = field(default_factory=dict)  # stated, by pair
    events: tuple[Event, ...] = ()
    # facts
    facts: tuple[Fact, ...] = ()

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def language(self) -> str | None:
        return self.doc.language

    @property
    def published(self) -> str | None:
        """The publication date, at most to the day."""
        return self.doc.published[:10] if self.doc.published else None


FIELDS = frozenset(f.name for f in fields(DocState))

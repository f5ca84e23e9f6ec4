"""The plain data objects that flow between bilat's stages.

Reading makes RawDocuments (or ReadErrors); cleaning makes Documents; extraction makes Events
and Facts. Everything here is a frozen dataclass with no behaviour beyond (de)serialisation, so
the same objects cross process and Ray boundaries unchanged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class RawDocument:
    """One input item as a reader found it: decoded text or markup plus what the source said."""

    source: str  # a path, "path#N" for the N-th record inside a file, or a URL
    doc_id: str  # SCHEMA "doc": a record's id, else the file's stem (all extensions dropped)
    fmt: str  # the reader that made it: text | html | jsonl | warc | feed
    text: str | None = None  # plain text, already decoded to str
    html: str | None = None  # page markup, already decoded to str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when the source gives one
    language: str | None = None  # ISO 639-1 when the source gives one
    url: str | None = None


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read, and why (one line, for the user)."""

    source: str
    reason: str


@dataclass(frozen=True)
class Document:
    """A clean article: its main text and nothing else, with the metadata found around it."""

    doc_id: str
    source: str
    text: str
    content_id: str  # stable id derived from the clean text
    title: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    site: str | None = None
    byline: str | None = None
    dateline: str | None = None  # "Hanoi (VNA)" lifted off the body


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int  # character offsets into Document.text
    end: int
    text: str


@dataclass(frozen=True)
class Event:
    """One bilateral event as SCHEMA.md defines it, with the place it was read from."""

    type: str
    plover: str
    actors: tuple[str, ...]
    date_start: str | None
    status: str
    evidence: str
    mode: str | None = None
    actor: str | None = None
    recipient: str | None = None
    date_end: str | None = None
    people: tuple[str, ...] = ()
    location: str | None = None
    sentence: int | None = None  # index of the evidence sentence in the document
    start: int | None = None  # character offsets of the evidence in Document.text
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["actors"] = list(self.actors)
        d["people"] = list(self.people)
        return d


@dataclass(frozen=True)
class Fact:
    """One figure as SCHEMA.md defines it (`from` is a keyword, hence `source_country`)."""

    metric: str
    source_country: str | None
    target_country: str | None
    value: float
    unit: str
    period: str | None
    evidence: str
    change_pct: float | None = None
    sentence: int | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["from"] = d.pop("source_country")
        d["to"] = d.pop("target_country")
        v = self.value
        d["value"] = int(v) if float(v).is_integer() else v
        return d


@dataclass(frozen=True)
class Extraction:
    """What extraction read from one document."""

    events: tuple[Event, ...] = field(default_factory=tuple)
    facts: tuple[Fact, ...] = field(default_factory=tuple)


# --- what analysis finds inside a text (character offsets into the text it was given) ---


@dataclass(frozen=True)
class Mention:
    """A country, organisation, capital, government body, demonym or person named in a text."""

    start: int
    end: int
    text: str
    kind: str  # country | org | demonym | capital | government | person
    code: str | None = None  # ISO 3166-1 alpha-2 or org code (EU, ASEAN, UN); a person's country
    name: str | None = None  # canonical form (a person's name as first written, with diacritics)
    title: str | None = None  # a person's title of office, as written ("Prime Minister")


@dataclass(frozen=True)
class TimeExpr:
    """A date, range or period in a text, resolved as far as the text and its anchor allow.

    `value`/`end` are TIMEX-like: "2023-10-13", "2023-10", "2023"; an unknown year is "XXXX"
    ("XXXX-10-13") so that a later step can fill it from the document's context.
    """

    start: int
    end: int
    text: str
    kind: str  # date | range | part_of_year | as_of | since | relative | year
    value: str | None  # the start (or only) point
    end_value: str | None = None  # the end point of a range or part of a year
    year_from_text: bool = True  # False when the year came from the anchor, not the words


@dataclass(frozen=True)
class Quantity:
    """An amount of money, a count of people/projects/..., or a percentage."""

    start: int
    end: int
    text: str
    value: float  # in base units: "4.29 billion" -> 4290000000
    unit: str | None  # USD, EUR, JPY, ... | people | projects | % | None for a bare number
    kind: str  # money | count | percent
    qualifier: str | None = None  # over | nearly | about | ... as written, normalised to English


# -- the record: merged events and what is read from them (bilat.know computes them,
# bilat.store reads and writes them) ---------------------------------------------------

@dataclass(frozen=True)
class Report:
    """One stored event with what merging needs of its document."""

    event_id: str
    content_id: str
    type: str
    actors: tuple[str, ...]
    date_start: str | None
    status: str
    evidence: str
    doc_id: str | None = None
    language: str | None = None
    published: str | None = None
    plover: str | None = None
    mode: str | None = None
    actor: str | None = None
    recipient: str | None = None
    date_end: str | None = None
    people: tuple[str, ...] = ()
    location: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass
class MergedEvent:
    """One real happening with every report of it (SCHEMA.md "Merged events")."""

    id: str
    type: str
    actors: tuple[str, ...]
    date_start: str | None
    date_end: str | None
    status: str
    evidence: str
    plover: str | None = None
    mode: str | None = None
    actor: str | None = None
    recipient: str | None = None
    people: tuple[str, ...] = ()
    location: str | None = None
    sources: list[Report] = field(default_factory=list)

    @property
    def source_count(self) -> int:
        return len({r.content_id for r in self.sources})

    def to_dict(self) -> dict:
        """The event's fields and its sources, oldest report first (what a timeline reads)."""
        sources = [{"doc": r.doc_id or r.content_id, "language": r.language,
                    "evidence": r.evidence, "published": r.published, "url": r.url,
                    "title": r.title, "content_id": r.content_id} for r in self.sources]
        sources.sort(key=lambda s: (s["published"] is None, s["published"] or "", s["doc"]))
        return {
            "id": self.id, "type": self.type, "plover": self.plover, "mode": self.mode,
            "actors": list(self.actors), "actor": self.actor, "recipient": self.recipient,
            "date_start": self.date_start, "date_end": self.date_end, "status": self.status,
            "people": list(self.people), "location": self.location, "evidence": self.evidence,
            "source_count": self.source_count, "sources": sources,
        }


@dataclass
class Person:
    name: str
    events: int
    types: list[str]


# Key dates list at most this many establishments and as many upgrades, the best-sourced:
# a pair has a handful of real ones; more are extraction noise the timeline still shows.
KEY_DATES_PER_KIND = 12

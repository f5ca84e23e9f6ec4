"""What each path of the API returns, as pydantic models: the OpenAPI spec publishes them,
and every answer is checked against them before it leaves, but timelines and dossiers
(api.encoded: too large to check on each request; a test holds their reads to the shape)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class Problem(_Model):
    detail: str = Field(description="What was wrong with the request, naming the input.")


class Source(_Model):
    """One report of a merged event: its document and its evidence sentence."""

    doc: str | None
    content_id: str | None = None
    language: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    evidence: str | None = None


class Event(_Model):
    """A merged event: one real happening with every report of it."""

    id: str
    type: str
    plover: str | None = None
    mode: str | None = None
    actors: list[str]
    actor: str | None = None
    recipient: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    status: str | None = Field(None, description="As the reports wrote it.")
    status_now: str | None = Field(None, description="As read today: happened, ongoing, "
                                                     "scheduled or announced.")
    people: list[str] = []
    location: str | None = None
    evidence: str | None = None
    source_count: int
    languages: dict[str, int] = Field(default_factory=dict,
                                      description="Reports per language of their source.")
    sources: list[Source] = []


class EventPage(_Model):
    events: list[Event]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; "
                                                      "null on the last one.")


class Report(_Model):
    """A report with its evidence sentence's place in its document's clean text."""

    event_id: str
    content_id: str
    doc: str | None = None
    language: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    evidence: str | None = None
    sentence: int | None = None
    start_char: int | None = None
    end_char: int | None = None
    status: str | None = None
    date_start: str | None = None
    people: list[str] = []


class EventDetail(Event):
    sources: list[Report] = []  # type: ignore[assignment]


class Timeline(_Model):
    a: str
    b: str
    total: int = Field(description="How many merged events the pair has in all.")
    events: list[Event] = Field(description="The latest `limit` of them, oldest first.")


class FigureSource(_Model):
    doc: str
    language: str | None = None
    published: str | None = None
    value: float
    evidence: str
    change_pct: float | None = None


class SeriesPoint(_Model):
    period: str
    value: float = Field(description="The value most sources give.")
    values: list[float] = Field(description="Every distinct value the sources give.")
    conflict: bool = Field(description="Sources disagree beyond rounding (2 %).")
    source_count: int
    sources: list[FigureSource]


class Series(_Model):
    metric: str
    from_: str | None = Field(None, alias="from")
    to: str | None = None
    unit: str
    points: list[SeriesPoint]


class SeriesList(_Model):
    series: list[Series]


class Person(_Model):
    name: str
    events: int
    types: list[str]
    variants: list[str] = Field(default_factory=list,
                                description="Every spelling the sources use.")
    pair: str | None = Field(None, description="The pair ('BE|VN') this ranking is of.")


class PeopleList(_Model):
    people: list[Person]


class KeyDate(_Model):
    key: str = Field(description="established, upgrade, first_visit or last_visit")
    event: Event


class DocumentMeta(_Model):
    doc: str | None = None
    published: str | None = None
    language: str | None = None
    title: str | None = None
    url: str | None = None


class Dossier(_Model):
    a: str
    b: str
    total: int
    key_dates: list[KeyDate]
    events: list[Event]
    series: list[Series]
    people: list[Person]
    people_total: int
    documents: list[DocumentMeta]


class Partner(_Model):
    code: str
    total: int
    counts: dict[str, int]
    latest: list[Event]


class Partners(_Model):
    country: str
    partners: list[Partner]


class Document(_Model):
    content_id: str
    doc_id: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    site: str | None = None
    duplicate_of: str | None = None
    events: int
    facts: int


class DocumentPage(_Model):
    documents: list[Document]
    next_cursor: str | None = None


class DocumentEvent(_Model):
    id: str
    merged_id: str | None = None
    type: str
    actors: list[str]
    date_start: str | None = None
    date_end: str | None = None
    status: str | None = None
    status_now: str | None = None
    people: list[str] = []
    location: str | None = None
    evidence: str | None = None
    sentence: int | None = None
    start_char: int | None = None
    end_char: int | None = None


class DocumentFact(_Model):
    id: str
    metric: str
    from_: str | None = Field(None, alias="from")
    to: str | None = None
    value: float | None = None
    unit: str | None = None
    period: str | None = None
    change_pct: float | None = None
    evidence: str | None = None
    sentence: int | None = None
    start_char: int | None = None
    end_char: int | None = None


class DocumentDetail(_Model):
    content_id: str
    doc_id: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    site: str | None = None
    byline: str | None = None
    dateline: str | None = None
    duplicate_of: str | None = None
    ingested_at: str | None = None
    text: str
    events: list[DocumentEvent]
    facts: list[DocumentFact]


class SearchHit(_Model):
    rank: int
    score: float
    kind: str
    id: str
    merged_id: str | None = Field(None, description="An event hit's merged event.")
    doc_id: str
    content_id: str
    date: str | None = None
    language: str | None = None
    type: str | None = None
    countries: list[str]
    title: str | None = None
    text: str | None = Field(None, description="An event's evidence sentence; a document's "
                                               "first sentences.")
    bm25_rank: int | None = None
    vector_rank: int | None = None


class SearchResults(_Model):
    query: str
    hits: list[SearchHit]


class MatchRequest(_Model):
    text: str = Field(description="The report's text.", max_length=1_000_000)
    title: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")
    language: str | None = Field(None, description="ISO 639-1; found from the text if absent")


class MatchedEvent(_Model):
    event: dict = Field(description="The event read from the report (SCHEMA.md fields).")
    merged: Event | None = Field(description="The merged event it belongs to, or null.")
    score: float | None = Field(None, description="The merge's score for the best pair.")


class MatchResult(_Model):
    language: str | None = None
    events: list[MatchedEvent]


class IngestRecord(_Model):
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    id: str | None = None


class JobCreated(_Model):
    job: str


class InputError(_Model):
    input: str
    reason: str


class Job(_Model):
    state: str = Field(description="queued, running, done or failed")
    done: int = Field(description="Inputs read so far.")
    total: int = Field(description="Inputs given (files or records).")
    documents: int = Field(description="Documents stored (new ones only).")
    events: int
    facts: int
    errors: list[InputError]


class Change(_Model):
    id: str = Field(description="The merged event's stable id.")
    change: str = Field(description="added, changed or deleted")
    digest: str | None = Field(None, description="Of the event's content after the change.")
    updated_at: str


class ChangePage(_Model):
    changes: list[Change]
    next_cursor: str | None = None
    as_of: str | None = Field(None, description="The latest change's time: pass it as "
                                                "`since` next time.")


class Health(_Model):
    status: str
    counts: dict[str, int]


class Refreshed(_Model):
    refreshed: bool = Field(description="Whether there was something to merge or index "
                                        "(events another process stored).")
    merged_events: int

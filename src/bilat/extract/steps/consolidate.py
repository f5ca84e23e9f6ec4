"""Consolidate: one event per happening within a document, mentions merged, context dates lent,
status settled against the calendar.

A story names its main visit in the title, the lead and the body; background history repeats
founding dates. Mentions of one type and the same actors whose dates agree (one unknown, or one
a coarser form of the other) are one event, dated by its most precise mention.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable
from functools import lru_cache
from itertools import groupby

from bilat.extract import trace
from bilat.extract.lexicon import EventLexicon
from bilat.extract.state import Candidate, DocContext, DocState, SentenceView
from bilat.extract.steps.calendar import anchor, precision
from bilat.extract.steps.decide import plover_of
from bilat.model import Document, Event

# Undated events told in the same sentence as a dated visit happened during it.
LEND_IN_SENTENCE = ("MEETING", "AGREEMENT", "PARTNERSHIP_UPGRADE", "CONSULTATION")
# Undated events of these types, told inside a story about a visit, happened during it: they
# take the visit's month (SCHEMA.md: "otherwise the month of its dated activities").
LEND_VISIT_MONTH = ("MEETING", "AGREEMENT", "PARTNERSHIP_UPGRADE", "CONSULTATION")
# What is done "after the talks" that day: signed, stated, upgraded.
AFTER_TALKS = ("AGREEMENT", "SUPPORT_STATEMENT", "PARTNERSHIP_UPGRADE")
# Undated statements made at a dated meeting or consultation take its day.
LEND_MEETING_DAY = ("SUPPORT_STATEMENT",)
# Undated happenings the lead reports (its first LEAD_SENTENCES sentences) are the news: they
# take the publication month, unless their sentence dates something else (history).
LEND_NEWS_MONTH = ("MEETING", "AGREEMENT", "PARTNERSHIP_UPGRADE", "CONSULTATION", "PHONE_CALL",
                   "AID")
LEAD_SENTENCES = 2


class Consolidate:
    name = "consolidate"
    requires = ("doc", "lex", "ctx", "year", "views", "candidates")
    assigns = ("kept", "founding", "events")

    def run(self, state: DocState) -> None:
        candidates, views, lex, ctx = state.candidates, state.views, state.lex, state.ctx
        doc, published, year = state.doc, state.published, state.year
        lend_in_sentence(candidates)
        by_index = {v.sentence.index: v for v in views}
        _date_from_held(candidates, by_index, lex)
        _date_from_dateline(candidates, views, doc, anchor(published))
        _date_greetings(candidates, by_index, lex, doc.published)
        founding: dict[frozenset[str], str] = {}
        for c in candidates:
            if c.type == "RELATIONS_ESTABLISHED" and c.date_start:
                founding.setdefault(frozenset(c.actors), c.date_start)
        state.founding = founding
        _count_from_stated_founding(candidates, founding, ctx)
        events = trace.dropped("consolidate", candidates, drop_anniversary_echo(candidates),
                               "the establishment an anniversary names, with no date of its own")
        events = trace.dropped("consolidate", events, merge(events, year, published),
                               "the same happening as one told before: merged into it")
        events = trace.dropped("consolidate", events, drop_anaphora(events, year, published),
                               "a later mention of an event already kept (\"the talks\")")
        date_visits(events, ctx)
        lend_dates(events, ctx, _ceremony_day(views, lex), _news_day(views, ctx))
        settle_status(events, ctx)
        state.kept = events
        out = state.events = tuple(_event(c) for c in events)
        if trace.active():
            for e in out:
                trace.note(e.sentence, "output", e.type, "kept",
                           f"{', '.join(e.actors)}; {e.date_start or 'no date'}; {e.status}")


STEP = Consolidate()


def lend_in_sentence(candidates: list[Candidate]) -> None:
    """"during the visit in Sept 2023, ...": an undated meeting, signing or upgrade told in
    the sentence of a dated visit takes its month (the sentence's first dated visit); the
    day the sentence gives to the visit's activities ("held talks on Monday during his
    visit", "arrived this morning for talks") is that activity's, so it takes the day."""
    for _, group in groupby(candidates, key=lambda c: c.sentence):
        out = list(group)
        visits = [c for c in out if c.type == "VISIT" and c.date_start]
        for c in out:
            if c.date_start is None and visits and c.type in LEND_IN_SENTENCE:
                c.date_start = visits[0].activity_day or visits[0].date_start[:7]


def compatible(a: str | None, b: str | None) -> bool:
    """Dates that may be one: either unknown, or one a coarser form of the other."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


@lru_cache(maxsize=4096)
def _person_key(name: str) -> str:
    """person_key, kept: a long story compares the same few names many times over."""
    from bilat.analysis.entities import person_key

    return person_key(name)


def _counterpart_ok(a: Candidate, b: Candidate) -> bool:
    """Meetings with different counterparts are different; a meeting named without one ("the
    talks") is the same as a named one only when both are equally past or future."""
    if a.counterpart and b.counterpart:
        if a.counterpart_office != b.counterpart_office:
            return True  # "will meet the President, …", then their names: the same meetings
        return _person_key(a.counterpart) == _person_key(b.counterpart)
    if a.counterpart or b.counterpart:
        return (a.status == "scheduled") == (b.status == "scheduled")
    return True


def _within(day: str | None, cand: Candidate) -> bool:
    return bool(day and cand.date_start and cand.date_end
                and cand.date_start <= day <= cand.date_end)


def _months(value: str) -> int:
    return int(value[:4]) * 12 + int(value[5:7])


def _far_from(date: str, published: str | None) -> bool:
    """Months away from the report: another happening than the one it is news of."""
    return bool(published and len(published) >= 7 and len(date) >= 7
                and abs(_months(date) - _months(published)) > 2)


def _same(a: Candidate, b: Candidate, ctx_year: int | None,
          published: str | None = None) -> bool:
    if a.type != b.type or a.actors != b.actors:
        return False
    if a.type == "MEETING" and not _counterpart_ok(a, b):
        return False
    if a.type == "VISIT" and (a.host if a.host is not None else b.host) != (
            b.host if b.host is not None else a.host):
        return False  # a visit to Brazil and one to Vietnam, both said outright, are two
    if a.type == "VISIT" and (_within(a.date_start, b) or _within(b.date_start, a)):
        return True
    undated = a if a.date_start is None else b
    if (a.date_start is None) != (b.date_start is None) and (
            a.type == "VISIT" or undated.sentence <= LEAD_SENTENCES):
        # The story's own happening is often undated in a sentence (always so for a visit;
        # for the rest when its lead tells it): one dated years before the story is history
        # and not the same one ("talks in New Delhi" today, "his first visit in 2014").
        dated = a.date_start or b.date_start
        if ctx_year is None or _history(dated, ctx_year, published):
            return False  # also "last September's state visit", told in a March report
    return compatible(a.date_start, b.date_start)


def _absorb(into: Candidate, other: Candidate) -> None:
    if precision(other.date_start) > precision(into.date_start) or (
            other.date_end and not into.date_end and compatible(into.date_start,
                                                                other.date_start)):
        into.date_start = other.date_start or into.date_start
        into.date_end = other.date_end or into.date_end
        into.dated_in_text = other.dated_in_text
    _complete(into, other.partial)
    # what the other mention told that this one did not (a value is never None/False once told)
    into.partial = into.partial or other.partial
    into.host = into.host or other.host
    into.activity_day = into.activity_day or other.activity_day
    into.after_meeting = into.after_meeting or other.after_meeting
    into.after_ceremony = into.after_ceremony or other.after_ceremony
    into.at_arrival = into.at_arrival or other.at_arrival
    into.completed = into.completed or other.completed
    into.people = tuple(dict.fromkeys(into.people + other.people))
    into.actor = into.actor or other.actor
    # a meeting told without its counterpart ("the talks") that absorbs a named one becomes
    # that one's: another counterpart is then another meeting, not one more mention
    if other.counterpart and (into.counterpart is None or (
            into.counterpart_office and not other.counterpart_office)):
        into.counterpart, into.counterpart_office = other.counterpart, other.counterpart_office
    into.recipient = into.recipient or other.recipient
    if into.status == "happened" and other.status != "happened":
        into.status = other.status


def _fits(kept: Candidate, partial: tuple[str, str | None] | None) -> bool:
    return bool(partial and kept.date_start
                and compatible(kept.date_start, kept.date_start[:4] + partial[0][4:]))


def _complete(into: Candidate, partial: tuple[str, str | None] | None) -> None:
    """A year (or month) told of a happening completes the day and month told of it without
    one: "a visit from April 24-25" and "the visit, in the Friendship Year 2017"."""
    if not partial or not into.date_start or len(into.date_start) >= 10:
        return
    start = into.date_start[:4] + partial[0][4:]
    if not compatible(into.date_start, start):
        return
    into.date_start = start
    if partial[1] and partial[1].startswith("XXXX"):
        into.date_end = into.date_start[:4] + partial[1][4:]
    into.dated_in_text = True
    into.completed = True


def _latest_first(date: str | None) -> tuple[int, ...]:
    """A sort key putting later dates first: descending `date or ""` as a string compares."""
    return (*(-ord(ch) for ch in date or ""), 1)


class _Kept:
    """The happenings kept for one type and actors, indexed so that a mention is compared
    with those it may be one with, not with every happening kept (quadratic in a long text
    of many distinct happenings); _same still decides, among them in the order kept.

    A dated mention may be one with a happening whose date is a coarser or finer form of its
    own, or an undated one (or, for a visit, one whose span holds it or that its span holds):
    looked up by date. An undated mention takes the latest happening it may be one with
    (first one its partial day fits): its rivals are walked latest first, stopping early.
    """

    def __init__(self) -> None:
        self.kept: list[Candidate] = []
        self._pos: dict[int, int] = {}  # id(candidate) -> its place in `kept`
        self._by_prefix: dict[str, set[int]] = {}  # every prefix of a kept date_start
        self._by_date: dict[str, set[int]] = {}  # kept date_start as written
        self._undated: set[int] = set()
        self._spans: set[int] = set()  # kept with a date_end
        self._latest: list[tuple[tuple[int, ...], int]] | None = None  # (key, place), sorted
        self._keys: dict[int, tuple[int, ...]] = {}  # place -> its key in _latest

    def add(self, c: Candidate) -> None:
        pos = self._pos[id(c)] = len(self.kept)
        self.kept.append(c)
        if self._latest is not None:
            self._keys[pos] = _latest_first(c.date_start)
            insort(self._latest, (self._keys[pos], pos))
        self.index(c)

    def index(self, c: Candidate) -> None:
        """(Re-)index a kept happening under its current dates (_absorb may change them);
        stale entries only widen rivals()."""
        pos, date = self._pos[id(c)], c.date_start
        if not date:
            self._undated.add(pos)
        else:
            self._by_date.setdefault(date, set()).add(pos)
            for i in range(1, len(date) + 1):
                self._by_prefix.setdefault(date[:i], set()).add(pos)
        if c.date_end:
            self._spans.add(pos)
        if self._latest is not None and self._keys.get(pos) != _latest_first(date):
            old = self._keys[pos]
            del self._latest[bisect_left(self._latest, (old, pos))]
            self._keys[pos] = _latest_first(date)
            insort(self._latest, (self._keys[pos], pos))

    def rivals(self, c: Candidate) -> list[Candidate]:
        """Those a dated mention may be one with, in the order kept."""
        date = c.date_start
        if not date or (c.type == "VISIT" and c.date_end):
            return self.kept  # a span that may hold any kept visit
        found = set(self._by_prefix.get(date, ())) | self._undated
        for i in range(1, len(date)):
            found |= self._by_date.get(date[:i], set())
        if c.type == "VISIT":
            found |= self._spans
        return [self.kept[p] for p in sorted(found)]

    def latest(self, accept: Callable[[Candidate], bool],
               partial: tuple[str, str | None] | None) -> Candidate | None:
        """For an undated mention: of the happenings it is accepted by, the one its partial
        day fits, else any; the latest date, then the first kept."""
        if self._latest is None:
            self._keys = {pos: _latest_first(k.date_start) for pos, k in enumerate(self.kept)}
            self._latest = sorted((key, pos) for pos, key in self._keys.items())
        fallback = None
        for _, pos in self._latest:
            k = self.kept[pos]
            if not accept(k):
                continue
            if _fits(k, partial):
                return k
            if fallback is None:
                fallback = k
                if not partial:
                    break  # nothing fits without a partial day
        return fallback


def merge(cands: list[Candidate], ctx_year: int | None = None,
          published: str | None = None) -> list[Candidate]:
    """Greedy merge; the most precisely dated mentions first, so that a coarse or undated one
    joins the first happening it fits instead of gluing two distinct ones together."""
    order = sorted(cands, key=lambda c: (-precision(c.date_start), c.sentence, c.trigger))
    if ctx_year is None:
        # With no publication date, the story's own time is its latest dated visit.
        years = [int(c.date_start[:4]) for c in cands
                 if c.type == "VISIT" and c.date_start and c.date_start[:4].isdigit()]
        ctx_year = max(years) if years else None
    out: list[Candidate] = []
    # only mentions of one type and actors can be one happening (_same): look at those alone
    kept_by_key: dict[tuple, _Kept] = {}
    for c in order:
        same_key = kept_by_key.setdefault((c.type, c.actors), _Kept())

        def accept(kept: Candidate, c: Candidate = c) -> bool:
            return _same(kept, c, ctx_year, published)

        if c.date_start is None:
            # an undated mention is the story's own happening: the one its day and month
            # fit ("April 24-25"), else the latest
            match = same_key.latest(accept, c.partial)
        else:
            match = next((kept for kept in same_key.rivals(c) if accept(kept)), None)
        if match is None:
            out.append(c)
            same_key.add(c)
            continue
        _absorb(match, c)
        same_key.index(match)
    return sorted(out, key=lambda c: (c.sentence, c.trigger))


def date_visits(events: list[Candidate], ctx: DocContext) -> None:
    """An undated visit takes the month of its dated activities (a meeting, a signing during
    it), else, when it is under way as the report is written or is the news its lead reports
    done, the publication month."""
    if ctx.published is None and ctx.year is None:
        # no time of the report's own: a dated signing may as well be history ("in
        # September 2014 the ministers signed …") as an activity of the visit
        return
    activities = [e for e in events if e.type in ("MEETING", "AGREEMENT", "CONSULTATION")
                  and e.date_start and len(e.date_start) >= 7 and e.dated_in_text
                  and not _far_from(e.date_start, ctx.published)]
    first: dict[tuple[str, ...], Candidate] = {}  # the first activity of each set of actors
    for a in activities:
        first.setdefault(a.actors, a)
    for e in events:
        if e.type != "VISIT" or e.date_start or e.date_end:
            continue
        if e.actors in first:
            e.date_start = first[e.actors].date_start[:7]
        elif (e.status == "ongoing" or (e.sentence <= 1 and e.status == "happened")) and (
                ctx.published and len(ctx.published) >= 7):
            # under way as the report is written, or the news its lead reports done
            e.date_start = ctx.published[:7]


def _history(date: str | None, ctx_year: int | None, published: str | None) -> bool:
    """A date years (or, against a dated report, months) before the story's own time."""
    return bool(date) and ((ctx_year is not None and int(date[:4]) < ctx_year - 1)
                           or _far_from(date, published))


def drop_anaphora(events: list[Candidate], ctx_year: int | None = None,
                  published: str | None = None) -> list[Candidate]:
    """"During the meeting, ..." names no one and no date: it is the story's talks again,
    not talks dated years before the story (an undated current event never joins history)."""
    # a set, not a scan of all talks per meeting; the meeting dropped is never one of them
    talks = {frozenset(e.actors) for e in events
             if e.type in ("MEETING", "CONSULTATION", "PHONE_CALL")
             and (e.counterpart or e.date_start)
             and not _history(e.date_start, ctx_year, published)}
    return [e for e in events if not (
        e.type == "MEETING" and not e.counterpart and not e.date_start
        and frozenset(e.actors) in talks)]


def _news_day(views: list[SentenceView], ctx: DocContext) -> str | None:
    """The publication day, when the lead tells its news as of that day ("today", "this
    morning"): the lead's undated happenings are then of that day, not just its month."""
    day = ctx.anchor_day
    if day is None:
        return None
    for v in views[:LEAD_SENTENCES + 1]:
        if any(t.kind == "relative" and t.value == day for t in v.times):
            return day
    return None


def lend_dates(events: list[Candidate], ctx: DocContext,
               ceremony_day: str | None = None, news_day: str | None = None) -> None:
    """Date undated events from the story's main visit or main meeting; talks held "after
    the welcome ceremony" take the ceremony's day, talks told with the visitor's arrival
    the arrival's, a signing "after the talks" the talks'."""
    # the story's own visit and talks, not history told in it: with a dated report, one
    # months or years before it lends no date to what the story tells undated
    visits = [e for e in events if e.type == "VISIT" and (e.date_start or e.date_end)
              and not _history(e.date_start, ctx.year, ctx.published)]
    main_visit = visits[0] if visits else None
    arrival = main_visit.date_start if main_visit and main_visit.date_start and len(
        main_visit.date_start) == 10 else None
    for e in events:
        if not e.date_start and arrival and e.type == "MEETING" and e.at_arrival \
                and e.actors == main_visit.actors:
            e.date_start = arrival
    meetings = [e for e in events if e.type in ("MEETING", "CONSULTATION", "PHONE_CALL")
                and e.date_start and len(e.date_start) == 10
                and not _history(e.date_start, ctx.year, ctx.published)]
    main_meeting = meetings[0] if meetings else None
    for e in events:
        if e.date_start:
            continue
        if ceremony_day and e.type == "MEETING" and e.after_ceremony:
            e.date_start = ceremony_day
        elif main_meeting and e.after_meeting and e.type in AFTER_TALKS and (
                set(e.actors) & set(main_meeting.actors)):
            e.date_start = main_meeting.date_start
        elif main_visit and e.type in LEND_VISIT_MONTH and e.actors == main_visit.actors:
            visit_day = main_visit.date_start or main_visit.date_end
            e.date_start = visit_day[:7] if len(visit_day) >= 7 else None
            if e.date_start and main_meeting and (
                    main_meeting.date_start[:7] == e.date_start) and (
                    set(e.actors) == set(main_meeting.actors)) and (
                    len(visit_day) == 7 or visit_day == main_meeting.date_start):
                # the visit's talks are dated to the day, and the visit to no other day:
                # what is told undated with them happened that day
                e.date_start = main_meeting.date_start
        elif main_meeting and e.type in LEND_MEETING_DAY and (
                set(e.actors) & set(main_meeting.actors)):
            e.date_start = main_meeting.date_start
    if ctx.published and len(ctx.published) >= 7:
        dated_sentences = {o.sentence for o in events if o.date_start}
        for e in events:
            if not e.date_start and e.sentence <= LEAD_SENTENCES and e.type in LEND_NEWS_MONTH \
                    and e.sentence not in dated_sentences:
                e.date_start = news_day or ctx.published[:7]


def settle_status(events: list[Candidate], ctx: DocContext) -> None:
    """A visit or exercise spanning the publication day is ongoing; one after it, scheduled;
    anything announced for a period already over, happened."""
    day = ctx.anchor_day
    if not day:
        return
    for e in events:
        last = e.date_end or e.date_start
        if e.status == "scheduled" and last and last < day[:len(last)]:
            # "will pay his second visit, after the one in 2019": a period over before the
            # report was written is no plan
            e.status = "happened"
        if e.type == "VISIT" and e.activity_day == day and not e.date_end:
            e.status = "ongoing"  # something of it was done on the day of the report
        if e.type not in ("VISIT", "EXERCISE") or not e.date_start or len(e.date_start) < 10:
            continue
        end = e.date_end or e.date_start
        if e.date_start <= day <= end:
            e.status = "ongoing"
        elif day < e.date_start:
            e.status = "scheduled"
        elif e.status != "happened" and day > end:
            e.status = "happened"


def _count_from_stated_founding(candidates: list[Candidate],
                                founding: dict[frozenset[str], str], ctx: DocContext) -> None:
    """"Ties were set up on 5 September 1962 ... the 60th anniversary": an anniversary of
    ties dated by no word of its own counts from the founding its text states in another
    sentence, before a well-known one (SCHEMA.md's order)."""
    for c in candidates:
        told = founding.get(frozenset(c.actors)) if c.counted else None
        if told is None or not told[:4].isdigit():
            continue
        year = int(told[:4]) + c.counted
        if ctx.this_year is not None and year > ctx.this_year + 1:
            continue  # counted past the clock: that date founded something else
        if not (c.date_start or "").startswith(str(year)):
            c.date_start, c.dated_in_text = str(year), True
        if c.status == "happened" and ctx.year == year and len(c.date_start) == 4:
            c.status = "ongoing"


def drop_anniversary_echo(events: list[Candidate]) -> list[Candidate]:
    """"The 35th anniversary of the establishment of relations" in 2024 is an anniversary;
    the establishment it names is an event only with a date of its own (1989), not the
    anniversary's."""
    marks = {(e.sentence, frozenset(e.actors), e.date_start) for e in events
             if e.type == "ANNIVERSARY"}
    return [e for e in events if not (
        e.type == "RELATIONS_ESTABLISHED"
        and (e.sentence, frozenset(e.actors), e.date_start) in marks)]


# Events whose day a following "it took place on ..." sentence gives.
_HELD_TYPES = frozenset({"MEETING", "CONSULTATION", "PHONE_CALL", "AGREEMENT", "EXERCISE"})


def _date_from_held(candidates: list[Candidate], by_index: dict[int, SentenceView],
                    lex: EventLexicon) -> None:
    """"X held consultations with Y. The meeting took place in Warsaw on 8 July 2025.": an
    undated event takes the day of the next sentence when that sentence says it was held."""
    if lex.held is None:
        return
    for c in candidates:
        if c.date_start or c.type not in _HELD_TYPES:
            continue
        nxt = by_index.get(c.sentence + 1)
        if nxt is None or not lex.held.search(nxt.folded):
            continue
        days = [t for t in nxt.times if t.kind in ("date", "range") and t.value
                and len(t.value) == 10]
        if len(days) == 1:
            c.date_start = days[0].value


# Events a report's lead tells without a date of their own, on the day its dateline gives.
_DATELINE_TYPES = frozenset({"MEETING", "CONSULTATION", "PHONE_CALL", "AGREEMENT",
                             "SUPPORT_STATEMENT", "AID"})


def _date_from_dateline(candidates: list[Candidate], views: list[SentenceView], doc: Document,
                        anchor: str | None) -> None:
    """"Ottawa, 6 April 2022 – X spoke with Y.": the lead's undated event took place on the
    dateline's day (the dateline was cut from the text as metadata)."""
    if not doc.dateline or not views:
        return
    from bilat.analysis.dates import find_times

    days = [t.value for t in find_times(doc.dateline, doc.language, anchor)
            if t.kind == "date" and t.value and len(t.value) == 10]
    if len(days) != 1:
        return
    lead = views[0].sentence.index
    for c in candidates:
        if (c.sentence == lead and c.date_start is None and c.type in _DATELINE_TYPES
                and c.status != "scheduled"):
            c.date_start = days[0]


def _date_greetings(candidates: list[Candidate], by_index: dict[int, SentenceView],
                    lex: EventLexicon, published: str | None) -> None:
    """"On the 50th anniversary, President X sent a letter …": the anniversary is the act,
    done as the report is written: the publication month, not just the year."""
    if lex.greetings is None or not published or len(published) < 7:
        return
    for c in candidates:
        view = by_index.get(c.sentence)
        if (c.type == "ANNIVERSARY" and c.date_start == published[:4] and view is not None
                and lex.greetings.search(view.folded)):
            c.date_start = published[:7]


def _ceremony_day(views: list[SentenceView], lex: EventLexicon) -> str | None:
    """The day of the story's welcome ceremony, when a sentence naming one gives it."""
    if lex.ceremony is None:
        return None
    for v in views:
        if lex.ceremony.search(v.folded):
            days = [t.value for t in v.times if t.value and len(t.value) == 10]
            if days:
                return days[0]
    return None


def _known(value: str | None) -> str | None:
    """A date as SCHEMA.md writes it; a day and month whose year nothing gave ("XXXX-05-12",
    kept while the document is read for a year) is no date in the output."""
    return None if value is None or value.startswith("XXXX") else value


def _event(c: Candidate) -> Event:
    plover, mode = plover_of(c.type)
    return Event(type=c.type, plover=plover, mode=mode, actors=c.actors, actor=c.actor,
                 recipient=c.recipient, date_start=_known(c.date_start),
                 date_end=_known(c.date_end),
                 status=c.status, people=c.people, location=c.location, evidence=c.evidence,
                 sentence=c.sentence, start=c.start, end=c.end)

"""Calendar: every time expression of the document resolved once (its year by SCHEMA.md's
rule, partial dates kept), and the choice each event makes among its sentence's times, so
that no other step computes a date."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import cache
from pathlib import Path

import yaml

from bilat.analysis.dates import list_joiners
from bilat.analysis.fold import fold
from bilat.analysis.spans import by_sentence
from bilat.extract.lexicon import EventLexicon, event_lexicon
from bilat.extract.state import (
    Candidate,
    DocContext,
    DocState,
    SentenceView,
    Trigger,
    sentence_views,
)
from bilat.model import TimeExpr

# Kinds that can date an event; "as_of", "since" and "part_of_year" belong to figures.
EVENT_KINDS = ("date", "range", "relative", "year")
_WINDOW = 160  # characters: a date further than this from the trigger is another clause's
# Types dated by a span of years ("(1973 - 2023)"); other events never take such a span.
SPAN_TYPES = ("RELATIONS_ESTABLISHED", "PARTNERSHIP_UPGRADE", "ANNIVERSARY")


class Calendar:
    name = "calendar"
    requires = ("doc", "today", "story_year", "sentences", "mentions", "quantities", "folded",
                "lex", "pair", "people", "home")
    assigns = ("times", "partials", "anniversaries", "anniversaries_in", "stated", "year",
               "ctx", "views")

    def run(self, state: DocState) -> None:
        """The document's year, each sentence's times resolved against it, and the per-sentence
        views (with the document context) the later steps read.

        `state.story_year`: the year of the story's own happening, when a first reading of an
        undated report found it told of that happening only ("April 24-25" and "the visit, in
        the Friendship Year 2017"); the report's day/month mentions, "currently" and "last
        year" are then of that year (see `reread`)."""
        from bilat.analysis.dates import find_anniversaries, find_elapsed, find_times

        today, story_year = state.today, state.story_year
        text, language, published = state.text, state.language, state.published
        sentences, quantities, folded, lex = (state.sentences, state.quantities, state.folded,
                                              state.lex)
        raw_times = find_times(text, language, anchor(published))
        published_month = published[:7] if published and len(published) == 7 else None
        if published_month and (told := told_day(state.doc.dateline, raw_times, published_month,
                                                 language)):
            # a month-only publication whose dateline or text states a day of that month:
            # "on Monday", "yesterday" resolve against that day, to a day
            raw_times = find_times(text, language, told)
            published_month = None
        raw_times = _weekday_numbers(raw_times, text, published_month)
        anniversaries = state.anniversaries = find_anniversaries(text, language)
        founding_dates = [t.value for t in raw_times if t.value and t.value[:4].isdigit()
                          and t.kind in ("date", "range") and _near_founding(folded, t.start, lex)]
        # only anniversaries of ties count from a founding ("the 10th anniversary of the
        # partnership" in an undated report says nothing of its year by the ties' founding)
        counts = [n for start, _, n in anniversaries if relations_at(folded, start, lex)] + \
            _years_since_founding(folded, language, lex)
        year = infer_year(published, raw_times, counts, founding_dates, state.pair,
                          latest=today.year,
                          elapsed=_elapsed_years(find_elapsed(text, language), raw_times, text))
        stated = year  # the publication's, or one the text's arithmetic gives
        if year is None:
            # the story's own year, else the one a series of figures implies: for "currently"
            # and "last year", not for the day and month of a happening the series is not about
            year = story_year if story_year is not None else max(
                _series_years(text, language, sentences, raw_times, quantities, today.year),
                default=None)
        if published is None and year is not None:
            # "last year" against a year the text implies: what a mid-year anchor makes of the
            # relative words it can resolve to a year; everything else stays as read.
            by_span = {(t.start, t.end): t for t in find_times(text, language, f"{year}-07-01")
                       if t.kind == "relative" and t.value and len(t.value) == 4}
            raw_times = [by_span.get((t.start, t.end), t) if t.kind == "relative" and not t.value
                         else t for t in raw_times]
        times, partials = [], []
        recent: tuple[int, int] | None = None  # (sentence index, year) of the story's last year
        # per-sentence findings by bisection: scanning the whole document per sentence is
        # quadratic in its length
        times_in = by_sentence(sentences, raw_times)
        money_in = [any(q.kind == "money" for q in qs)
                    for qs in by_sentence(sentences, quantities)]
        for k, s in enumerate(sentences):
            inside = times_in[k]
            own = sentence_year(inside)
            fill = stated if stated is not None else own
            if fill is None and recent and s.index - recent[0] <= 3:
                fill = recent[1]  # "in 2016 ... in June": a series continues the year before it
            if fill is None:
                fill = story_year
            inside = _same_year(inside) if own is not None else inside
            for t in inside:
                r = resolve_time(t, fill, published_month)
                if r is not None:
                    times.append(r)
                elif t.value and t.value.startswith("XXXX") and len(t.value) == 10:
                    partials.append(t)
            history = any(_near_founding(folded, t.start, lex) for t in inside)
            figures = money_in[k]
            # a year told in a "since he took office in 2019" clause is that happening's: no
            # series for the next sentences' days to continue
            series = None if own is None else sentence_year(
                [t for t in inside if not _after_since(folded, s.start, t, lex)])
            if series is not None and not history and not figures:
                recent = (s.index, series)
        state.times, state.partials, state.stated, state.year = times, partials, stated, year
        state.ctx = DocContext(language=language, published=published, year=year,
                               pair=state.pair, founding={}, people=state.people,
                               home_state=state.home, this_year=today.year)
        state.views = sentence_views(state.doc, sentences, state.mentions, times, quantities,
                                     folded, partials)
        # by where the count ends: "der 100. Jahrestag" split after "100." is the next
        # sentence's anniversary
        state.anniversaries_in = by_sentence(sentences, anniversaries, start=lambda a: a[1] - 1)


STEP = Calendar()


def reread(state: DocState) -> int | None:
    """The year to read the document again in: a report whose year nothing stated, whose
    events completed a day and month with a year told of that same happening, is of that
    year (the latest such), so its other day/month mentions are too."""
    told = [int(c.date_start[:4]) for c in state.kept if c.completed]
    if state.stated is None and state.story_year is None and told:
        return max(told)
    return None


# -- the document's year ---------------------------------------------------------------------

def anchor(published: str | None) -> str | None:
    """A day to resolve relative words against; a month-only date stands for its 15th."""
    if not published:
        return None
    if len(published) == 10:
        return published
    if len(published) == 7:
        return published + "-15"
    return None


def told_day(dateline: str | None, times: list[TimeExpr], month: str,
             language: str | None) -> str | None:
    """The day a report of a month-only publication was written, as far as its words tell:
    the dateline's day, else the latest day of that month its text writes out."""
    from bilat.analysis.dates import find_times

    if dateline:
        days = [t.value for t in find_times(dateline, language, month + "-15")
                if t.kind == "date" and t.value and len(t.value) == 10
                and t.value.startswith(month)]
        if days:
            return days[0]
    days = [t.value for t in times if t.kind == "date" and t.value and len(t.value) == 10
            and t.value.startswith(month)]
    return max(days, default=None)


_DAY_NUMBER = re.compile(r"\s*[(,]?\s*(\d{1,2})\s*\)")


def _weekday_numbers(times: list[TimeExpr], text: str, month: str | None) -> list[TimeExpr]:
    """"nesta sexta-feira (21)" in a month-only publication: the weekday's day number gives
    the day when that day of the month falls on that weekday (the weekday read against the
    month's middle keeps its weekday)."""
    if not month:
        return times
    out = []
    for t in times:
        m = _DAY_NUMBER.match(text, t.end) if t.kind == "relative" and t.value and len(
            t.value) == 10 else None
        if m is not None:
            try:
                day = dt.date(int(month[:4]), int(month[5:7]), int(m.group(1)))
            except ValueError:
                day = None
            if day is not None and day.isoweekday() == dt.date.fromisoformat(
                    t.value).isoweekday():
                t = replace(t, kind="date", value=day.isoformat(), end=m.end(),
                            year_from_text=False)
        out.append(t)
    return out


@cache
def known_foundings() -> dict[frozenset[str], str]:
    path = Path(__file__).resolve().parents[2] / "data" / "relations.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {frozenset(k.split("-")): str(v) for k, v in data.items()}


def fill_year(value: str | None, year: int | None) -> str | None:
    """Replace an unknown year ("XXXX-10-13") by `year`, or drop the value when there is none."""
    if value is None or not value.startswith("XXXX"):
        return value
    return None if year is None else f"{year:04d}{value[4:]}"


def resolve_time(t: TimeExpr, year: int | None, published_month: str | None
                 ) -> TimeExpr | None:
    """A time expression with its unknown year filled; None when it cannot be dated at all.

    `published_month` is set when the publication date has no day: "on Monday" then dates
    only to that month.
    """
    if published_month and t.kind == "relative" and t.value and len(t.value) == 10:
        return replace(t, value=published_month, end_value=None, year_from_text=False)
    value, end = fill_year(t.value, year), fill_year(t.end_value, year)
    if value is None and t.value is not None:
        return None
    if value == t.value and end == t.end_value:
        return t
    return replace(t, value=value, end_value=end, year_from_text=False)


def infer_year(published: str | None, times: list[TimeExpr], anniversaries: list[int],
               stated_founding: list[str], pair: tuple[str, ...],
               latest: int | None = None, elapsed: list[int] | None = None) -> int | None:
    """The document's year for day/month mentions: publication, else year arithmetic.

    SCHEMA.md's order: the publication date; else a year the text states for that happening
    (sentence_year, per sentence; `elapsed`: "24 years after the 1998 visit" states 2022 for
    the visit told); else an N-th anniversary of a founding date the text states or that is
    well known. Years of other happenings never date a document.
    """
    if published:
        return int(published[:4])
    stated = [y for y in elapsed or () if latest is None or y <= latest]
    if stated:
        return max(stated)
    if anniversaries:
        # the founding the text states, else the well-known one; a date that puts the
        # report after today was no founding of ties (a partnership set up in 2015)
        foundings = sorted(f for f in stated_founding if f[:4].isdigit())
        if len(pair) == 2 and (known := known_foundings().get(frozenset(pair))):
            foundings.append(known)
        for founding in foundings:
            year = int(founding[:4]) + max(anniversaries)
            if latest is None or year <= latest:
                return year
    return None


def sentence_year(times: list[TimeExpr]) -> int | None:
    """A year the sentence itself writes out, for its day/month mentions ("11/12 ... năm 2023")."""
    years = [int(t.value[:4]) for t in times if t.value and t.value[:4].isdigit()
             and t.year_from_text and t.kind in ("date", "range", "year", "part_of_year")]
    return max(years) if years else None


def _same_year(times: list[TimeExpr]) -> list[TimeExpr]:
    """"in March 2014 ... in June the same year": a month whose year the text did not write
    takes the year written before it in the sentence, not the publication's."""
    out, last = [], None
    for t in sorted(times, key=lambda t: t.start):
        if t.year_from_text and t.value and t.value[:4].isdigit():
            last = (t.end_value or t.value)[:4]
        elif last and t.kind in ("date", "range") and t.value and not t.year_from_text and (
                t.value[:4].isdigit() and t.value[:4] != last) and len(t.value) >= 7:
            end = last + t.end_value[4:] if t.end_value else None
            t = replace(t, value=last + t.value[4:], end_value=end)
        out.append(t)
    return out


def _series_years(text: str, language: str | None, sentences: list, times: list[TimeExpr],
                  quantities: list, this_year: int) -> list[int]:
    """"Trade rose to $156 million last year from $114 million in 2003": a series of figures
    that "last year" continues is the year after its latest (2004), so the report is of the
    year after that (2005)."""
    from bilat.analysis.dates import find_times

    out = []
    times_in = by_sentence(sentences, times)
    money_in = [any(q.kind == "money" for q in qs) for qs in by_sentence(sentences, quantities)]
    for s, inside, money in zip(sentences, times_in, money_in, strict=True):
        years = [int(t.value[:4]) for t in inside if t.kind == "year" and t.year_from_text
                 and t.value and t.value[:4].isdigit()]
        if not years or not any(t.kind == "relative" and not t.value for t in inside) or not \
                money:
            continue
        # which of its relative words is "last year": read against a known year
        spans = {(t.start, t.end) for t in inside if t.kind == "relative" and not t.value}
        probe = find_times(text[s.start:s.end], language, "2000-07-01")
        if any((t.start + s.start, t.end + s.start) in spans and t.value == "1999"
               for t in probe) and max(years) + 2 <= this_year:
            out.append(max(years) + 2)
    return out


def _elapsed_years(elapsed: list[tuple[int, int, int]], times: list[TimeExpr], text: str
                   ) -> list[int]:
    """"24 years after the 1998 visit": 2022, the year the following written year plus N
    gives (that year within a few words of the phrase, in its clause: in "ten years after,
    in 2008" the year is the result, not the start)."""
    out = []
    ordered = sorted(times, key=lambda t: t.start) if elapsed else []
    starts = [t.start for t in ordered]
    for _, end, n in elapsed:
        # only the times starting in [end, end + 100], found by bisection
        near = ordered[bisect_left(starts, end):bisect_right(starts, end + 100)]
        year = next((int(t.value[:4]) for t in near
                     if t.year_from_text and t.value
                     and t.value[:4].isdigit() and t.kind in ("year", "date", "range")
                     and not re.match(r"\s*[,;:]", text[end:t.start])), None)
        if year is not None:
            out.append(year + n)
    return out


def _years_since_founding(folded: str, language: str | None, lex: EventLexicon) -> list[int]:
    """"N years since they set up diplomatic relations", "cách đây 44 năm": N for the year."""
    from bilat import lang

    units = (lang.load(language, "time") or {}).get("anniversary_units") if language else None
    if not units:
        return []
    names = "|".join(re.escape(fold(u)) for u in units)
    pattern = re.compile(rf"(?<!\w)(\d{{1,3}})\s+(?:{names})(?!\w)")
    out = []
    for m in pattern.finditer(folded):
        if lex.founding and lex.founding.search(folded, max(0, m.start() - 60), m.end() + 60):
            out.append(int(m.group(1)))
    return out[:1]


def _after_since(folded: str, lo: int, t: TimeExpr, lex: EventLexicon) -> bool:
    """A time inside a "since ..." clause of its sentence (the language's `since_clause`)."""
    return bool(lex.since_clause
                and lex.since_clause.search(folded, max(lo, t.start - 100), t.start))


def _near_founding(folded: str, pos: int, lex: EventLexicon) -> bool:
    """A date written next to words of founding ties."""
    return bool(lex.founding and lex.founding.search(folded, max(0, pos - 120), pos + 20))


# -- the date of an event: chosen among its sentence's times ---------------------------------

def precision(value: str | None) -> int:
    return len(value or "")


def nearest_time(times: tuple[TimeExpr, ...], start: int, end: int,
                 kinds: tuple[str, ...] = EVENT_KINDS, prefer_range: bool = False,
                 exclude: frozenset[int] = frozenset()) -> TimeExpr | None:
    """The dated expression closest to the trigger span [start, end).

    A date after the trigger reads as that event's ("visited Hanoi on 5 May"), one before it
    often too ("On 5 May, X visited"), so both count with a small bias for the later one; a
    range wins for visits when one is near ("a visit from 21 to 25 August").
    """
    best, best_score = None, None
    for i, t in enumerate(times):
        if i in exclude or t.kind not in kinds or not t.value:
            continue
        if t.start >= end:
            distance = t.start - end
        elif t.end <= start:
            distance = (start - t.end) * 1.3 + 5
        else:
            distance = 0
        if distance > _WINDOW:
            continue
        score = distance - (60 if prefer_range and t.kind == "range" else 0)
        if best_score is None or score < best_score:
            best, best_score = t, score
    return best


def listed_years(times: tuple[TimeExpr, ...], text: str, after: int, language: str | None
                 ) -> list[TimeExpr]:
    """Years or months listed after a trigger: "three trips, in 2006, 2012 and 2018"; the
    words that join them are the language's `list_joiners` (time.yaml)."""
    seq = [t for t in times if t.start >= after and t.value and t.kind in ("year", "date")]
    if len(seq) < 2:
        return []
    joiners = list_joiners(language)
    run = [seq[0]]
    for t in seq[1:]:
        gap = " ".join(text[run[-1].end:t.start].strip(" ,;").lower().split())
        if gap in joiners:
            run.append(t)
        else:
            break
    return run if len(run) >= 2 else []


def anniversary_year(n: int, founding: str | None) -> str | None:
    return f"{int(founding[:4]) + n:04d}" if founding else None


def in_since_clause(view: SentenceView, trig: Trigger, t: TimeExpr, lex: EventLexicon
                     ) -> bool:
    """"the first visit since he took office in December 2022": a date inside a "since"
    clause that does not hold the trigger is the clause's happening, not the trigger's
    ("since they set up ties on 22 March 1973" dates the ties, not a signing told later)."""
    if lex.since_clause is None:
        return False
    for m in lex.since_clause.finditer(view.folded, max(0, t.start - 100), t.start):
        if not m.start() <= trig.start < t.start:
            return True
    return False


def is_span(t: TimeExpr) -> bool:
    return t.kind == "range" and bool(t.end_value) and t.end_value[:4] != (t.value or "")[:4]


def event_times(view: SentenceView, trig: Trigger, owned: list[TimeExpr], lex: EventLexicon
                ) -> tuple[TimeExpr, ...]:
    """Of the times the trigger owns, those that may date it: a span of years only for the
    types that take one, nothing inside another clause's "since"."""
    spans_ok = trig.type in SPAN_TYPES or trig.role == "ended"
    return tuple(t for t in owned if (spans_ok or not is_span(t))
                 and not in_since_clause(view, trig, t, lex))


def dated(trig: Trigger, times: tuple[TimeExpr, ...], base: Candidate,
          people: tuple[str, ...], view: SentenceView, lex: EventLexicon) -> Candidate:
    """`base` as this trigger's event, dated by its own times (_dated); with none, the day and
    month nearest to it that no year completes, kept for consolidate."""
    cand = _dated(trig, times, base, people, view.text, lex)
    if cand.date_start is None and view.partials:
        # "from April 24-25", no year anywhere: kept for a year told of the same
        # happening elsewhere in the story (consolidate completes it)
        p = nearest_time(view.partials, trig.start, trig.end,
                         prefer_range=trig.type == "VISIT")
        if p is not None:
            cand.partial = (p.value, p.end_value if trig.type == "VISIT" else None)
    return cand


def founding_date(times: tuple[TimeExpr, ...], trig: Trigger, ctx: DocContext) -> str | None:
    """The founding date near a "relations established" trigger: the start of a span of years
    ("(1973 - 2023)"), else the nearest date before the document's own year."""
    near = [t for t in times if t.value and abs(t.start - trig.end) < 140]
    spans = [t for t in near if t.kind == "range" and t.end_value
             and t.end_value[:4] != t.value[:4]]
    if spans:
        return spans[0].value
    past = [t for t in near if t.kind in ("date", "year") and t.value[:4].isdigit()
            and (ctx.year is None or int(t.value[:4]) < ctx.year)]
    if not past:
        return None
    return min(past, key=lambda t: abs(t.start - trig.end)).value


def _start_from_length(text: str, last_day: str, lex: EventLexicon) -> str | None:
    """First day of a visit that ended on `last_day` and is said to last N days (the
    language's `visit_length` words: "three-day", "dreitägigen", "trzydniową")."""
    folded = fold(text)
    for pattern, numbers in lex.visit_length:
        m = pattern.search(folded)
        if m is None:
            continue
        word = m.group("n")
        n = int(word) if word.isdigit() else numbers.get(word)
        if n:
            end = dt.date.fromisoformat(last_day)
            return (end - dt.timedelta(days=n - 1)).isoformat()
    return None


def _date(t: TimeExpr | None) -> tuple[str | None, str | None]:
    if t is None:
        return None, None
    if t.kind == "range":
        return t.value, t.end_value
    return t.value, None


def _dated(trig: Trigger, times: tuple[TimeExpr, ...], base: Candidate,
           people: tuple[str, ...], view_text: str = "",
           lex: EventLexicon | None = None) -> Candidate:
    """A candidate dated by the trigger's own time expressions.

    A visit takes a stated span; an arrival or departure dates its first or last day; any
    other day near a visit is one of its activities and dates it to the month only.
    """
    kinds = ("date", "range", "relative", "year")
    if trig.role == "ended":
        kinds += ("since",)  # "from July 2018 on, X stopped …": when the change came
    usable = [t for t in times if t.kind in kinds and t.value]
    ranges = [t for t in usable if t.kind == "range"]
    if trig.type == "VISIT" and ranges:
        t = ranges[0]
    elif usable:
        # The most precise of the trigger's dates, then the nearest: "visits in 2016 were a
        # State visit ... in June" is June 2016.
        t = min(usable, key=lambda x: (-len(x.value), abs(x.start - trig.end)))
    else:
        t = None
    date_start, date_end = _date(t)
    activity_day = None
    if trig.type == "VISIT" and t is not None and t.kind != "range" and len(t.value) == 10:
        if trig.role == "end":
            start = _start_from_length(view_text, t.value, lex) if lex is not None else None
            date_start, date_end = start, t.value
        elif trig.role == "activity" or (
                trig.role != "start" and (t.start - trig.end > 40 or t.end < trig.start - 40)):
            date_start = t.value[:7]
            if trig.role == "activity":
                activity_day = t.value
    if trig.type != "VISIT":
        date_end = None
    cand = replace(base, type=trig.type, date_start=date_start, date_end=date_end,
                   dated_in_text=t is not None, people=people)
    if activity_day:
        cand.activity_day = activity_day  # a day the visit was under way
    return cand


_ORDINAL_DIGITS = re.compile(r"(?<!\d)\d{1,3}(?!\d)")
_OF_WINDOW = 100  # characters after the ordinal where what the anniversary is of is named


_BEFORE_WINDOW = 80  # "relations ..., which mark 55 years": ties named just before the count


def of_relations(view: SentenceView, at: int, lex: EventLexicon | None) -> bool:
    """Whether the anniversary at `at` is of relations between states (the language's `ties`
    or `founding` words after it, or just before it): only those count from the founding of
    ties; "the 20th anniversary of the treaty" or "of the strategic partnership" does not."""
    return relations_at(view.folded, at, lex)


def relations_at(folded: str, at: int, lex: EventLexicon | None) -> bool:
    """of_relations on any folded text (a sentence, or the whole document for its year)."""
    if lex is None:
        return False
    partner = lex.partnership.search(folded, at, at + _OF_WINDOW) if lex.partnership else None
    for words in (lex.ties, lex.founding):
        if words is None:
            continue
        after = words.search(folded, at, at + _OF_WINDOW)
        if after and not (partner and partner.start() < after.start()):
            return True
        if partner is None and words.search(folded, max(0, at - _BEFORE_WINDOW), at):
            return True
    return False


def anniversary_candidates(view: SentenceView, ctx: DocContext, base: Candidate,
                           anniversaries: list[tuple[int, int, int]], trigger: int,
                           people: tuple[str, ...],
                           times: tuple[TimeExpr, ...] | None = None) -> list[Candidate]:
    """An anniversary of ties is dated founding year + N; a dated celebration by its day (and
    one of this year with no day of its own is ongoing).

    The founding counts only for an anniversary of relations; a date the text states for the
    celebration wins over the arithmetic. `times`: the trigger's own times, when known (a year
    told of another happening in the sentence does not date the celebration)."""
    lex = event_lexicon(ctx.language)
    found = [(max(0, s - view.sentence.start), n) for s, e, n in anniversaries
             if view.sentence.start < e <= view.sentence.end]
    if not found:
        digits = _ORDINAL_DIGITS.search(view.folded, trigger, trigger + 60)
        found = [(digits.start(), int(digits.group()))] if digits else []
    ns = [n for _, n in found]
    at = found[0][0] if found else trigger
    relations = of_relations(view, at, lex)
    states = frozenset(a for a in base.actors if len(a) == 2)
    spans = [t for t in view.times if t.kind == "range" and t.value and t.end_value
             and t.end_value[:4] != t.value[:4]]
    founding = spans[0].value if spans else (
        (ctx.founding.get(states) or known_foundings().get(states)) if relations else None)
    year = anniversary_year(ns[0], founding) if ns else None
    if spans and not ns:
        year = spans[0].end_value[:4]
    if year and ctx.this_year and int(year) > ctx.this_year + 1:
        year = None  # a count that lands past the clock was of something else
    day = None
    for t in view.times:
        if t.kind in ("date", "relative") and t.value and len(t.value) >= 7 and year and (
                t.value.startswith(year)):
            day = t.value
            break
    counted = founding is not None and not spans and day is None
    own = view.times if times is None else times
    if day is None and not spans:
        # the celebration's own written-out day or month dates it ("Le 22 janvier 2023, …
        # ont célébré le 60e anniversaire du traité"), over a founding count ...
        t = nearest_time(own, trigger, trigger + 1, kinds=("date",))
        if t is not None and t.value and len(t.value) >= 7 and t.value[:4].isdigit():
            ref, told = ctx.year or ctx.this_year, int(t.value[:4])
            if ns and ref and told < ref - 1 and abs(told + ns[0] - ref) <= 1:
                if founding is None:
                    year = str(told + ns[0])  # ... unless it is the founding, N years before
            elif year is None or t.year_from_text or abs(told - int(year)) <= 1:
                day = t.value  # a written-out year is the text's word over the count
                counted = False
    if year is None and day is None:
        t = nearest_time(own, trigger, trigger + 1, kinds=("year",))
        if t is not None and ns and ctx.year and abs(int(t.value[:4]) + ns[0] - ctx.year) <= 1:
            year = str(int(t.value[:4]) + ns[0])  # the founding, N years before the report
        elif t is not None:
            year = t.value  # the celebration's own year
    counted = counted or (relations and founding is None and year is None and day is None)
    if year is None and day is None and ns and ctx.published and base.status != "scheduled":
        # nothing to count from and no date of its own: the celebration the report tells
        # is of the report's year ("the visit marks the 20th anniversary of the treaty")
        year = ctx.published[:4]
    date = day or year
    status = base.status
    if status == "happened" and date and ctx.year and date[:4] == str(ctx.year) and not day:
        status = "ongoing"
    out = [replace(base, type="ANNIVERSARY", date_start=date, dated_in_text=date is not None,
                   people=people, status=status,
                   counted=ns[0] if ns and relations and counted else None)]
    partnership = lex_partnership(ctx.language)
    named = partnership.search(view.folded, trigger, trigger + 120) if partnership else None
    if spans and named and spans[0].start > named.start():
        # "the 15th anniversary of the Strategic Partnership (2010-2025)": the upgrade itself
        out.append(replace(base, type="PARTNERSHIP_UPGRADE", date_start=spans[0].value[:4],
                           dated_in_text=True, status="happened"))
    return out


def lex_partnership(language: str | None) -> re.Pattern[str] | None:
    return event_lexicon(language).partnership

"""Document-level extraction: analyse once, read each sentence, then merge within the story."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from bilat.analysis.fold import fold
from bilat.analysis.sentences import MAX_SENTENCE
from bilat.analysis.spans import by_sentence
from bilat.extract import trace
from bilat.extract.consolidate import (
    date_visits,
    drop_anaphora,
    drop_anniversary_echo,
    lend_dates,
    merge,
    settle_status,
)
from bilat.extract.context import (
    DocContext,
    infer_year,
    is_state,
    main_pair,
    resolve_time,
    sentence_views,
    sentence_year,
)
from bilat.extract.events import Candidate, plover_of, sentence_events
from bilat.extract.facts import sentence_facts
from bilat.extract.lexicon import event_lexicon
from bilat.model import Document, Event, Extraction, Fact, TimeExpr


def _anchor(published: str | None) -> str | None:
    """A day to resolve relative words against; a month-only date stands for its 15th."""
    if not published:
        return None
    if len(published) == 10:
        return published
    if len(published) == 7:
        return published + "-15"
    return None


def extract(doc: Document, story_year: int | None = None,
            max_sentence: int = MAX_SENTENCE, today: dt.date | None = None) -> Extraction:
    """`story_year`: the year of the story's own happening, when a first reading of an
    undated report found it told of that happening only ("April 24-25" and "the visit, in
    the Friendship Year 2017"); the report's day/month mentions, "currently" and "last
    year" are then of that year."""
    from bilat.analysis.dates import find_anniversaries, find_elapsed, find_times
    from bilat.analysis.entities import find_mentions, person_key
    from bilat.analysis.quantities import find_quantities
    from bilat.analysis.sentences import split_sentences

    today = today or dt.date.today()  # the clock, read once: a report is not after it
    text, language = doc.text, doc.language
    published = doc.published[:10] if doc.published else None
    sentences = split_sentences(text, language, max_sentence)
    mentions = find_mentions(text, language, published)
    title_mentions = find_mentions(doc.title, language, published) if doc.title else []
    raw_times = find_times(text, language, _anchor(published))
    quantities = find_quantities(text, language)
    anniversaries = find_anniversaries(text, language)
    pair = main_pair(mentions, title_mentions)
    lex = event_lexicon(language)
    home = _site_state(doc.url) or lex.home_state
    if len(pair) < 2 and home and home not in pair:
        pair = (*pair, home)

    folded = fold(text)
    founding_dates = [t.value for t in raw_times if t.value and t.value[:4].isdigit()
                      and t.kind in ("date", "range") and _near_founding(folded, t.start, lex)]
    counts = [n for _, _, n in anniversaries] + _years_since_founding(folded, language, lex)
    year = infer_year(published, raw_times, counts, founding_dates, pair,
                      latest=today.year,
                      elapsed=_elapsed_years(find_elapsed(text, language), raw_times, text))
    stated = year  # the publication's, or one the text's arithmetic gives
    if year is None:
        # the story's own year, else the one a series of figures implies: for "currently"
        # and "last year", not for the day and month of a happening the series is not about
        year = story_year if story_year is not None else max(
            _series_years(text, language, sentences, raw_times, quantities, today.year),
            default=None)
    published_month = published[:7] if published and len(published) == 7 else None
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
    money_in = [any(q.kind == "money" for q in qs) for qs in by_sentence(sentences, quantities)]
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
        if own is not None and not history and not figures:
            recent = (s.index, own)
    people = {}
    for m in mentions:
        if m.kind == "person" and m.code:
            people.setdefault(m.name or m.text, m.code)
            people.setdefault(person_key(m.name or m.text), m.code)
    founding = {}
    ctx = DocContext(language=language, published=published, year=year, pair=pair,
                     founding=founding, people=people, home_state=home, this_year=today.year)
    views = sentence_views(doc, sentences, mentions, times, quantities, folded, partials)
    anniversaries_in = by_sentence(sentences, anniversaries, start=lambda a: a[0])

    candidates: list[Candidate] = []
    facts: list[Fact] = []
    for view, own_anniversaries in zip(views, anniversaries_in, strict=True):
        candidates.extend(sentence_events(view, ctx, lex, own_anniversaries))
        facts.extend(sentence_facts(view, ctx, facts))
    by_index = {v.sentence.index: v for v in views}
    _date_from_held(candidates, by_index, lex)
    _date_from_dateline(candidates, views, doc, _anchor(published))
    _date_greetings(candidates, by_index, lex, doc.published)
    for c in candidates:
        if c.type == "RELATIONS_ESTABLISHED" and c.date_start:
            founding.setdefault(frozenset(c.actors), c.date_start)
    events = _traced("consolidate", candidates, drop_anniversary_echo(candidates),
                     "the establishment an anniversary names, with no date of its own")
    events = _traced("consolidate", events, merge(events, year, published),
                     "the same happening as one told before: merged into it")
    events = _traced("consolidate", events, drop_anaphora(events),
                     "a later mention of an event already kept (\"the talks\")")
    date_visits(events, ctx)
    lend_dates(events, ctx, _ceremony_day(views, lex))
    settle_status(events, ctx)
    told = [int(c.date_start[:4]) for c in events if c.extra.get("completed")]
    if stated is None and story_year is None and told:  # again, in the story's own year
        trace.restart(f"read again in {max(told)}, the year told of its own happening")
        return extract(doc, story_year=max(told), max_sentence=max_sentence, today=today)
    out = tuple(_event(c) for c in events)
    if trace.active():
        for e in out:
            trace.note(e.sentence, "output", e.type, "kept",
                       f"{', '.join(e.actors)}; {e.date_start or 'no date'}; {e.status}")
    return Extraction(events=out, facts=tuple(_dedupe(facts)))


# Country-code top-level domains that sites use for their look, not their country.
_GENERIC_TLDS = frozenset({"co", "io", "tv", "me", "ai", "fm", "cc", "ws", "gg", "ly"})


def _site_state(url: str | None) -> str | None:
    """The home state of a news site from its country-code domain (".vn", ".gov.uk")."""
    if not url or "://" not in url:
        return None
    host = url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].rstrip(".").lower()
    tld = host.rsplit(".", 1)[-1]
    if len(tld) != 2 or tld in _GENERIC_TLDS:
        return None
    return "GB" if tld == "uk" else tld.upper()


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


# Events whose day a following "it took place on ..." sentence gives.
_HELD_TYPES = frozenset({"MEETING", "CONSULTATION", "PHONE_CALL", "AGREEMENT", "EXERCISE"})


def _date_from_held(candidates: list[Candidate], by_index: dict, lex) -> None:
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


def _date_from_dateline(candidates: list[Candidate], views: list, doc: Document,
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


def _date_greetings(candidates: list[Candidate], by_index: dict, lex,
                    published: str | None) -> None:
    """"On the 50th anniversary, President X sent a letter …": the anniversary is the act,
    done as the report is written: the publication month, not just the year."""
    if lex.greetings is None or not published or len(published) < 7:
        return
    for c in candidates:
        view = by_index.get(c.sentence)
        if (c.type == "ANNIVERSARY" and c.date_start == published[:4] and view is not None
                and lex.greetings.search(view.folded)):
            c.date_start = published[:7]


def _ceremony_day(views: list, lex) -> str | None:
    """The day of the story's welcome ceremony, when a sentence naming one gives it."""
    if lex.ceremony is None:
        return None
    for v in views:
        if lex.ceremony.search(v.folded):
            days = [t.value for t in v.times if t.value and len(t.value) == 10]
            if days:
                return days[0]
    return None


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


def _years_since_founding(folded: str, language: str | None, lex) -> list[int]:
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


def _near_founding(folded: str, pos: int, lex) -> bool:
    """A date written next to words of founding ties."""
    return bool(lex.founding and lex.founding.search(folded, max(0, pos - 120), pos + 20))


def _traced(step: str, before: list[Candidate], after: list[Candidate],
            reason: str) -> list[Candidate]:
    """`after`, noting each candidate of `before` it no longer holds (when tracing)."""
    if trace.active():
        kept = {id(c) for c in after}
        for c in before:
            if id(c) not in kept:
                trace.note(c.sentence, step, f"{c.type} ({', '.join(c.actors)}; "
                           f"{c.date_start or 'no date'})", "dropped", reason)
    return after


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


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """A figure repeated (title, lead and body) is kept once."""
    seen, out = set(), []
    for f in facts:
        key = (f.metric, f.source_country, f.target_country, round(f.value, 2), f.period)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


__all__ = ["extract", "is_state"]

"""Facts: figures (trade, investment, diaspora, tourists, aid) read from each sentence's
quantities, from the same state as the events."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from bilat import lang
from bilat.analysis.dates import list_joiners
from bilat.analysis.fold import fold
from bilat.extract import trace
from bilat.extract.lexicon import WORD_GAP, article_fragment
from bilat.extract.state import DocContext, DocState, SentenceView, is_state
from bilat.model import Fact, Mention, Quantity, TimeExpr

FALLBACK_LANGUAGE = "en"
PERIOD_KINDS = ("year", "part_of_year", "as_of", "since", "date", "range", "relative")
COUNT_METRIC = {"projects": "INVESTMENT_PROJECTS", "tourists": "TOURISTS"}
PEOPLE_UNITS = ("people", "tourists")
DIRECTED_BY_HOST = ("INVESTMENT", "INVESTMENT_PROJECTS", "AID_AMOUNT", "DIASPORA", "TOURISTS",
                    "EXPORTS")


class Facts:
    name = "facts"
    requires = ("ctx", "views")
    assigns = ("facts",)

    def run(self, state: DocState) -> None:
        facts: list[Fact] = []
        for view in state.views:
            facts.extend(sentence_facts(view, state.ctx, facts))
        state.facts = tuple(_dedupe(facts))


STEP = Facts()


@dataclass(frozen=True)
class FactLexicon:
    metrics: tuple[tuple[str, re.Pattern[str]], ...]
    not_facts: re.Pattern[str] | None
    host: re.Pattern[str] | None
    origin: re.Pattern[str] | None
    carry: re.Pattern[str] | None
    decrease: re.Pattern[str] | None
    compare: re.Pattern[str] | None
    # "the period under review", "the reporting period": the period the report's series opened
    # with, not one of the sentence's own
    review: re.Pattern[str] | None = None
    # words before a state that name the side a balance favours ("in favour of", "a favore di")
    favour: re.Pattern[str] | None = None
    # a figure near these is a whole country's trade with the world, not a bilateral one
    world: re.Pattern[str] | None = None
    # words after a metric that open a breakdown by product ("exported mainly machinery
    # ($1 billion)"): the figures after them are product lines, not the trade between states
    breakdown: re.Pattern[str] | None = None
    # what may stand between an amount and the metric noun right after it ("in", "di", "em")
    metric_link: re.Pattern[str] = re.compile(r"\s*")


def _alt(patterns: list[str] | None, suffix: str = "") -> re.Pattern[str] | None:
    if not patterns:
        return None
    body = "|".join(f"(?:{fold(p)})" for p in patterns)
    # a word ends at a non-word character, or with its apostrophe ("dall'Algeria")
    return re.compile(rf"(?<!\w)(?:{body})(?:(?<=')|(?!\w)){suffix}")


@cache
def fact_lexicon(language: str | None) -> FactLexicon:
    data = (lang.load(language, "facts") if language else None) or lang.load(
        FALLBACK_LANGUAGE, "facts")
    metrics = tuple((name, _alt(pats)) for name, pats in (data.get("metrics") or {}).items())
    # a surplus is a balance too, the other way round from a deficit
    metrics += (("SURPLUS", _alt(data.get("surplus"))),)
    # host and origin words end right before a state's name, an article between them
    before_name = rf"{WORD_GAP}{article_fragment(language)}$"
    return FactLexicon(
        metrics=tuple((n, p) for n, p in metrics if p is not None),
        not_facts=_alt(data.get("not_facts")),
        host=_alt(data.get("host"), before_name),
        origin=_alt(data.get("origin"), before_name),
        carry=_alt(data.get("carry")),
        decrease=_alt(data.get("decrease")),
        compare=_alt(data.get("compare")),
        metric_link=_link(data.get("metric_links")),
        review=_alt(data.get("review")),
        favour=_alt(data.get("favour"), before_name),
        world=_alt(data.get("world")),
        breakdown=_alt(data.get("breakdown")),
    )


def _link(words: list[str] | None) -> re.Pattern[str]:
    """White space, with one of the language's `metric_links` in it ("in", "di", "d'")."""
    forms = "|".join(re.escape(fold(str(w)).strip()) for w in words or () if str(w).strip())
    return re.compile(rf"\s*(?:(?:{forms}){WORD_GAP})?" if forms else r"\s*")


Span = tuple[int, int, str]  # a metric word: start, end, metric


def _by_place(span: Span) -> tuple[int, str]:
    # by start, then metric name: the order "the nearest word before" has always broken ties in
    return span[0], span[2]


def _metric_spans(folded: str, lex: FactLexicon) -> list[Span]:
    spans = []
    for name, pattern in lex.metrics:
        for m in pattern.finditer(folded):
            spans.append((m.start(), m.end(), name))
    return sorted(spans, key=_by_place)


def _right_after(q: Quantity, spans: list[Span], view: SentenceView, lex: FactLexicon
                 ) -> Span | None:
    """The metric noun right after the amount, a linking word or a demonym at most between
    them: "1,4 miliardi di euro di export", "US$ 2 bilhões em exportações", "$2 billion in
    Brazilian exports"."""
    nxt = next((s for s in spans if s[0] >= q.end), None)
    if nxt is None or nxt[0] - q.end > 40:
        return None
    end = nxt[0]
    for m in view.mentions:
        if m.kind == "demonym" and q.end <= m.start and m.end <= end and not \
                view.folded[m.end:end].strip():
            end = m.start  # the demonym says whose exports, not what they are
            break
    return nxt if lex.metric_link.fullmatch(view.folded, q.end, end) else None


def _metric_for(q: Quantity, spans: list[Span], view: SentenceView, lex: FactLexicon
                ) -> Span | None:
    # A metric noun right after the amount names it, whatever trade word came before.
    after = _right_after(q, spans, view, lex)
    if after:
        return after
    before = [s for s in spans if s[0] < q.start]
    if before:
        # The nearest word before the number; trade beats a generic word at the same place.
        return before[-1]
    later = [s for s in spans if q.end <= s[0] < q.end + 40]
    return later[0] if later else None


# Metrics whose noun a demonym may qualify, and whether that state is the figure's source:
# "Brazilian exports", "esportazioni italiane", "investimenti cinesi" (the exporter, the
# investor), "importações brasileiras" (the importer, the target).
OWNED_BY = {"EXPORTS": True, "INVESTMENT": True, "AID_AMOUNT": True, "IMPORTS": False}


def _owner(span: Span, view: SentenceView) -> str | None:
    """The state a demonym right before or right after the metric noun names."""
    start, end, _ = span
    for m in view.mentions:
        if m.kind != "demonym" or not is_state(m):
            continue
        if (m.end <= start and not view.folded[m.end:start].strip()) or (
                m.start >= end and not view.folded[end:m.start].strip()):
            return m.code
    return None


def _elided_owner(q: Quantity, span: Span | None, view: SentenceView) -> str | None:
    """A demonym standing for the metric noun right before a figure, after the noun itself:
    "Brazilian exports reached 3.8 billion and the Colombian, 2.3 billion"."""
    if span is None or span[1] > q.start:
        return None
    for m in view.mentions:
        if m.kind == "demonym" and is_state(m) and span[1] < m.start and m.end <= q.start \
                and not view.folded[m.end:q.start].strip(" ,:"):
            return m.code
    return None


MIRROR = {"EXPORTS": "IMPORTS", "IMPORTS": "EXPORTS"}


def _mirrored(metric: str, q: Quantity, out: list[Fact], since: int, view: SentenceView
              ) -> tuple[str, str] | None:
    """Exports then imports with no state named for the second ("exports to Angola reached
    $492 million, while imports passed $1 billion"): the second flows the other way."""
    if metric not in MIRROR:
        return None
    if any(is_state(m) and since <= m.start < q.start for m in view.mentions):
        return None
    other = next((f for f in reversed(out) if f.metric == MIRROR[metric]), None)
    return (other.target_country, other.source_country) if other else None


def _currency_carried(figures: list[Quantity]) -> list[Quantity]:
    """A bare amount in millions or more after an amount of money is money in the same
    currency: "exports were 2.4 billion euros, imports 2.1 billion"."""
    out: list[Quantity] = []
    for q in figures:
        money = next((p for p in reversed(out) if p.kind == "money"), None)
        if q.kind == "count" and q.unit is None and q.value >= 1e6 and money is not None:
            q = replace(q, kind="money", unit=money.unit)
        out.append(q)
    return out


def _period_times(view: SentenceView, lex: FactLexicon) -> list[TimeExpr]:
    """The sentence's times that may be a figure's period: not the base year of a
    comparison ("up 17% on 2020"); a span of months that runs over a year's end followed by
    its years ("July-June (2020-21)") is one fiscal year, 2020-07..2021-06."""
    figures = [q.start for q in view.quantities if q.kind in ("money", "count")]

    def base(t: TimeExpr) -> bool:
        # a figure between the comparing word and the time makes the time that figure's
        # own: "against $121 million last year"
        m = lex.compare.search(view.folded, max(0, t.start - 25), t.start) if lex.compare \
            else None
        return m is not None and not any(m.end() <= f < t.start for f in figures)

    times = [t for t in view.times if not base(t)]
    out: list[TimeExpr] = []
    skip: set[int] = set()
    for k, t in enumerate(times):
        if k in skip:
            continue
        nxt = times[k + 1] if k + 1 < len(times) else None
        fiscal = _fiscal(t, nxt, view.text)
        if fiscal is not None:
            skip.add(k + 1)
            t = fiscal
        out.append(t)
    return out


_MONTHS = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")


def _fiscal(t: TimeExpr, nxt: TimeExpr | None, text: str) -> TimeExpr | None:
    """A months span crossing a year's end ("July-June") with the two years it spans right
    after it ("(2019-20)"): the span in those years, whatever year the calendar guessed."""
    if nxt is None or t.kind != "range" or not t.value or not t.end_value:
        return None
    a, b = _MONTHS.match(t.value), _MONTHS.match(t.end_value)
    if not a or not b or int(b.group(2)) >= int(a.group(2)):
        return None
    if nxt.kind not in ("range", "part_of_year") or not nxt.value or not nxt.end_value or \
            not _YEAR.match(nxt.value) or not _YEAR.match(nxt.end_value[:4]):
        return None
    if int(nxt.end_value[:4]) != int(nxt.value) + 1 or text[t.end:nxt.start].strip(" (") != "":
        return None
    return replace(t, end=nxt.end, value=f"{nxt.value}-{a.group(2)}",
                   end_value=f"{nxt.end_value[:4]}-{b.group(2)}")


def _period_time(q: Quantity, view: SentenceView, prev_q: int, next_q: int | None,
                 ctx: DocContext, times: list[TimeExpr], claimed: tuple[TimeExpr, ...] = ()
                 ) -> TimeExpr | None:
    """The time a figure belongs to: the nearest time after it (before the next figure),
    else the nearest before it (after the previous figure; failing that, one that opens the
    sentence for all its figures, but not a time told right after an earlier figure, which
    is that figure's own: "in June 2021 rose from $2 million last year to $15 million");
    `times` from _period_times, once per sentence."""
    after = [t for t in times if t.start >= q.end and (next_q is None or t.start < next_q)
             and t.kind in PERIOD_KINDS and t.value]
    before = [t for t in times if t.end <= q.start and t.kind in PERIOD_KINDS and t.value
              and not any(t is c for c in claimed)]
    within = [t for t in before if prev_q <= t.start]
    before = within or (before if prev_q else [])
    t = after[0] if after else (before[-1] if before else None)
    if t is None and next_q is not None and _listed(view.text[q.end:next_q], ctx.language):
        # "960,000 went one way and 212,000 the other last year": figures listed in one
        # clause share the period told after the last of them (not "rose to 156 million
        # from 114 million in 2003": a base is no list)
        later = [x for x in times if x.start >= next_q and x.kind in PERIOD_KINDS and x.value]
        t = later[0] if later else None
    return t


def _own_time(q: Quantity, times: list[TimeExpr], next_q: int | None) -> TimeExpr | None:
    """The time told right after a figure, before the next one: that figure's own."""
    return next((t for t in times if t.start >= q.end and (next_q is None or t.start < next_q)
                 and t.kind in PERIOD_KINDS and t.value), None)


def _period_text(t: TimeExpr | None, ctx: DocContext) -> str | None:
    if t is None:
        return None
    if t.kind == "part_of_year" or (t.kind == "range" and t.end_value):
        return f"{t.value}..{t.end_value}"
    if t.kind == "since":
        end = ctx.published[:7] if ctx.published and len(ctx.published) >= 7 else None
        return f"{t.value}..{end}" if end else t.value
    if t.kind in ("date", "relative") and t.value and len(t.value) == 10:
        return t.value[:7]
    return t.value


def _shift(period: str, years: int) -> str | None:
    """A period moved by whole years: "2020-07..2021-06" by -1 is "2019-07..2020-06"."""
    parts = []
    for part in period.split(".."):
        if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", part):
            return None
        parts.append(f"{int(part[:4]) + years}{part[4:]}")
    return "..".join(parts)


def _series_base(t: TimeExpr, ctx: DocContext, base: str | None) -> str | None:
    """ "last year" said of a series whose period is part of a year or a fiscal year (the
    sentence's own or the report's): that period a year before ("$2 million in June 2021,
    against $1 million last year" → 2020-06). A plain year is left to the calendar."""
    if t.kind != "relative" or not t.value or not _YEAR.match(t.value) or ctx.year is None \
            or not base or "-" not in base:
        return None
    return _shift(base, int(t.value) - ctx.year)


def _listed(gap: str, language: str | None) -> bool:
    """The words between two figures join a list: no clause break, a list joiner."""
    joiners = list_joiners(language)
    words = re.findall(r"\w+", gap.lower())
    return not re.search(r"[,;:]", gap) and any(w in joiners for w in words)


@dataclass(frozen=True)
class _Sides:
    """What a sentence says of the states its figures are between: the same for each of its
    figures, so read once per sentence (a long one holds many figures and many states)."""

    states: list[Mention]
    codes: list[str]
    host: str | None
    origin: str | None
    favoured: str | None = None  # the state a trade balance is "in favour of"


def _sides(view: SentenceView, ctx: DocContext, lex: FactLexicon,
           span: tuple[int, int] | None = None) -> _Sides:
    states: list[Mention] = [m for m in view.mentions if is_state(m)
                             and (span is None or span[0] <= m.start < span[1])]
    # the order of the states named gives a figure's direction; people only fill in states
    # not named ("Abiy visited Rome ... Italian aid for Ethiopia": IT gives, ET receives)
    codes = list(dict.fromkeys([m.code for m in states if m.kind != "person"]
                               + [m.code for m in states if m.kind == "person"]))
    pair = list(ctx.pair)
    if len(codes) < 2 and len(pair) == 2:
        for c in pair:
            if c not in codes:
                codes.append(c)
        if len(codes) > 2:
            codes = [c for c in codes if c in pair]
    host = origin = None
    favoured = next((m.code for m in states if lex.favour and lex.favour.search(
        view.folded, max(0, m.start - 30), m.start)), None)
    if len(codes) >= 2:
        for m in states:
            head = view.folded[max(0, m.start - 24):m.start]
            if lex.host and lex.host.search(head) and host is None:
                host = m.code
            elif lex.origin and lex.origin.search(head) and origin is None:
                origin = m.code
    return _Sides(states, codes, host, origin, favoured)


def _partners(metric: str, q: Quantity, sides: _Sides, owner: str | None = None
              ) -> tuple[str | None, str | None]:
    states, codes, host, origin = sides.states, sides.codes, sides.host, sides.origin
    if len(codes) < 2:
        return None, None
    if metric == "TRADE_TOTAL":
        return codes[0], codes[1]
    if metric in BALANCES:
        # SCHEMA.md: a balance runs from the state in deficit to the one in surplus; the side
        # it favours is named, else a surplus is the first state's, a deficit the first's too
        gainer = sides.favoured if sides.favoured in codes else (
            codes[0] if metric == "SURPLUS" else codes[1])
        return next((c for c in codes if c != gainer), None), gainer
    if owner in codes and metric in OWNED_BY:
        # "exportações brasileiras": Brazil exports; the other side is the host or origin
        # the words name, else the other state
        other_named = host if OWNED_BY[metric] else origin
        other = other_named if other_named not in (None, owner) else next(
            (c for c in codes if c != owner), None)
        return (owner, other) if OWNED_BY[metric] else (other, owner)
    if metric in ("DIASPORA", "TOURISTS"):
        near = [m for m in states if m.kind == "demonym" and abs(m.start - q.end) < 40]
        if near:
            origin = near[0].code
    if metric == "IMPORTS":
        importer = next((c for c in codes if c != origin), None) if origin else codes[0]
        exporter = origin or next((c for c in codes if c != importer), None)
        return exporter, importer
    if host and (host != origin or metric == "EXPORTS"):
        # a sentence of exports to X and imports from X names X both ways: exports go to
        # the host (imports, above, come from the origin)
        source = origin if origin and origin != host else next(
            (c for c in codes if c != host), None)
        return source, host
    if origin:
        return origin, next((c for c in codes if c != origin), None)
    return codes[0], codes[1]


CLAUSE_BREAK = re.compile(r";")  # "exports of A to B rose ...; deliveries from B to A fell ..."


def _clause_sides(view: SentenceView, ctx: DocContext, lex: FactLexicon
                  ) -> list[tuple[int, int, _Sides]]:
    """The sides each clause of a sentence names, where it names two states itself: a figure
    takes its direction from its own clause, not from the states of its neighbour's."""
    cuts = [m.end() for m in CLAUSE_BREAK.finditer(view.text)]
    if not cuts:
        return []
    bounds = list(zip([0, *cuts], [*cuts, len(view.text)], strict=True))
    out = []
    for lo, hi in bounds:
        sides = _sides(view, ctx, lex, (lo, hi))
        if len({m.code for m in sides.states if m.kind != "person"}) >= 2:
            out.append((lo, hi, sides))
    return out


def _in_clause(q: Quantity, clauses: list[tuple[int, int, _Sides]]) -> _Sides | None:
    return next((sides for lo, hi, sides in clauses if lo <= q.start < hi), None)


BALANCES = ("DEFICIT", "SURPLUS")
STOCKS = ("INVESTMENT", "INVESTMENT_PROJECTS", "DIASPORA")
FLOWS = ("TRADE_TOTAL", "EXPORTS", "IMPORTS", "OTHER")
RUNNING_GAP = 6  # sentences a trade period told once stays in force for


def _running_period(previous: list[Fact], index: int) -> str | None:
    """The period of the nearest earlier trade figure: a report tells the period once ("In
    2023 trade reached $5 billion. Exports rose 3% to $3 billion.") and its later figures
    share it, as long as they follow closely."""
    for f in reversed(previous):
        if f.sentence is not None and index - f.sentence > RUNNING_GAP:
            return None
        if f.metric in FLOWS and f.period:
            return f.period
    return None
def _headline_period(previous: list[Fact]) -> str | None:
    """The period of the report's first trade figure: the one "the period under review"
    refers back to, whatever months later sentences compared it with."""
    return next((f.period for f in previous if f.metric in FLOWS and f.period), None)


def _sentence_period(times: list[TimeExpr], t: TimeExpr, ctx: DocContext) -> str | None:
    """Another time of the sentence, not relative: the series a "last year" is said of."""
    other = next((x for x in times if x is not t and x.kind in PERIOD_KINDS and x.value
                  and x.kind != "relative"), None)
    return _period_text(other, ctx)


UNIT_NAMES = {"tourists": "people"}  # SCHEMA.md counts tourists in people


def _conversions(figures: list[Quantity], text: str) -> set[int]:
    """Indexes of amounts that only convert the one before: "A$50 million ($33 million)"."""
    out = set()
    for i in range(1, len(figures)):
        a, b = figures[i - 1], figures[i]
        if a.kind == b.kind == "money" and text[a.end:b.start].strip() == "(":
            out.add(i)
    return out


def sentence_facts(view: SentenceView, ctx: DocContext, previous: list[Fact]) -> list[Fact]:
    """Every figure the sentence states, with metric, partners, value, unit and period."""
    lex = fact_lexicon(ctx.language)
    spans = _metric_spans(view.folded, lex)
    figures = _currency_carried([q for q in view.quantities if q.kind in ("money", "count")])
    if not figures:
        return []
    bare = {id(q) for q in figures} - {id(q) for q in view.quantities}
    continues = bool(previous and lex.carry and lex.carry.match(view.folded.lstrip()))
    carried = previous[-1] if continues and not spans else None
    projects = [q for q in figures if q.unit == "projects"]
    if projects:
        # "four projects worth 12.6 million USD": projects with money are investment (also
        # when an investment word comes only later: "..., ranking 52nd among investors")
        spans = sorted([*spans, (projects[0].start, projects[0].end, "INVESTMENT")],
                       key=_by_place)
    skip = _conversions(figures, view.text)
    sides = _sides(view, ctx, lex)
    clause_sides = _clause_sides(view, ctx, lex)
    times = _period_times(view, lex)
    by_kind: dict[str, list[Quantity]] = {}
    for k, f in enumerate(figures):
        # an amount in brackets right after another only restates it ("3 billion dinars
        # (about 1 billion euros) in the first five months"): no bound to its period
        if k and f.kind == figures[k - 1].kind and _restates(view.text[figures[k - 1].end:f.start]):
            continue
        by_kind.setdefault(f.kind, []).append(f)
    rank = {id(f): k for same in by_kind.values() for k, f in enumerate(same)}
    for k, f in enumerate(figures):
        if id(f) not in rank:  # a restatement reads its period as the amount it restates
            rank[id(f)] = rank[id(figures[k - 1])]
    out: list[Fact] = []
    for i, q in enumerate(figures):
        if i in skip:
            continue
        if lex.not_facts and lex.not_facts.search(view.folded, max(0, q.start - 90), q.start):
            _dropped(view, q, "a target, forecast or ranking (not_facts)")
            continue
        if lex.world and lex.world.search(view.folded, max(0, q.start - 150), q.start):
            _dropped(view, q, "a country's trade with the world, not with one partner (world)")
            continue
        span = None
        if q.kind == "money":
            span = None if carried else _metric_for(q, spans, view, lex)
            metric = carried.metric if carried else (span[2] if span else None)
        elif q.unit in COUNT_METRIC:
            metric = COUNT_METRIC[q.unit]
        elif q.unit in PEOPLE_UNITS:
            span = _metric_for(q, [s for s in spans if s[2] in ("DIASPORA", "TOURISTS")], view,
                               lex)
            metric = span[2] if span else None
        else:
            metric = None
        if metric is None:
            continue
        if id(q) in bare and (span is None or not figures[i - 1].end <= span[0] < q.start):
            # a bare amount names its own metric ("imports of 2.1 billion"), else it is a part
            # of the amount before ("140 million, of which 100 million in loans")
            _dropped(view, q, "an amount with no currency and no metric of its own")
            continue
        if span is not None and span[1] <= q.start and lex.breakdown and lex.breakdown.search(
                view.folded, span[1], q.start):
            _dropped(view, q, "a product line of the trade, not the trade itself (breakdown)")
            continue
        if metric == "INVESTMENT_PROJECTS" and not any(n == "INVESTMENT" for *_, n in spans):
            continue
        if carried:
            source, target = carried.source_country, carried.target_country
        else:
            source, target = _partners(metric, q, _in_clause(q, clause_sides) or sides,
                                       _elided_owner(q, span, view) or (
                                           _owner(span, view) if span else None))
        if metric in BALANCES:
            metric = "OTHER"
        mirror = _mirrored(metric, q, out, figures[i - 1].end if i else 0, view)
        if mirror is not None and not carried and (span is None or _owner(span, view) is None):
            source, target = mirror
        if not source or not target:
            continue
        same, k = by_kind[q.kind], rank[id(q)]
        prev_end = same[k - 1].end if k else 0
        next_start = same[k + 1].start if k + 1 < len(same) else None
        claimed = tuple(x for j in range(k) if (x := _own_time(
            same[j], times, same[j + 1].start)) is not None)
        t = _period_time(q, view, prev_end, next_start, ctx, times, claimed)
        period = _period_text(t, ctx)
        # the flows this sentence told before this one: the same series, the same period
        told = [f.period for f in out if f.metric in FLOWS and f.period]
        review = bool(lex.review and lex.review.search(view.folded))
        if t is not None and metric in FLOWS:
            base = (told[-1] if told else None) or _sentence_period(times, t, ctx) or (
                _headline_period(previous) if review else
                _running_period(previous, view.sentence.index))
            period = _series_base(t, ctx, base) or period
        if period is None and continues:
            period = previous[-1].period  # "Of the amount, exports were ..." continues it
        if period is None and metric in FLOWS and told:
            period = told[-1]  # "reached 83 billion in 2020, with imports (43 billion) ..."
        if period is None and metric in FLOWS and review:
            period = _headline_period(previous)  # "in the period under review"
        if period is None and metric in FLOWS:
            period = _running_period(previous, view.sentence.index)
        if period is None and metric in (*STOCKS, "AID_AMOUNT") and ctx.published and \
                len(ctx.published) >= 7:
            # a stock told in the present: as of publication; a one-off amount (a grant or
            # loan signed or announced) takes the month it was announced (SCHEMA.md)
            period = ctx.published[:7]
        elif period is None and metric in (*STOCKS, "AID_AMOUNT") and not ctx.published \
                and ctx.year:
            period = str(ctx.year)  # ... or of the year the text implies, no more precise
        out.append(Fact(
            metric=metric, source_country=source, target_country=target, value=q.value,
            unit=UNIT_NAMES.get(q.unit, q.unit or ""), period=period, evidence=view.text.strip(),
            change_pct=_change(q, view, lex), sentence=view.sentence.index,
            start=view.sentence.start, end=view.sentence.end))
    return out


def _restates(gap: str) -> bool:
    """An opening bracket and at most three words between two amounts: "(about", "(soit"."""
    gap = gap.strip()
    return gap.startswith("(") and ")" not in gap and len(gap[1:].split()) <= 3


def _dropped(view: SentenceView, q: Quantity, reason: str) -> None:
    if trace.active():
        trace.note(view.sentence.index, "facts", f"figure «{q.text}»", "dropped", reason,
                   q.start)


def _change(q: Quantity, view: SentenceView, lex: FactLexicon) -> float | None:
    for p in view.quantities:
        if p.kind == "percent" and 0 <= p.start - q.end < 50:
            sign = -1 if lex.decrease and lex.decrease.search(view.folded, q.end, p.start) else 1
            return sign * p.value
    return None


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """A figure repeated (title, lead and body) is kept once."""
    seen, out = set(), []
    for f in facts:
        key = (f.metric, f.source_country, f.target_country, round(f.value, 2), f.period)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out

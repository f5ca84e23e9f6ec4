"""The home page: what bilat is, what the record holds, a country's partners and latest
events, every pair. Pure: counts and partners in, HTML out."""

from __future__ import annotations

from bilat.know.dossier import Partner, types_present
from bilat.serve.ui.layout import h
from bilat.serve.ui.parts import country, event_item, pair_href
from bilat.serve.ui.words import events_count, know, word

LATEST = 8


def _partners(code: str, partners: list[Partner], lang: str) -> str:
    if not partners:
        return f'<p>{h(know(lang, "text", "no_partners"))}</p>'
    order = types_present(partners)
    cards = []
    for p in partners:
        kinds = " · ".join(f'{h(know(lang, "event", t))} <b>{p.counts[t]}</b>'
                           for t in order if p.counts.get(t))
        cards.append(f'<li class="card"><a class="big" href="{h(pair_href(code, p.code))}">'
                     f'{h(country(code, lang))} – {h(country(p.code, lang))}</a> '
                     f'<span class="total">{h(events_count(lang, p.total))}</span><br>'
                     f'<span class="kinds">{kinds}</span></li>')
    return f'<ul class="cards">{"".join(cards)}</ul>'


def home_body(counts: dict[str, int], merged: int, pairs: list[tuple[str, int]],
              code: str | None, partners: list[Partner], asked: str, unknown: bool,
              choices: list[str], lang: str) -> str:
    """`counts`: the store's documents, events (reports), facts; `merged`: merged events;
    `pairs`: ("BE|VN", events); `code`: the country shown; `choices`: countries to offer."""
    out = [f'<h1>{h(word(lang, "home.title"))}</h1>',
           f'<p class="lead">{h(word(lang, "home.tagline"))}</p>',
           f'<p class="holds">{h(word(lang, "home.holds", documents=counts.get("documents", 0), events=merged, reports=counts.get("events", 0), facts=counts.get("facts", 0)))}</p>']  # noqa: E501
    options = "".join(f'<option value="{h(c)}">{h(country(c, lang))}</option>'
                      for c in choices)
    shown = asked or (country(code, lang) if code else "")
    out.append(f'<form class="choose" method="get" action="/"><label for="country">'
               f'{h(word(lang, "home.choose"))}</label><div class="row">'
               f'<input id="country" name="country" list="countries" value="{h(shown)}" '
               f'autocomplete="off"><datalist id="countries">{options}</datalist>'
               f'<button type="submit">{h(word(lang, "home.show"))}</button></div></form>')
    if unknown:
        out.append(f'<p class="warn">{h(word(lang, "home.unknown", name=asked))}</p>')
    if not pairs:
        out.append(f'<p class="warn">{h(word(lang, "home.empty"))} '
                   f'<a href="/upload">{h(word(lang, "nav.upload"))}</a></p>')
        return "".join(out)
    if code:
        name = country(code, lang)
        out.append(f'<section id="partners"><h2>{h(word(lang, "home.partners", a=name))}</h2>'
                   f'<p class="muted">{h(word(lang, "home.partners_help"))}</p>'
                   f"{_partners(code, partners, lang)}</section>")
        latest = sorted((e for p in partners for e in p.latest),
                        key=lambda e: (e.get("date_start") or "", e["id"]), reverse=True)
        seen: set[str] = set()
        items = []
        for e in latest:
            if e["id"] not in seen and len(items) < LATEST:
                seen.add(e["id"])
                items.append(event_item(e, lang, pair_of=code))
        out.append(f'<section id="latest"><h2>{h(word(lang, "home.latest", a=name))}</h2>'
                   f'<ol class="events">{"".join(items)}</ol></section>')
    links = []
    for pair, n in pairs:
        a, _, b = pair.partition("|")
        links.append(f'<li><a href="{h(pair_href(a, b))}">{h(country(a, lang))} – '
                     f'{h(country(b, lang))}</a> <span class="muted">({n})</span></li>')
    out.append(f'<section id="pairs"><h2>{h(word(lang, "home.pairs"))}</h2>'
               f'<ul class="pairs">{"".join(links)}</ul></section>')
    return "".join(out)


def busiest(pairs: list[tuple[str, int]]) -> list[str]:
    """Countries by the events of all their pairs, the busiest first."""
    totals: dict[str, int] = {}
    for pair, n in pairs:
        for c in pair.split("|"):
            totals[c] = totals.get(c, 0) + n
    return sorted(totals, key=lambda c: (-totals[c], c))



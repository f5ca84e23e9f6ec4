"""Mentions: what the document names (sentences, states, people, figures) and which pair of
states it is about, read once for every later step."""

from __future__ import annotations

from collections import Counter

from bilat.analysis.fold import fold
from bilat.extract.lexicon import event_lexicon
from bilat.extract.state import DocState, is_state
from bilat.model import Mention

# Country-code top-level domains that sites use for their look, not their country.
_GENERIC_TLDS = frozenset({"co", "io", "tv", "me", "ai", "fm", "cc", "ws", "gg", "ly"})


class Mentions:
    name = "mentions"
    requires = ("doc", "max_sentence")
    assigns = ("sentences", "mentions", "title_mentions", "quantities", "folded", "lex",
               "home", "pair", "people")

    def run(self, state: DocState) -> None:
        from bilat.analysis.entities import find_mentions, person_key
        from bilat.analysis.quantities import find_quantities
        from bilat.analysis.sentences import split_sentences

        doc, text, language, published = state.doc, state.text, state.language, state.published
        state.sentences = split_sentences(text, language, state.max_sentence)
        mentions = state.mentions = find_mentions(text, language, published)
        state.title_mentions = find_mentions(doc.title, language, published) if doc.title \
            else []
        state.quantities = find_quantities(text, language)
        pair = main_pair(mentions, state.title_mentions)
        lex = state.lex = event_lexicon(language)
        home = state.home = site_state(doc.url) or lex.home_state
        if len(pair) < 2 and home and home not in pair:
            pair = (*pair, home)
        state.pair = pair
        state.folded = fold(text)
        people: dict[str, str] = {}
        for m in mentions:
            if m.kind == "person" and m.code:
                people.setdefault(m.name or m.text, m.code)
                people.setdefault(person_key(m.name or m.text), m.code)
        state.people = people


STEP = Mentions()


def main_pair(mentions: list[Mention], title_mentions: list[Mention]) -> tuple[str, ...]:
    """The two states most mentioned (title mentions count thrice, early ones a little more)."""
    counts: Counter[str] = Counter()
    for m in title_mentions:
        if is_state(m):
            counts[m.code] += 3
    for i, m in enumerate(m for m in mentions if is_state(m)):
        counts[m.code] += 1.5 if i < 6 else 1
    return tuple(code for code, _ in counts.most_common(2))


def site_state(url: str | None) -> str | None:
    """The home state of a news site from its country-code domain (".vn", ".gov.uk")."""
    if not url or "://" not in url:
        return None
    host = url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].rstrip(".").lower()
    tld = host.rsplit(".", 1)[-1]
    if len(tld) != 2 or tld in _GENERIC_TLDS:
        return None
    return "GB" if tld == "uk" else tld.upper()

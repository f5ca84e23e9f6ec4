"""Extraction: events and facts read from a clean Document, as ../shared/SCHEMA.md defines them."""

from __future__ import annotations

import datetime as dt

from bilat.model import Document, Extraction


def extract_document(doc: Document, max_sentence: int | None = None,
                     today: dt.date | None = None) -> Extraction:
    """Every event and fact the document's text states (pure: no I/O); a run of text with no
    sentence end is read in pieces of at most `max_sentence` characters. `today` is the clock
    (the latest a report can be; the system's date when not given): the same document and
    `today` give the same extraction."""
    from bilat.analysis.sentences import MAX_SENTENCE
    from bilat.extract.document import extract

    return extract(doc, max_sentence=max_sentence or MAX_SENTENCE, today=today)

"""Extraction: events and facts read from a clean Document, as ../shared/SCHEMA.md defines them.

The steps (steps/, in the order pipeline.STEPS gives) fill one DocState (state.py)."""

from __future__ import annotations

import datetime as dt

from bilat.model import Document, Extraction


def extract_document(doc: Document, max_sentence: int | None = None,
                     today: dt.date | None = None) -> Extraction:
    """Every event and fact the document's text states (pure: no I/O); a run of text with no
    sentence end is read in pieces of at most `max_sentence` characters. `today` is the clock
    (the latest a report can be; the system's date when not given): the same document and
    `today` give the same extraction."""
    # imported here: `import bilat.extract` (the CLI's record writer) stays light
    from bilat.analysis.sentences import MAX_SENTENCE
    from bilat.extract import trace
    from bilat.extract.pipeline import run
    from bilat.extract.state import DocState
    from bilat.extract.steps.calendar import reread

    today = today or dt.date.today()  # the clock, read once: a report is not after it
    max_sentence = max_sentence or MAX_SENTENCE
    state = run(DocState(doc, max_sentence, today))
    if (year := reread(state)) is not None:  # again, in the story's own year
        trace.restart(f"read again in {year}, the year told of its own happening")
        state = run(DocState(doc, max_sentence, today, story_year=year))
    return Extraction(events=state.events, facts=state.facts)

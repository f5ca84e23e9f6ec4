"""Hand-made document states for the step tests: a short text, run up to the step under test."""

from __future__ import annotations

import datetime as dt

import pytest

from bilat.extract.pipeline import STEPS
from bilat.extract.state import DocState
from bilat.model import Document

TODAY = dt.date(2025, 6, 1)


def _make_state(text: str, language: str, published: str | None = None, *,
               url: str | None = None, title: str | None = None, dateline: str | None = None,
               story_year: int | None = None) -> DocState:
    doc = Document(doc_id="t", source="test", text=text, content_id="c", language=language,
                   published=published, url=url, title=title, dateline=dateline)
    return DocState(doc, 2000, TODAY, story_year)


def run_until(state: DocState, name: str) -> DocState:
    """The steps before `name`, so that the test runs `name` itself."""
    for step in STEPS:
        if step.name == name:
            return state
        step.run(state)
    raise KeyError(name)


def step(name: str):
    return next(s for s in STEPS if s.name == name)


@pytest.fixture
def before():
    """before(step_name, text, language, published=None, **doc) -> (state, step)."""
    def make(name: str, text: str, language: str, published: str | None = None, **kw):
        return run_until(_make_state(text, language, published, **kw), name), step(name)
    return make


@pytest.fixture
def make_state():
    """make_state(text, language, published=None, **doc) -> a DocState no step has run on."""
    return _make_state

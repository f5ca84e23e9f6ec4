"""Fixtures for watch's tests: a real local site (tests/watch/local_site.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from local_site import Site  # noqa: E402
from watch_pages import ROBOTS  # noqa: E402


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    s.put("/robots.txt", ROBOTS, content_type="text/plain")
    yield s
    s.close()


@pytest.fixture
def webhook():
    from receivers import Webhook

    hook = Webhook()
    yield hook
    hook.close()


@pytest.fixture
def mailbox():
    from receivers import Mailbox

    box = Mailbox()
    yield box
    box.close()

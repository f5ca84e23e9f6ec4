"""The record's change log: each rebuild compared with the last by merged id and digest."""

from __future__ import annotations

import datetime as dt

from bilat.store import open_store
from bilat.store.changes import change_page, log_changes

T0 = dt.datetime(2026, 1, 1, 12, 0, 0)


def test_added_changed_deleted_and_nothing_when_nothing_changes(tmp_path):
    store = open_store(tmp_path / "s.duckdb")
    try:
        assert log_changes(store, {"m1": "a", "m2": "b"}, T0) == {"added": 2}
        assert log_changes(store, {"m1": "a", "m2": "b"}, T0) == {}  # the same record
        counts = log_changes(store, {"m1": "a2", "m3": "c"}, T0)  # a clock gone back
        assert counts == {"changed": 1, "added": 1, "deleted": 1}
        log = change_page(store, None, None, 100)
        assert [(c["id"], c["change"]) for c in log] == [
            ("m1", "added"), ("m2", "added"), ("m1", "changed"), ("m2", "deleted"),
            ("m3", "added")]
        assert log[2]["updated_at"] > T0  # later than every earlier change, whatever the clock
        assert log[3]["digest"] is None
        since = change_page(store, T0, None, 100)
        assert {c["id"] for c in since} == {"m1", "m2", "m3"}
        first = change_page(store, None, None, 2)
        rest = change_page(store, None, (first[-1]["updated_at"].isoformat(),
                                         first[-1]["id"]), 100)
        assert first + rest == log
    finally:
        store.close()

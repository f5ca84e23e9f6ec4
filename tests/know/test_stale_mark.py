"""A rebuild counts as merged only what it read: a batch committed while it ran (by another
process, on PostgreSQL) leaves the record stale, so the next look merges it."""

from __future__ import annotations

from bilat.config import Settings
from bilat.ingest import ingest
from bilat.know.merge import merge_reports
from bilat.know.record import save_merged
from bilat.store import open_store
from bilat.store.record import is_stale, load_reports, stored_mark


def _no_vectors(batch):
    import numpy as np

    return np.ones((len(batch), 4), dtype=np.float32)


def test_a_batch_stored_during_a_rebuild_leaves_the_record_stale(db_address, samples):
    store = open_store(db_address)
    try:
        ingest([str(samples / "text")], store, Settings())
        upto = stored_mark(store)  # what a rebuild starts from
        reports = load_reports(store)
        ingest([str(samples / "html")], store, Settings())  # committed meanwhile
        save_merged(store, merge_reports(reports, _no_vectors), upto=upto)
        assert is_stale(store)  # the html batch is still to merge
        save_merged(store, merge_reports(load_reports(store), _no_vectors),
                    upto=stored_mark(store))
        assert not is_stale(store)
    finally:
        store.close()

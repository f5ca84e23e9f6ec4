"""What both backends share: buffering an ingest batch's rows, transactions, and the reads
of documents, in SQL both DuckDB and PostgreSQL run. A backend gives the connection (`con`:
`con.execute(sql, params)` returns a cursor with fetchone, fetchall, fetchnumpy and
description), its dialect, bulk inserts, a reader view, and which of its errors mean
rows refused for what they hold."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from bilat.model import Document, Extraction
from bilat.store.dialect import Dialect
from bilat.store.errors import RejectedRows, StoreError, describe_failure, redact
from bilat.store.ids import event_id, fact_id
from bilat.store.migrations import MIGRATIONS


class Store:
    """One store, whichever backend holds it (see DuckDBStore, PostgresStore)."""

    dialect: Dialect
    path: str  # a file path or an address (messages show it through errors.redact)
    con: Any

    # -- backend hooks ------------------------------------------------------------------
    def insert_rows(self, table: str, rows: list[list[Any]], conflict: bool = False) -> None:
        """Rows into the first columns of `table`, in bulk; rows already there (by key) are
        kept if `conflict`."""
        raise NotImplementedError

    def reader(self) -> AbstractContextManager[Store]:
        """This store for one thread's reads (its own cursor or connection), seeing
        committed batches only."""
        raise NotImplementedError

    def clone_table(self, table: str, new: str) -> None:
        """An empty table `new` with the columns (and, where the backend keeps them, the
        indexes) of `table`."""
        raise NotImplementedError

    def _rows_fault(self, exc: BaseException) -> bool | None:
        """True: `exc` refuses rows for what they hold; False: the store's own trouble;
        None: neither (bilat's bug)."""
        raise NotImplementedError

    def _migration_sql(self, version: int, sql: str) -> str:
        return sql

    def columns(self, sql: str, params: list[Any] | None = None) -> dict[str, Any]:
        """A query's result as numpy columns (numbers as numbers, text and blobs as
        objects; how a NULL reads is the backend's), read the fastest way it has."""
        return self.con.execute(sql, params).fetchnumpy()

    @contextmanager
    def memory_ceiling(self, limit: str | None) -> Iterator[None]:
        """The backend's own memory in this process held under `limit` ("1GB") meanwhile,
        spilling to disk beyond. PostgreSQL's memory is the server's: nothing to do."""
        yield

    def close(self) -> None:
        self.con.close()

    @property
    def name(self) -> str:
        """The store as messages name it (an address without its password)."""
        return redact(self.path)

    # -- schema ---------------------------------------------------------------------------
    _migrating = False  # no generation to bump while the tables are made

    def _migrate(self) -> None:
        outer, self._migrating = self._migrating, True
        try:
            self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
            current = self.con.execute(
                "SELECT max(version) FROM schema_version").fetchone()[0] or 0
            for version, sql in enumerate(MIGRATIONS, start=1):
                if version <= current:
                    continue
                with self.transaction():
                    self.con.execute(self._migration_sql(version, sql))
                    self.con.execute("INSERT INTO schema_version VALUES (?)", [version])
        finally:
            self._migrating = outer

    def generation(self) -> int:
        """The store's generation: it changes whenever a write transaction commits (a batch
        of documents, a rebuild of the record, an index build), so an answer read at one
        generation holds until the next."""
        return self.con.execute("SELECT generation FROM store_generation").fetchone()[0]

    def _bump_generation(self) -> None:
        # in the writer's own transaction: the new generation and what it counts commit
        # together, so a reader never sees the rows without the new generation
        if not self._migrating:
            self.con.execute("UPDATE store_generation SET generation = generation + 1")

    @property
    def version(self) -> int:
        return self.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0

    # -- transactions ---------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self._bump_generation()
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # batches (ingest.py): begin, then flush and commit, or roll back
    def begin(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def commit(self) -> None:
        try:
            self._bump_generation()
            self.con.execute("COMMIT")
        except Exception as exc:
            if self._rows_fault(exc) is None:
                raise
            raise StoreError(describe_failure(exc, self.path) or str(exc)) from exc

    def rollback(self) -> None:
        """Abandon the open transaction and its buffered rows (none open: nothing to do)."""
        self.discard()
        try:
            self.con.execute("ROLLBACK")
        except Exception as exc:  # none open, or the store already failed: nothing to undo
            if self._rows_fault(exc) is None:
                raise

    # -- writes ---------------------------------------------------------------------------
    # Rows are buffered and written by flush() in one bulk insert per table: a statement per
    # row costs more than the rest of storing a document.
    _TABLES = ("documents", "doc_signatures", "doc_bands", "events", "facts")  # write order

    def known_documents(self, content_ids: list[str]) -> set[str]:
        """Which of these content ids are stored (or buffered)."""
        rows = self.con.execute(
            "SELECT content_id FROM documents WHERE content_id IN (SELECT unnest(?::VARCHAR[]))",
            [content_ids]).fetchall()
        return {r[0] for r in rows} | (self._pending_ids & set(content_ids))

    def near_candidates(self, band_hashes: list[int]) -> list[tuple[str, list[int], list[int]]]:
        """Stored original documents sharing a band with these: (content id, signature, the
        shared band hashes). A batch being stored tracks its own documents (ingest.py)."""
        if not band_hashes:
            return []
        wanted = set(band_hashes)
        found: dict[str, tuple[list[int], set[int]]] = {}
        rows = self.con.execute(
            "SELECT s.content_id, s.signature, array_agg(b.band_hash) FROM doc_bands b "
            "JOIN doc_signatures s USING (content_id) "
            "JOIN documents d USING (content_id) "
            "WHERE b.band_hash IN (SELECT unnest(?::BIGINT[])) AND d.duplicate_of IS NULL "
            "GROUP BY s.content_id, s.signature", [sorted(wanted)]).fetchall()
        for cid, sig, hashes in rows:
            found.setdefault(cid, (list(sig), set()))[1].update(hashes)
        return [(cid, sig, sorted(h)) for cid, (sig, h) in sorted(found.items())]

    def add_document(self, doc: Document, extraction: Extraction | None,
                     signature: list[int], band_hashes: list[int],
                     duplicate_of: str | None = None) -> tuple[int, int]:
        """Buffer one document (and, unless it duplicates another, its events and facts);
        returns how many events and facts it adds (repeated rows of one document are one).

        Nothing reaches the store before flush(); call it inside the transaction that
        should hold these rows.
        """
        rows = self._rows
        if doc.content_id in self._pending_ids:
            return 0, 0
        self._pending_ids.add(doc.content_id)
        rows["documents"].append(
            [doc.content_id, doc.doc_id, doc.source, doc.url, doc.title, doc.published,
             doc.language, doc.site, doc.byline, doc.dateline, doc.text, duplicate_of])
        if duplicate_of is not None:
            return 0, 0
        rows["doc_signatures"].append([doc.content_id, list(signature)])
        rows["doc_bands"].extend([h, doc.content_id] for h in band_hashes)
        if extraction is None:
            return 0, 0
        events = [
            [event_id(doc.content_id, e), doc.content_id, e.type, e.plover, e.mode,
             list(e.actors), e.actor, e.recipient, e.date_start, e.date_end, e.status,
             list(e.people), e.location, e.evidence, e.sentence, e.start, e.end]
            for e in extraction.events]
        facts = [
            [fact_id(doc.content_id, f), doc.content_id, f.metric, f.source_country,
             f.target_country, f.value, f.unit, f.period, f.change_pct, f.evidence,
             f.sentence, f.start, f.end] for f in extraction.facts]
        rows["events"].extend(events)
        rows["facts"].extend(facts)
        return len({r[0] for r in events}), len({r[0] for r in facts})

    def flush(self) -> None:
        """Write every buffered row (one bulk insert per table); the caller's transaction
        decides when they are kept."""
        try:
            if any(self._rows.values()):  # the record is behind these until the next rebuild
                self.con.execute("UPDATE store_generation SET generation = generation + 1, "
                                 "stored = stored + 1")
            for table in self._TABLES:
                buffered = self._rows[table]
                if not buffered:
                    continue
                if table != "doc_bands":  # one row per key: a statement may not repeat one
                    buffered = list({row[0]: row for row in buffered}.values())
                self.insert_rows(table, buffered, conflict=table != "doc_bands")
        except Exception as exc:
            fault = self._rows_fault(exc)
            if fault is None:
                raise
            if fault:
                raise RejectedRows(" ".join(str(exc).split())[:300]) from exc
            # the store's or the disk's trouble: no row is to blame
            raise StoreError(describe_failure(exc, self.path) or str(exc)) from exc
        finally:
            self.discard()

    def discard(self) -> None:
        """Forget buffered rows (after a flush, or when the batch is abandoned)."""
        self._rows: dict[str, list[list[Any]]] = {t: [] for t in self._TABLES}
        self._pending_ids: set[str] = set()

    # -- reads ----------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "events", "facts"):
            out[table] = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        out["duplicates"] = self.con.execute(
            "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0]
        return out

    def list_documents(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT d.doc_id, d.content_id, d.language, d.published, d.title, d.source, "
               "d.duplicate_of, (SELECT count(*) FROM events e WHERE e.content_id = "
               "d.content_id) AS events, (SELECT count(*) FROM facts f WHERE f.content_id = "
               "d.content_id) AS facts FROM documents d ORDER BY d.published NULLS LAST, "
               "d.doc_id")
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = self.con.execute(sql)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def find_documents(self, key: str) -> list[str]:
        """Content ids of documents whose doc_id is `key`, or whose content id starts with it."""
        rows = self.con.execute(
            "SELECT content_id FROM documents WHERE doc_id = ? OR content_id LIKE ? "
            "ORDER BY content_id", [key, key.replace("%", "") + "%"]).fetchall()
        return [r[0] for r in rows]

    def get_document(self, content_id: str) -> dict[str, Any] | None:
        cur = self.con.execute("SELECT * FROM documents WHERE content_id = ?", [content_id])
        row = cur.fetchone()
        if row is None:
            return None
        doc = dict(zip([c[0] for c in cur.description], row, strict=True))
        doc["ingested_at"] = str(doc["ingested_at"])
        for table in ("events", "facts"):
            cur = self.con.execute(
                f"SELECT * FROM {table} WHERE content_id = ? ORDER BY sentence, id",
                [content_id])
            cols = [c[0] for c in cur.description]
            doc[table] = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        return doc

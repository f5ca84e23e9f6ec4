"""The embedded store: one DuckDB file. The only module that imports duckdb.

Writes go in explicit transactions: a batch is committed whole or not at all, so a process
killed mid-batch leaves every earlier commit intact and the file consistent; running the same
ingest again skips what is stored (by content id) and completes the rest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from bilat.model import Document, Event, Extraction, Fact
from bilat.store.migrations import MIGRATIONS


def _id(*parts: object) -> str:
    raw = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def event_id(content_id: str, e: Event) -> str:
    return _id(content_id, e.type, sorted(e.actors), e.date_start, e.sentence, e.evidence)


def fact_id(content_id: str, f: Fact) -> str:
    return _id(content_id, f.metric, f.source_country, f.target_country, f.value, f.period,
               f.sentence)


class StoreError(RuntimeError):
    """The store file cannot be opened, read or written; str() is one line for the user."""


class RejectedRows(ValueError):
    """A batch's rows the store refused for what they hold (not for the file's state): storing
    its documents one at a time finds the one at fault."""


# A store never fetches code: an offline analyst, and a server, must not try to download an
# extension because a file given as --db happens to be SQLite.
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def describe_failure(exc: BaseException, path: str) -> str | None:
    """One line for the user when `exc` (or what caused it) is the store's trouble: a full
    disk, a damaged file, a file that is no DuckDB store. None for anything else."""
    import duckdb

    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    text = " ".join(str(e) for e in chain)
    if "No space left on device" in text or any(
            isinstance(e, OSError) and e.errno == 28 for e in chain):
        return (f"{path}: no space left on device; what was committed before is kept: free "
                "some space and run the same command again")
    if not any(isinstance(e, (duckdb.Error, StoreError)) for e in chain):
        return None
    first = next(e for e in chain if isinstance(e, (duckdb.Error, StoreError)))
    if isinstance(first, StoreError):
        return str(first)
    reason = " ".join(str(first).split())[:300]
    if any(w in text for w in ("Corrupt", "checksum", "Could not read enough bytes",
                               "not a valid DuckDB database")):
        return (f"{path}: the store file is damaged ({reason}); restore it from a copy, or "
                "ingest the sources again into a new file")
    return f"{path}: the store cannot be read or written ({reason})"


class DuckDBStore:
    def __init__(self, path: str | Path, read_only: bool = False):
        import duckdb

        self.path = str(path)
        self.discard()
        try:
            self.con = duckdb.connect(self.path, read_only=read_only, config=_CONFIG)
        except duckdb.Error as exc:
            reason = " ".join(str(exc).split())
            if "extension" in reason.lower():  # the file is another database's (SQLite, …)
                reason = "the file is not a DuckDB database"
            raise StoreError(f"{self.path}: cannot open as a DuckDB store ({reason})") from exc
        if not read_only:
            try:
                self._migrate()
            except duckdb.Error as exc:
                self.con.close()
                raise StoreError(describe_failure(exc, self.path) or str(exc)) from exc

    # -- schema ---------------------------------------------------------------------------
    def _migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        current = row[0] or 0
        for version, sql in enumerate(MIGRATIONS, start=1):
            if version <= current:
                continue
            with self.transaction():
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version VALUES (?)", [version])

    @property
    def version(self) -> int:
        return self.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def reader(self) -> Iterator[DuckDBStore]:
        """This store on a cursor of its own, for one thread's reads (a server answers
        requests in several threads; one DuckDB connection must not serve two at once).
        A cursor sees committed batches only: never half of one."""
        import copy

        view = copy.copy(self)
        view.con = self.con.cursor()
        view.discard()
        try:
            yield view
        finally:
            view.con.close()

    # -- batches (ingest.py): begin, then flush and commit, or roll back ---------------------
    def begin(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def commit(self) -> None:
        import duckdb

        try:
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            raise StoreError(describe_failure(exc, self.path) or str(exc)) from exc

    def rollback(self) -> None:
        """Abandon the open transaction and its buffered rows (none open: nothing to do)."""
        import duckdb

        self.discard()
        # none open, or the file already failed: either way there is nothing left to undo
        with suppress(duckdb.Error):
            self.con.execute("ROLLBACK")

    # -- writes ---------------------------------------------------------------------------
    # Rows are buffered and written by flush() in one statement per table: DuckDB runs
    # executemany as one statement per row (about 1 ms each).
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
            "SELECT s.content_id, s.signature, list(b.band_hash) FROM doc_bands b "
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

        Nothing reaches the file before flush(); call it inside the transaction that
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
        """Write every buffered row; the caller's transaction decides when they are kept.

        Each table gets one INSERT whose parameters are its columns, unnested side by side:
        DuckDB binds a list far faster than the same values as separate parameters.
        """
        import duckdb

        try:
            for table in self._TABLES:
                buffered = self._rows[table]
                if not buffered:
                    continue
                if table != "doc_bands":  # one row per key: a statement may not repeat one
                    buffered = list({row[0]: row for row in buffered}.values())
                self.insert_rows(table, buffered,
                                 conflict=table != "doc_bands")
        except (duckdb.ConversionException, duckdb.ConstraintException,
                duckdb.InvalidInputException, duckdb.OutOfRangeException,
                duckdb.TypeMismatchException, duckdb.DataError, UnicodeError) as exc:
            raise RejectedRows(" ".join(str(exc).split())[:300]) from exc
        except duckdb.Error as exc:  # the file's or the disk's trouble: no row is to blame
            raise StoreError(describe_failure(exc, self.path) or str(exc)) from exc
        finally:
            self.discard()

    def insert_rows(self, table: str, rows: list[list[Any]], conflict: bool = False) -> None:
        """Rows into the first columns of `table`, in one statement whose parameters are the
        columns, unnested side by side (see flush); rows already there are kept if
        `conflict`."""
        if not rows:
            return
        names, types = self._columns(table, len(rows[0]))
        select = ", ".join(f"unnest(?::{t}[])" for t in types)
        self.con.execute(
            f"INSERT INTO {table} ({', '.join(names)}) SELECT {select}"
            + (" ON CONFLICT DO NOTHING" if conflict else ""),
            [list(column) for column in zip(*rows, strict=True)])

    def _columns(self, table: str, width: int) -> tuple[list[str], list[str]]:
        """The first `width` columns of a table and their types, as the schema declares."""
        cache = self.__dict__.setdefault("_column_cache", {})
        if table not in cache:
            rows = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
            cache[table] = ([r[0] for r in rows[:width]], [r[1] for r in rows[:width]])
        return cache[table]

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

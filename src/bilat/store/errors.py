"""The store's errors, whichever backend holds it."""

from __future__ import annotations

import re


class StoreError(RuntimeError):
    """The store cannot be opened, read or written; str() is one line for the user."""


class RejectedRows(ValueError):
    """A batch's rows the store refused for what they hold (not for the store's state):
    storing its documents one at a time finds the one at fault."""


def is_address(db: object) -> bool:
    """A PostgreSQL address (postgresql://…, postgres://…), not a DuckDB file."""
    return isinstance(db, str) and db.startswith(("postgresql://", "postgres://"))


_PASSWORD = re.compile(r"^(\w+://[^:/@]*):[^@]*@")
_PASSWORD_PARAM = re.compile(r"([?&]password=)[^&]*", re.IGNORECASE)


def redact(db: object) -> str:
    """The store's name for messages: an address without its password."""
    text = str(db)
    if not is_address(text):
        return text
    return _PASSWORD_PARAM.sub(r"\1***", _PASSWORD.sub(r"\1:***@", text))


def cause_chain(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    return chain


def describe_failure(exc: BaseException, db: str) -> str | None:
    """One line for the user when `exc` (or what caused it) is the store's trouble: a full
    disk, a damaged file, a server out of reach. None for anything else (bilat's bug)."""
    import sys

    chain = cause_chain(exc)
    name = redact(db)
    text = " ".join(str(e) for e in chain)
    if "No space left on device" in text or any(
            isinstance(e, OSError) and e.errno == 28 for e in chain):
        return (f"{name}: no space left on device; what was committed before is kept: free "
                "some space and run the same command again")
    for e in chain:
        if isinstance(e, StoreError):
            return str(e)
    # only a backend already imported can have raised: never import one to ask
    if "psycopg" in sys.modules:
        from bilat.store.postgres_store import describe_postgres_failure

        message = describe_postgres_failure(chain, name)
        if message is not None:
            return message
    if "duckdb" in sys.modules:
        from bilat.store.duckdb_store import describe_duckdb_failure

        return describe_duckdb_failure(chain, name)
    return None

"""What differs between the two backends' SQL, in one place.

The store's queries are written once, in SQL both DuckDB and PostgreSQL run, wherever that
costs DuckDB nothing; a store's `dialect` gives the few fragments that must differ (a list
holding a value: DuckDB's `list_contains` is ~15x faster there than `= ANY`). Statements
sent to PostgreSQL pass through `to_postgres`: `?` placeholders become `$n` and DuckDB's
type names PostgreSQL's, so migrations and casts are written in DuckDB's SQL only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Dialect:
    name: str

    def contains(self, column: str, value: str = "?") -> str:
        """A condition: the list `column` holds `value` (a placeholder or an expression)."""
        if self.name == "duckdb":
            return f"list_contains({column}, {value})"
        # the array containment operator, which a GIN index on the column serves
        return f"{column} @> ARRAY[{value}]::VARCHAR[]"

    def distinct_elements(self, column: str) -> str:
        """The list `column` without repeated elements (in no particular order)."""
        if self.name == "duckdb":
            return f"list_distinct({column})"
        return f"ARRAY(SELECT DISTINCT x FROM unnest({column}) x)"

    def set_text(self, column: str) -> str:
        """The distinct elements of the list `column`, sorted and joined by '|' (NULL for
        none): one text for every list of the same elements."""
        if self.name == "duckdb":
            return f"nullif(array_to_string(list_sort(list_distinct({column})), '|'), '')"
        return f"(SELECT string_agg(DISTINCT x, '|' ORDER BY x) FROM unnest({column}) x)"


DUCKDB = Dialect("duckdb")
POSTGRES = Dialect("postgresql")

# DuckDB type names and what PostgreSQL calls them (unsigned ones widened to hold every
# value; DuckDB's FLOAT is 4 bytes, PostgreSQL's FLOAT 8; fixed-size lists become arrays)
_TYPES = {
    "UTINYINT": "SMALLINT", "TINYINT": "SMALLINT", "USMALLINT": "INTEGER",
    "UINTEGER": "BIGINT", "UBIGINT": "NUMERIC(20)", "HUGEINT": "NUMERIC(39)",
    "UHUGEINT": "NUMERIC(39)", "DOUBLE": "DOUBLE PRECISION", "FLOAT": "REAL",
    "BLOB": "BYTEA",
}
_TYPE = re.compile(r"(?<![\w.])(" + "|".join(_TYPES) + r")\b(?!\s+PRECISION)((?:\[\d*\])*)",
                   re.IGNORECASE)
_FIXED = re.compile(r"\[\d+\]")
# a column declared VARCHAR (not a cast; migrations declare text so): sorted byte-wise, as
# DuckDB sorts, whatever the database's locale
_COLUMN_TEXT = re.compile(r"(?<!::)(?<![\w.])(VARCHAR)\b((?:\[\])*)(?!\s+COLLATE)",
                          re.IGNORECASE)
_DDL = re.compile(r"^\s*(CREATE\s+(TEMP\s+|TEMPORARY\s+)?TABLE|ALTER\s+TABLE)\b",
                  re.IGNORECASE)
# the pieces of a statement that are not code: string literals, quoted names, comments
_NOT_CODE = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/", re.DOTALL)


def _types(code: str, ddl: bool) -> str:
    code = _TYPE.sub(lambda m: _TYPES[m.group(1).upper()] + _FIXED.sub("[]", m.group(2)),
                     code)
    if ddl:
        code = _COLUMN_TEXT.sub(lambda m: f'{m.group(1)}{m.group(2)} COLLATE "C"', code)
    return code


def _statements(sql: str) -> list[str]:
    """`sql` split at semicolons outside literals and comments."""
    out, start, pos = [], 0, 0
    for m in _NOT_CODE.finditer(sql + " "):
        for i in range(pos, m.start()):
            if sql[i] == ";":
                out.append(sql[start:i])
                start = i + 1
        pos = m.end()
    for i in range(pos, len(sql)):
        if sql[i] == ";":
            out.append(sql[start:i])
            start = i + 1
    out.append(sql[start:])
    return [s for s in out if s.strip() and _NOT_CODE.sub("", s).strip()]


@lru_cache(maxsize=2048)
def to_postgres(sql: str) -> str:
    """A statement (or several) in DuckDB's SQL as PostgreSQL takes it: `?` placeholders
    numbered $1, $2, … (`$n` ones kept), type names translated, and declared text columns
    given the byte-wise "C" collation. Literals, quoted names and comments are left alone."""
    parts = []
    for statement in _statements(sql):
        ddl = bool(_DDL.match(_NOT_CODE.sub(" ", statement)))
        parts.append(_translate(statement, ddl))
    return ";\n".join(parts)


def _translate(statement: str, ddl: bool) -> str:
    out, pos, n = [], 0, 0

    def code(text: str) -> str:
        nonlocal n
        text = _types(text, ddl)
        pieces = text.split("?")
        for k in range(1, len(pieces)):
            n += 1
            pieces[k] = f"${n}" + pieces[k]
        return "".join(pieces)

    for m in _NOT_CODE.finditer(statement):
        out.append(code(statement[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(code(statement[pos:]))
    return "".join(out)

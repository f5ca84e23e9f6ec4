"""The package's layering (issue #10): bilat.store reads and writes and never imports
bilat.know (which computes and calls the store); SQL runs only in bilat.store."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "bilat"
STORE = SRC / "store"
# Benchmarks fill a throwaway store with synthetic rows straight through SQL: fixtures, not
# part of the layers.
SQL_ALLOWED = (STORE, SRC / "bench")
_SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|CHECKPOINT|"
                  r"BEGIN|COMMIT|ROLLBACK|COPY|ATTACH)\b", re.IGNORECASE)
_EXECUTE = {"execute", "executemany", "sql", "query"}


def _modules(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py"))


def _imports(tree: ast.AST, path: Path) -> list[str]:
    """Every module an import names, top-level or inside a function (relative ones made
    absolute)."""
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            out.append(base)
            out += [f"{base}.{a.name}" for a in node.names]
    return out


def _text(node: ast.AST) -> str:
    """The literal text of a string argument (an f-string's constant parts)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp):
        return _text(node.left) + " " + _text(node.right)
    return ""


def test_store_never_imports_know():
    found = []
    for path in _modules(STORE):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found += [f"{path.relative_to(SRC)}: {name}" for name in _imports(tree, path)
                  if name == "bilat.know" or name.startswith("bilat.know.")]
    assert not found, found


def test_no_sql_executed_outside_store():
    found = []
    for path in _modules(SRC):
        if any(path.is_relative_to(root) for root in SQL_ALLOWED):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in _EXECUTE and node.args
                    and _SQL.search(_text(node.args[0]))):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not found, found


def test_the_checks_see_what_they_look_for():
    """The checks above find an import inside a function and SQL in an f-string."""
    code = ("def f(store, t):\n    from bilat.know import merge\n"
            "    store.con.execute(f'SELECT * FROM {t}')\n")
    path = STORE / "_probe.py"  # a name only: nothing is written there
    tree = ast.parse(code)
    assert "bilat.know" in _imports(tree, path)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Attribute) and n.func.attr == "execute"]
    assert calls and _SQL.search(_text(calls[0].args[0]))

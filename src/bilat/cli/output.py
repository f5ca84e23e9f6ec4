"""Shared CLI helpers: consoles (data on stdout, messages on stderr) and JSON output."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console


def out() -> Console:
    return Console(highlight=False)


def err() -> Console:
    return Console(stderr=True, highlight=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(message: str, code: int = 2) -> None:
    """Print one error line and leave with `code`."""
    import typer

    err().print(f"[red]bilat:[/red] {message}")
    raise typer.Exit(code)

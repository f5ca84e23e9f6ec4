"""Shared CLI helpers: consoles (data on stdout, messages on stderr) and JSON output."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape

from bilat.know.escaping import printable


# emoji=False: an article's ":warning:" is text, not a code to replace with a picture
def out() -> Console:
    return Console(highlight=False, emoji=False)


def err() -> Console:
    return Console(stderr=True, highlight=False, emoji=False)


def terminal_safe(text: object, *, multiline: bool = False) -> str:
    """`text` (from an article or a path) to print through rich exactly as it is: its "[/bold]"
    or "[link=...]" is no markup and its ESC, C1 and bidi controls no command to the terminal
    (they are shown as symbols). A newline becomes a space unless `multiline`."""
    return escape(printable(text, multiline=multiline))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(message: str, code: int = 2) -> None:
    """Print one error line and leave with `code`."""
    import typer

    # messages name paths and inputs, which may look like markup; soft_wrap: one line as
    # written (a terminal wraps it for the eye, a log or a pipe keeps it whole)
    err().print(f"[red]bilat:[/red] {terminal_safe(message, multiline=True)}", soft_wrap=True)
    raise typer.Exit(code)

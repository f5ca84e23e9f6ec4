"""The `bilat` command: a thin typer app; each command lives in its own module."""

from __future__ import annotations

import os

import typer

app = typer.Typer(
    name="bilat",
    help="Read news about relations between countries and keep the record they add up to.",
    no_args_is_help=True,
    add_completion=False,
)


def _register() -> None:
    # Each command module exposes `register(app)`; modules that do not exist yet are skipped so
    # the CLI stays usable while commands land one by one.
    import importlib

    for name in ("ingest", "docs", "extract", "evaluate", "bench", "search", "index", "merge",
                 "timeline", "export", "dossier", "serve", "watch", "batch", "load"):
        try:
            module = importlib.import_module(f"bilat.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bilat.cli.{name}":
                continue
            raise
        module.register(app)


_register()


def main() -> None:
    try:
        app()
    except Exception as exc:
        # the store's trouble (a full disk, a damaged file) is one line naming the store, not a
        # traceback whose last line hides the cause; anything else is bilat's bug: traceback
        from bilat.cli.output import err, terminal_safe
        from bilat.config import Settings, SettingsError
        from bilat.store import describe_failure

        if isinstance(exc, SettingsError):
            message = str(exc)
        else:
            db = _db_argument() or Settings.db_from_env(os.environ)
            message = describe_failure(exc, db)
        if message is None:
            raise
        err().print(f"[red]bilat:[/red] {terminal_safe(message)}")
        raise SystemExit(2) from None


def _db_argument() -> str | None:
    import sys

    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == "--db" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--db="):
            return arg[5:]
    return None

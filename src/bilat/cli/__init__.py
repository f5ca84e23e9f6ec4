"""The `bilat` command: a thin typer app; each command lives in its own module."""

from __future__ import annotations

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
                 "timeline", "export", "dossier"):
        try:
            module = importlib.import_module(f"bilat.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bilat.cli.{name}":
                continue
            raise
        module.register(app)


_register()


def main() -> None:
    app()

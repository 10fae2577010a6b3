"""Where frontlines keeps things: database URL and cache directory (environment overrides)."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "frontlines.db"


def database_url(db: str | None = None) -> str:
    """SQLAlchemy URL for ``--db`` / ``FRONTLINES_DB``; a bare path means SQLite."""
    value = db or os.environ.get("FRONTLINES_DB") or DEFAULT_DB
    return value if "://" in value else f"sqlite:///{Path(value).expanduser()}"


def cache_dir() -> Path:
    """Directory for compiled caches (gazetteer); ``FRONTLINES_CACHE`` overrides."""
    override = os.environ.get("FRONTLINES_CACHE")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_cache_dir

        path = Path(user_cache_dir("frontlines"))
    path.mkdir(parents=True, exist_ok=True)
    return path

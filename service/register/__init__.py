"""The outgoing register (sổ đăng ký văn bản đi): gapless numbers per series, entries, exports.

``numbering`` holds the pure rules (series, issue day); ``store`` the storage (SQLAlchemy,
Alembic migrations in ``migrations/``); ``issuing`` the step that makes a draft a document.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .numbering import SeriesRules
from .store import Query, RegisterStore

__all__ = ["Query", "RegisterStore", "SeriesRules", "database_url", "open_store", "series_rules"]

_stores: dict[tuple[int, str], RegisterStore] = {}
_rules = SeriesRules()


def database_url(env: Mapping[str, str] | None = None, default_dir: Path | None = None) -> str:
    """Return VANBAN_DATABASE_URL, else a SQLite file under VANBAN_DATA_DIR."""
    env = os.environ if env is None else env
    url = env.get("VANBAN_DATABASE_URL", "").strip()
    if url:
        return url
    folder = Path(env.get("VANBAN_DATA_DIR", "").strip() or default_dir or "instance")
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder.resolve() / 'register.sqlite3'}"


def open_store(url: str) -> RegisterStore:
    """Return this process's store for ``url`` (a forked worker opens its own)."""
    key = (os.getpid(), url)
    if key not in _stores:
        _stores[key] = RegisterStore(url)
    return _stores[key]


def series_rules() -> SeriesRules:
    """Return the series rules in force (the site folder's, once it declares bodies)."""
    return _rules


def use_series_rules(rules: SeriesRules) -> None:
    """Install the rules a site folder declares (called by the site loader)."""
    global _rules
    _rules = rules

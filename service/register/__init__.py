"""The outgoing register (sổ đăng ký văn bản đi): gapless numbers per series, entries, exports.

``numbering`` holds the pure rules (series, issue day); ``store`` the storage (SQLAlchemy,
Alembic migrations in ``migrations/``); ``issuing`` the step that makes a draft a document.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from .errors import InvalidSeriesRules
from .numbering import SeriesRules
from .store import Query, RegisterStore

__all__ = ["Query", "RegisterStore", "SeriesRules", "database_url", "open_store", "series_rules"]

SERIES_FILE = "register/series.json"  # in the site folder
_stores: dict[tuple[int, str], RegisterStore] = {}


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


def series_rules(site_dir: str | Path | None) -> SeriesRules:
    """Return the series rules of the site folder (``register/series.json``), else the default.

    The file declares the bodies that issue through the register and their separate series:
    ``{"bodies": [{"id", "name", "aliases": [], "series": [{"id", "title", "types", "kinds"}]}]}``.
    Without it, every body keeps one series a year.
    """
    if not site_dir:
        return SeriesRules()
    path = Path(site_dir) / SERIES_FILE
    if not path.is_file():
        return SeriesRules()
    return _rules_of(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _rules_of(path: str, _mtime: int) -> SeriesRules:
    try:
        return SeriesRules.from_data(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise InvalidSeriesRules(
            f'Tệp {path} không hợp lệ: cần {{"bodies": [{{"id", "name", "series"}}]}}.',
            {path: [f"{error.__class__.__name__}: {error}"]},
        ) from None

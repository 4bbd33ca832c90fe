"""Read a site folder's JSON files: each one's entries with the file they came from."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..vn.text import nfc
from .problems import SiteProblem, entry_label

# The data a site folder may add, by sub-folder: the list key(s) each file holds.
DATA_FOLDERS = {
    "registry": ("documents",),
    "bodies": ("bodies", "provinces", "levels", "central_cities"),
    "level-schemes": ("schemes",),
}


@dataclass(frozen=True)
class Entry:
    """One entry of a site file, with what a problem needs to name it."""

    file: str
    index: int
    value: Any

    @property
    def label(self) -> str:
        """Return the entry's id, name or position."""
        return entry_label(self.value, self.index)

    def problem(self, field: str, message: str) -> SiteProblem:
        """Return a problem of this entry's ``field``."""
        return SiteProblem(self.file, self.label, field, message)

    def is_object(self, what: str, problems: list[SiteProblem]) -> bool:
        """Return whether the entry is a JSON object; note it when not ("Mỗi ``what`` là …")."""
        if isinstance(self.value, dict):
            return True
        problems.append(self.problem("", f"Mỗi {what} là một đối tượng JSON."))
        return False

    def require(
        self,
        keys: Iterable[str],
        problems: list[SiteProblem],
        given: Callable[[dict, str], bool] = lambda value, key: _filled(value.get(key)),
    ) -> None:
        """Note each of ``keys`` that is not ``given`` (by default: absent, null or empty)."""
        for key in keys:
            if not given(self.value, key):
                problems.append(self.problem(key, "Thiếu trường bắt buộc."))

    def day(self, key: str, problems: list[SiteProblem]) -> date | None:
        """Return the ISO date in ``key`` (None when absent); note one that is not a date."""
        raw = self.value.get(key)
        if raw is None:
            return None
        try:
            if isinstance(raw, str) and len(raw) == 10:
                return date.fromisoformat(raw)
        except ValueError:
            pass
        message = f"Ngày không hợp lệ: {raw!r}; viết YYYY-MM-DD, ví dụ 2025-07-01."
        problems.append(self.problem(key, message))
        return None


def read_entries(site: Path, folder: str, problems: list[SiteProblem]) -> dict[str, list[Entry]]:
    """Return, for each list ``folder`` may hold (DATA_FOLDERS), the entries under it of every
    ``site/folder/*.json`` in file-name order; each file is read once."""
    entries: dict[str, list[Entry]] = {key: [] for key in DATA_FOLDERS[folder]}
    for path, data in _documents(site, folder, problems):
        name = path.relative_to(site).as_posix()
        for key, found in entries.items():
            value = data.get(key, [])
            if not isinstance(value, list):
                problems.append(SiteProblem(name, "", key, "Phải là một danh sách (mảng JSON)."))
                continue
            found += [Entry(name, index, _nfc(item)) for index, item in enumerate(value)]
    return entries


def _documents(site: Path, folder: str, problems: list[SiteProblem]) -> Iterator[tuple[Path, dict]]:
    """Yield each JSON file of ``site/folder`` that holds an object; note every other one."""
    keys = DATA_FOLDERS[folder]
    for path in sorted((site / folder).glob("*.json")):
        name = path.relative_to(site).as_posix()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(SiteProblem(name, "", "", "Tệp không phải văn bản UTF-8."))
            continue
        except (json.JSONDecodeError, RecursionError) as error:
            where = f" (dòng {error.lineno}, cột {error.colno})" if hasattr(error, "lineno") else ""
            problems.append(SiteProblem(name, "", "", f"Tệp không phải JSON hợp lệ{where}."))
            continue
        if not isinstance(data, dict) or not set(data) & set(keys):
            wanted = ", ".join(f'"{k}"' for k in keys)
            problems.append(
                SiteProblem(name, "", "", f"Cần một đối tượng JSON có danh sách {wanted}.")
            )
            continue
        yield path, data


def _filled(value: Any) -> bool:
    """Return whether a required field holds something: not null, not "", not []."""
    return value not in (None, "", [])


def _nfc(value: Any) -> Any:
    """Return ``value`` with every string in NFC, as the packaged data is."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value

"""The items of an uploaded batch: a JSON array, or a ZIP of JSON files checked before reading.

A ZIP is refused before anything is extracted when it has too many members, declares too many
bytes, names a path that would leave the job folder (absolute, "..", drive letters,
backslashes) or holds a symbolic link or anything but .json files; members are then read with
a running total, so a member that lies about its size cannot exceed the limit either.
"""

from __future__ import annotations

import io
import json
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

from ..errors import InvalidInput, MalformedInput, VanbanError

MIB = 1024 * 1024
IGNORED_PREFIXES = ("__MACOSX/",)
MAX_NAME_BYTES = 200  # one folder or file name; file systems stop at 255
MAX_PATH_BYTES = 1000


class TooLarge(VanbanError):
    """The upload exceeds a size or count limit."""

    code = "payload_too_large"
    http_status = 413


class UnsafeArchive(MalformedInput):
    """The ZIP holds something that must not be extracted."""

    code = "unsafe_archive"


def array_inputs(items: Any, max_items: int) -> list[tuple[str, bytes]]:
    """Return one JSON file per element of a JSON array, named by its index."""
    if not isinstance(items, list):
        raise InvalidInput(
            "Cần một mảng JSON các văn bản.",
            {"": ['Gửi [văn bản, văn bản, …], mỗi văn bản là một đối tượng có trường "kind".']},
        )
    if not items:
        raise InvalidInput("Lô không có văn bản nào.", {"": ["Cần ít nhất một văn bản."]})
    check_count(len(items), max_items)
    width = max(5, len(str(len(items) - 1)))
    return [
        (f"item-{i:0{width}d}.json", json.dumps(item, ensure_ascii=False).encode())
        for i, item in enumerate(items)
    ]


def check_count(count: int, max_items: int) -> None:
    """Raise TooLarge when a batch holds more than ``max_items`` items."""
    if count > max_items:
        raise TooLarge(
            f"Lô có {count} văn bản, vượt giới hạn {max_items} văn bản mỗi lô.",
            {"": [f"Tối đa {max_items} văn bản; hãy chia thành nhiều lô."]},
        )


def zip_inputs(data: bytes, max_items: int, max_bytes: int) -> list[tuple[str, bytes]]:
    """Return the JSON files of a ZIP as (safe relative name, bytes), after every check."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise MalformedInput("Tệp gửi lên không phải tệp ZIP hợp lệ.") from None
    with archive:
        members = [
            m
            for m in archive.infolist()
            if not m.is_dir() and not m.filename.startswith(IGNORED_PREFIXES)
        ]
        check_count(len(members), max_items)
        if not members:
            raise InvalidInput("Tệp ZIP không có văn bản nào.", {"": ["Cần các tệp .json."]})
        _check_members(members)
        if sum(m.file_size for m in members) > max_bytes:
            raise _too_many_bytes(max_bytes)
        return _read(archive, members, max_bytes)


def _check_members(members: Sequence[zipfile.ZipInfo]) -> None:
    unsafe = [m.filename for m in members if not safe_name(m.filename) or _is_link(m)]
    if unsafe:
        raise UnsafeArchive(
            "Tệp ZIP có đường dẫn không an toàn; không giải nén.",
            {
                name: ["Đường dẫn ra ngoài thư mục, tuyệt đối hoặc liên kết."]
                for name in unsafe[:20]
            },
        )
    others = [m.filename for m in members if not m.filename.lower().endswith(".json")]
    if others:
        raise UnsafeArchive(
            "Tệp ZIP chỉ được chứa tệp .json.",
            {name: ["Không phải tệp .json."] for name in others[:20]},
        )
    check_names([m.filename for m in members])
    if any(m.flag_bits & 0x1 for m in members):
        raise MalformedInput("Tệp ZIP có mật khẩu; hãy gửi tệp không mã hóa.")


class ConflictingNames(InvalidInput):
    """Two members would be stored under one name, or one name is too long to store."""


def stored_name(name: str) -> str:
    """Return the name a member is stored under: "./a.json", "d//a.json" → "a.json", "d/a.json".

    >>> stored_name("./d//a.json")
    'd/a.json'
    """
    return unicodedata.normalize("NFC", str(PurePosixPath(name)))


def check_names(names: Sequence[str]) -> None:
    """Refuse names that collide once stored, that are files and folders at once, or too long."""
    errors: dict[str, list[str]] = {}
    seen: dict[str, str] = {}
    for name in names:
        stored = stored_name(name)
        if stored in seen:
            errors.setdefault(name, []).append(f"Trùng với '{seen[stored]}' (cùng là '{stored}').")
        seen.setdefault(stored, name)
        if any(len(part.encode()) > MAX_NAME_BYTES for part in PurePosixPath(stored).parts):
            errors.setdefault(name, []).append(
                f"Tên thư mục hoặc tệp dài quá {MAX_NAME_BYTES} byte."
            )
        if len(stored.encode()) > MAX_PATH_BYTES:
            errors.setdefault(name, []).append(f"Đường dẫn dài quá {MAX_PATH_BYTES} byte.")
    for stored, name in seen.items():
        for folder in PurePosixPath(stored).parents:
            if str(folder) in seen:
                errors.setdefault(name, []).append(
                    f"'{seen[str(folder)]}' là một tệp, không thể đồng thời là thư mục."
                )
    if errors:
        raise ConflictingNames(
            "Tệp ZIP có tên tệp trùng nhau sau khi chuẩn hóa, hoặc quá dài; không nhận lô này.",
            dict(list(errors.items())[:20]),
        )


def safe_name(name: str) -> bool:
    """Return whether a member name stays inside the folder it is extracted to.

    >>> [safe_name(n) for n in ("a/b.json", "../b.json", "/etc/x.json", "c:x.json", "a\\\\b")]
    [True, False, False, False, False]
    """
    if not name or "\\" in name or ":" in name or "\0" in name:
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and path.parts[0] != "."


def _is_link(member: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(member.external_attr >> 16)


def _read(
    archive: zipfile.ZipFile, members: Sequence[zipfile.ZipInfo], max_bytes: int
) -> list[tuple[str, bytes]]:
    files, total = [], 0
    for member in members:
        try:
            with archive.open(member) as handle:
                content = handle.read(max_bytes - total + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
            raise MalformedInput(f"Không đọc được '{member.filename}' trong tệp ZIP.") from None
        total += len(content)
        if total > max_bytes:
            raise _too_many_bytes(max_bytes)
        files.append((stored_name(member.filename), content))
    return files


def _too_many_bytes(max_bytes: int) -> TooLarge:
    return TooLarge(f"Nội dung giải nén vượt giới hạn {max_bytes // MIB} MiB mỗi lô.")

"""Reading inputs and writing outputs safely: shared by the CLI, batch jobs and the API."""

from __future__ import annotations

import errno
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from .errors import CannotWrite, MalformedInput
from .json_errors import reason as json_reason


def read_json(source: str) -> Any:
    """Return the JSON in file ``source`` ('-' for standard input)."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MalformedInput(f"Không tìm thấy tệp '{source}'.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise MalformedInput(f"Không đọc được tệp '{source}': {unreadable(error)}.") from None
    return parse_json(text, f"Tệp '{source}'")


def unreadable(error: OSError | UnicodeDecodeError) -> str:
    """Say in Vietnamese why a file could not be read as text (the system says it in English).

    >>> unreadable(IsADirectoryError(21, "Is a directory"))
    'đây là một thư mục, không phải tệp'
    >>> unreadable(UnicodeDecodeError("utf-8", b"ab\\xff", 2, 3, "invalid start byte"))
    'không phải văn bản UTF-8 (byte thứ 3 không đọc được); hãy lưu lại tệp với mã hóa UTF-8'
    """
    if isinstance(error, UnicodeDecodeError):
        position = f"{error.start + 1:,}".replace(",", ".")
        return (
            f"không phải văn bản UTF-8 (byte thứ {position} không đọc được); "
            "hãy lưu lại tệp với mã hóa UTF-8"
        )
    if isinstance(error, PermissionError):
        return "không có quyền đọc tệp này"
    if isinstance(error, FileNotFoundError):
        return "tệp không tồn tại"
    return _os_reason(error)


def unwritable(error: OSError) -> str:
    """Say in Vietnamese why a file or folder could not be written.

    >>> unwritable(OSError(errno.ENOSPC, "No space left on device"))
    'ổ đĩa đã đầy'
    """
    if isinstance(error, PermissionError):
        return "không có quyền ghi vào đây"
    if isinstance(error, FileNotFoundError):
        return "thư mục chứa nó không tồn tại và không tạo được"
    if isinstance(error, FileExistsError):  # making its folders met a file of that name
        return "đường dẫn có một tệp ở chỗ cần một thư mục"
    return _os_reason(error)


def _os_reason(error: OSError) -> str:
    """The Vietnamese for the system errors a file can meet whether read or written."""
    if isinstance(error, IsADirectoryError):
        return "đây là một thư mục, không phải tệp"
    if isinstance(error, NotADirectoryError):
        return "một phần của đường dẫn là tệp, không phải thư mục"
    reasons = {
        errno.ENOSPC: "ổ đĩa đã đầy",
        errno.EDQUOT: "đã hết hạn mức dung lượng",
        errno.EROFS: "ổ đĩa chỉ cho đọc",
        errno.ENAMETOOLONG: "tên tệp quá dài",
    }
    return reasons.get(error.errno, f"lỗi hệ thống ({error.strerror or error})")


def parse_json(text: str, name: str = "Dữ liệu", *, one_line: bool = False) -> Any:
    """Return the JSON in ``text``, or raise MalformedInput naming ``name``, line and column.

    What would break a later step is refused here: nesting deeper than MAX_DEPTH, integers
    longer than MAX_DIGITS digits, and NaN or Infinity (not JSON).

    >>> parse_json('{"a": [1, 2.5]}')
    {'a': [1, 2.5]}
    >>> parse_json("[" * 100 + "]" * 100)
    Traceback (most recent call last):
    service.errors.MalformedInput: Dữ liệu có các mảng, đối tượng lồng nhau quá 64 tầng.

    A byte order mark in front, which editors on Windows write into UTF-8 files, is ignored
    (RFC 8259 §8.1 allows it) rather than reported as a syntax error at column 1:

    >>> parse_json('\\ufeff{"a": 1}')
    {'a': 1}
    """
    try:
        value = json.loads(
            text.removeprefix("\ufeff"), parse_int=_bounded_int, parse_constant=_no_constant
        )
    except json.JSONDecodeError as error:
        where = "" if one_line else f"dòng {error.lineno}, "
        raise MalformedInput(
            f"{name} không phải JSON hợp lệ: {where}cột {error.colno}: {json_reason(error)}."
        ) from None
    except RecursionError:
        raise _too_deep(name) from None
    except _NotAllowed as error:
        raise MalformedInput(f"{name} không phải JSON hợp lệ: {error}") from None
    if _depth(value) > MAX_DEPTH:
        raise _too_deep(name)
    return value


MAX_DEPTH = 64  # the deepest input (a plan's outline) nests about 12 levels
MAX_DIGITS = 100  # no number in a document has more digits; Python refuses over 4,300


class _NotAllowed(ValueError):
    """A JSON number or constant the service refuses while parsing."""


def _bounded_int(literal: str) -> int:
    if len(literal.lstrip("-")) > MAX_DIGITS:
        raise _NotAllowed(f"số nguyên dài quá {MAX_DIGITS} chữ số ({literal[:12]}…).")
    return int(literal)


def _no_constant(name: str) -> Any:
    raise _NotAllowed(f"{name} không phải một số JSON.")


def _depth(value: Any) -> int:
    """Return how deep arrays and objects nest in ``value`` (without recursion)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        node, level = pending.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                break
            children = node.values() if isinstance(node, dict) else node
            pending.extend((child, level + 1) for child in children)
    return deepest


def _too_deep(name: str) -> MalformedInput:
    return MalformedInput(f"{name} có các mảng, đối tượng lồng nhau quá {MAX_DEPTH} tầng.")


def _umask() -> int:
    """Return the process umask (reading it means setting it; put it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, content: bytes, *, sync_parent: bool = True) -> None:
    """Write ``content`` to ``path`` through a temporary file, so no half-written file remains.

    The file gets the permissions a plain open() would give (0666 less the umask), not the
    owner-only mode of the temporary file. Its bytes reach the disk before the rename, and the
    rename before this returns (the folder is synced too), so a power cut leaves the old file or
    the whole new one, never an empty file under the final name.

    ``sync_parent=False`` leaves the folder's sync to the caller, which writes many files into
    one folder and syncs it once before recording them (a batch, before its manifest).

    A file that cannot be written raises CannotWrite saying why in Vietnamese (a full disk, no
    permission), naming the file but not its folder, which on a server is nobody's business.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise CannotWrite(f"Không ghi được tệp '{path.name}': {unwritable(error)}.") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException as error:
        Path(temp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise CannotWrite(f"Không ghi được tệp '{path.name}': {unwritable(error)}.") from None
        raise
    if sync_parent:
        sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (renames, new files) to the disk."""
    handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(handle)
    finally:
        os.close(handle)

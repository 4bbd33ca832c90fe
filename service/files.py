"""Reading inputs and writing outputs safely: shared by the CLI, batch jobs and the API."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from .errors import MalformedInput
from .json_errors import describe as describe_json_error


def read_json(source: str) -> Any:
    """Return the JSON in file ``source`` ('-' for standard input)."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MalformedInput(f"Không tìm thấy tệp '{source}'.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise MalformedInput(f"Không đọc được tệp '{source}': {error}.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedInput(
            f"Tệp '{source}' không phải JSON hợp lệ: {describe_json_error(error)}."
        ) from None


def _umask() -> int:
    """Return the process umask (reading it means setting it; put it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file, so no half-written file remains.

    The file gets the permissions a plain open() would give (0666 less the umask), not the
    owner-only mode of the temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise

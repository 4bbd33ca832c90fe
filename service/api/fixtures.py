"""GET /api/v1/fixtures and /api/v1/fixtures/<path>: example inputs a clerk can start from.

Only ``*.json`` files under the fixtures directory are listed or served; a path that leaves the
directory (``..``, an absolute path, a symbolic link pointing elsewhere) is answered with 404.
"""

from __future__ import annotations

import json
import logging
from importlib import resources
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify
from werkzeug.exceptions import NotFound

from ..vn.text import nfc
from .describe import INPUT_REF, operation, query_args
from .queries import FixtureQuery

bp = Blueprint("fixtures", __name__)
log = logging.getLogger(__name__)

# The packaged examples (the repository's fixtures/, installed as the package service.fixtures).
DEFAULT_DIR = Path(str(resources.files("service.fixtures")))
SUMMARY_CHARS = 90
FOLDER_LABELS = {"seeds": "Văn bản mẫu gốc"}
INVALID_FOLDER_LABEL = "Dữ liệu có lỗi (để thử thông báo lỗi)"


def fixtures_dir() -> Path:
    """Return the fixtures directory (``VANBAN_FIXTURES_DIR`` in the app config overrides it)."""
    return Path(current_app.config.get("VANBAN_FIXTURES_DIR") or DEFAULT_DIR).resolve()


def fixture_file(root: Path, name: str) -> Path | None:
    """Return the file ``name`` names inside ``root``, or None when it is not a fixture there.

    >>> root = DEFAULT_DIR.resolve()
    >>> fixture_file(root, "../pyproject.toml") is None, fixture_file(root, "/etc/passwd") is None
    (True, True)
    """
    if not name.endswith(".json") or "\\" in name or "\x00" in name or name.startswith("/"):
        return None
    path = (root / name).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


def folder_label(folder: str) -> str:
    """Return the Vietnamese name of a fixtures folder.

    >>> folder_label("seeds"), folder_label("invalid-ranking")
    ('Văn bản mẫu gốc', 'Dữ liệu có lỗi (để thử thông báo lỗi)')
    """
    if folder.startswith("invalid"):
        return INVALID_FOLDER_LABEL
    return FOLDER_LABELS.get(folder, f"Thư mục {folder}")


def describe(payload: dict, fallback: str) -> str:
    """Return a Vietnamese label for a fixture: its number, date and summary.

    >>> describe({"number": 2113, "date": "2023-12-31", "summary": "Về việc A"}, "x")
    'Số 2113, ngày 31/12/2023: Về việc A'
    >>> describe({"number": None, "date": "2024-01"}, "nhap.json")
    'Bản nháp, tháng 01/2024: nhap.json'
    """
    number = payload.get("number")
    head = (
        f"Số {number}" if isinstance(number, int) and not isinstance(number, bool) else "Bản nháp"
    )
    when = payload.get("date")
    if isinstance(when, str) and len(when) == 10:
        head += f", ngày {when[8:10]}/{when[5:7]}/{when[:4]}"
    elif isinstance(when, str) and len(when) == 7:
        head += f", tháng {when[5:7]}/{when[:4]}"
    summary = payload.get("summary")
    text = summary if isinstance(summary, str) and summary.strip() else fallback
    if len(text) > SUMMARY_CHARS:
        text = text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
    return nfc(f"{head}: {text}")


def list_entries(root: Path, kind: str | None) -> list[dict[str, Any]]:
    """Return the fixtures under ``root`` (of ``kind`` when given), sorted by path."""
    entries = []
    for path in sorted(root.rglob("*.json")):
        name = path.relative_to(root).as_posix()
        if fixture_file(root, name) is None:
            continue
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            log.warning("fixture %s is not readable JSON; not listed", name)
            continue
        if not isinstance(payload, dict) or not isinstance(payload.get("kind"), str):
            continue
        if kind and payload["kind"] != kind:
            continue
        folder = name.split("/")[0] if "/" in name else ""
        entries.append(
            {
                "path": name,
                "kind": payload["kind"],
                "label": describe(payload, name),
                "folder": folder,
                "folder_label": folder_label(folder),
                "invalid": folder.startswith("invalid"),
            }
        )
    return entries


@bp.get("/api/v1/fixtures")
@operation("Các dữ liệu mẫu (theo loại văn bản)", query=FixtureQuery)
def list_fixtures() -> Any:
    """Return the fixture inputs (?kind= keeps one kind), each with a Vietnamese label."""
    kind = query_args(FixtureQuery).get("kind") or None
    return jsonify(fixtures=list_entries(fixtures_dir(), kind))


@bp.get("/api/v1/fixtures/<path:name>")
@operation(
    "Một dữ liệu mẫu",
    ok={200: ("Dữ liệu mẫu (JSON đầu vào)", {"application/json": INPUT_REF})},
    errors={404: "Không có dữ liệu mẫu này"},
)
def one_fixture(name: str) -> Response:
    """Return one fixture input exactly as stored (key order and formatting kept)."""
    path = fixture_file(fixtures_dir(), name)
    if path is None:
        raise NotFound()
    response = Response(path.read_bytes(), mimetype="application/json")
    response.headers["Cache-Control"] = "no-cache"
    return response

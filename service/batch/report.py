"""OUTDIR/report.json and the closing summary: every failure and warning, located.

A problem names its item, the file it came from (with the JSON Lines line or the sheet row when
there is one), the field path and the Vietnamese message, as InvalidInput.errors gives them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from ..vn.fields import readable_path
from .inputs import Item

REPORT = "report.json"
SHOWN = 20  # problems listed on the terminal per kind; the report has all of them


@dataclass(frozen=True)
class Problem:
    """One failure or warning of one item."""

    item: str
    input: str
    path: str
    message: str
    code: str
    line: int | None = None
    row: int | None = None
    replacement: str | None = None
    field: str | None = None  # the path as a clerk reads it: "Nhóm 1 › Cơ quan 4 (Sở Y tế)"

    def to_dict(self) -> dict[str, Any]:
        """Return the record, without the fields that do not apply."""
        return {key: value for key, value in asdict(self).items() if value is not None}

    def describe(self) -> str:
        """Return one line for a terminal."""
        where = self.item + (f" (dòng {self.row} của bảng)" if self.row else "")
        field_path = f" · {self.field or self.path}" if self.path else ""
        return f"{where}{field_path}: {self.message}"  # the message names the replacement


def problems(item: Item, error: Mapping[str, Any], code: str | None = None) -> list[Problem]:
    """Return one problem per field message of an error dict ({code, message, errors})."""
    code = code or error.get("code", "error")
    top, errors = error.get("message", ""), error.get("errors") or {}
    if not errors:
        return [located(item, "", top, code)]
    # A field message completes a specific summary ("Không có loại văn bản 'x'."), never the
    # generic one of invalid input.
    lead = "" if code == "invalid_input" else f"{top} "
    return [
        located(item, path, lead + message, code)
        for path, messages in errors.items()
        for message in messages
    ]


def located(
    item: Item, path: str, message: str, code: str, replacement: str | None = None
) -> Problem:
    """Return a problem of ``item`` at ``path``, with its sheet row when it has one."""
    return Problem(
        item=item.id,
        input=item.source,
        path=path,
        message=message,
        code=code,
        line=item.line,
        row=row_of(item, path),
        replacement=replacement,
        field=readable_path(path, item.payload) if path else None,
    )


def row_of(item: Item, path: str) -> int | None:
    """Return the sheet row of the agency a field path lies in ("groups.0.agencies.3.score")."""
    parts = path.split(".")
    return item.rows.get(".".join(parts[:4])) if len(parts) >= 4 else None


@dataclass
class Tally:
    """What a run did, counted as it goes."""

    total: int = 0
    rendered: int = 0
    skipped: int = 0
    failed_items: set[str] = field(default_factory=set)
    failures: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def fail(self, found: Iterable[Problem]) -> None:
        """Record the problems of an item that failed."""
        found = list(found)
        self.failed_items.update(p.item for p in found)
        self.failures += found

    @property
    def failed(self) -> int:
        """Return how many items failed."""
        return len(self.failed_items)

    @property
    def succeeded(self) -> int:
        """Return how many items have their outputs, rendered now or kept."""
        return self.rendered + self.skipped


def render_report(tally: Tally, options: Mapping[str, Any], interrupted: bool = False) -> bytes:
    """Return report.json: counts, then every failure and warning in item order."""
    order = {"failures": tally.failures, "warnings": tally.warnings}
    body = {
        "summary": {
            "total": tally.total,
            "succeeded": tally.succeeded,
            "rendered": tally.rendered,
            "skipped": tally.skipped,
            "failed": tally.failed,
            "warnings": len(tally.warnings),
            "interrupted": interrupted,
        },
        "options": dict(options),
        **{
            key: [p.to_dict() for p in sorted(found, key=lambda p: p.item)]
            for key, found in order.items()
        },
    }
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def summary_lines(tally: Tally, seconds: float, interrupted: bool = False) -> list[str]:
    """Return the closing lines for a terminal, in Vietnamese."""
    head = "Đã dừng giữa chừng" if interrupted else "Xong"
    lines = [
        f"{head}: {tally.succeeded}/{tally.total} mục có đủ tệp (tạo mới {tally.rendered}, "
        f"bỏ qua {tally.skipped} mục không đổi), {tally.failed} mục lỗi, "
        f"{len(tally.warnings)} cảnh báo; {_seconds(seconds)}."
    ]
    lines += _listed("LỖI", tally.failures) + _listed("CẢNH BÁO", tally.warnings)
    return lines


def _listed(label: str, found: list[Problem]) -> list[str]:
    """Return the first SHOWN problems as lines, then how many more report.json holds."""
    ordered = sorted(found, key=lambda p: p.item)
    lines = [f"  {label} {p.describe()}" for p in ordered[:SHOWN]]
    if len(ordered) > SHOWN:
        lines.append(f"  … và {len(ordered) - SHOWN} {label.lower()} khác: xem {REPORT}.")
    return lines


def _seconds(seconds: float) -> str:
    """Return a duration with a decimal comma.

    >>> _seconds(4.25)
    '4,2 giây'
    """
    return f"{seconds:.1f}".replace(".", ",") + " giây"

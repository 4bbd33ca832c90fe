"""A site folder's problems: each names its file, its entry and its field, in Vietnamese."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import VanbanError


@dataclass(frozen=True)
class SiteProblem:
    """One fault of a site folder: where it is (file, entry, field) and what is wrong."""

    file: str  # relative to the site folder: "registry/local.json"
    entry: str  # the entry's id, or "mục số 3"; "" for the whole file
    field: str  # the field's name, or ""
    message: str

    def __str__(self) -> str:
        place = " › ".join(part for part in (self.file, self.entry, self.field) if part)
        return f"{place}: {self.message}"


class InvalidSite(VanbanError):
    """The site folder cannot be used as it is; ``problems`` lists every fault."""

    code = "invalid_site"
    http_status = 500  # a deployment fault: the server refuses to start instead
    exit_code = 2

    def __init__(self, folder: str, problems: Sequence[SiteProblem]) -> None:
        errors: dict[str, list[str]] = {}
        for p in problems:
            errors.setdefault(p.file + (f" › {p.entry}" if p.entry else ""), []).append(_field(p))
        super().__init__(
            f"Thư mục site {folder} có {len(problems)} lỗi; sửa rồi chạy lại: "
            f"vanban site check {folder}",
            errors,
        )
        self.problems = tuple(problems)

    def describe(self) -> str:
        """Return the message and one line per problem, in the folder's order."""
        return "\n".join([self.message, *(f"  {p}" for p in self.problems)])


def _field(problem: SiteProblem) -> str:
    return f"{problem.field}: {problem.message}" if problem.field else problem.message


def entry_label(entry: object, index: int) -> str:
    """Return how a problem names an entry: its id, else its name, else its position.

    >>> entry_label({"id": "bac-ninh:5/QĐ-UBND"}, 0), entry_label({"name": "Sở Y tế"}, 1)
    ('bac-ninh:5/QĐ-UBND', 'Sở Y tế')
    >>> entry_label([], 2)
    'mục số 3'
    """
    if isinstance(entry, dict):
        for key in ("id", "name"):
            if isinstance(entry.get(key), str) and entry[key].strip():
                return entry[key]
    return f"mục số {index + 1}"

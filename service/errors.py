"""One error model for the whole service: a machine code, an HTTP status, an exit code.

``errors`` maps a field path ("signature.title", "groups.0.agencies.3.score") to messages in
Vietnamese; the API sends it as ``{code, status, message, errors}``, the CLI prints it to stderr.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar


class VanbanError(Exception):
    """Base error; subclasses set the code, the HTTP status and the CLI exit code."""

    code: ClassVar[str] = "error"
    http_status: ClassVar[int] = 500
    exit_code: ClassVar[int] = 1

    def __init__(self, message: str, errors: Mapping[str, Sequence[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = {path: list(msgs) for path, msgs in (errors or {}).items()}

    def to_dict(self) -> dict:
        """Return the JSON error shape."""
        return {
            "code": self.code,
            "status": self.http_status,
            "message": self.message,
            "errors": self.errors,
        }

    def describe(self, payload: object = None) -> str:
        """Return the message and each field error on its own line, for a terminal.

        Fields are named as a clerk reads them ("Nhóm 1 › Cơ quan 4 (Sở Y tế) › Tổng điểm"),
        with the names ``payload`` gives; the machine path stays in the JSON shape.
        """
        from .vn.fields import readable_path

        lines = [self.message]
        lines += [
            f"  {readable_path(path, payload)}: {msg}"
            for path, msgs in self.errors.items()
            for msg in msgs
        ]
        return "\n".join(lines)


class InvalidInput(VanbanError):
    """The input does not describe a valid document; ``errors`` says where and why."""

    code = "invalid_input"
    http_status = 422
    exit_code = 2


class UnknownKind(VanbanError):
    """The input names a document kind the service does not know."""

    code = "unknown_kind"
    http_status = 404
    exit_code = 2


class MalformedInput(VanbanError):
    """The input is not JSON (or not the container it claims to be)."""

    code = "malformed_input"
    http_status = 400
    exit_code = 2


class RenderError(VanbanError):
    """A template or renderer failed on valid input: a defect of the service, not the client."""

    code = "render_failed"
    http_status = 500
    exit_code = 1


class CannotWrite(VanbanError):
    """An output file could not be written: no permission, a full or read-only disk."""

    code = "cannot_write"
    http_status = 500
    exit_code = 1


def invalid(path: str, message: str) -> InvalidInput:
    """Return an InvalidInput naming one field."""
    return InvalidInput("Dữ liệu đầu vào không hợp lệ.", {path: [message]})

"""Run independent compose steps and report every invalid field at once, not just the first."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..errors import InvalidInput

T = TypeVar("T")


class Collector:
    """Gather InvalidInput errors from several steps; raise them together at the end."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def run(self, step: Callable[[], T], fallback: T) -> T:
        """Return ``step()``, or ``fallback`` after recording its field errors."""
        try:
            return step()
        except InvalidInput as error:
            self.add_all(error.errors)
            return fallback

    def add(self, path: str, message: str) -> None:
        """Record one field error."""
        self.errors.setdefault(path, []).append(message)

    def add_all(self, errors: dict[str, list[str]]) -> None:
        """Record several field errors."""
        for path, messages in errors.items():
            self.errors.setdefault(path, []).extend(messages)

    def raise_if_any(self) -> None:
        """Raise one InvalidInput holding everything recorded."""
        if self.errors:
            raise InvalidInput("Dữ liệu đầu vào không hợp lệ.", self.errors)

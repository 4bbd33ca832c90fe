"""WeasyPrint's font subsetting without a C parser run per PDF.

WeasyPrint 70 allocates HarfBuzz glyph arrays as ``ffi.new(f"hb_codepoint_t[{n}]", values)``.
cffi parses every new type string with pycparser (about 6 ms each, measured) and keeps each one
for the life of the process; ``n`` is a glyph count, so nearly every PDF with new text paid
several parses, and a long-running server's type cache kept growing. The same array made as
``hb_codepoint_t[]`` from its values is one type, parsed once: same memory, same calls, same
bytes (tests/test_pdf_speed_levers.py compares).
"""

from __future__ import annotations

import re
from typing import Any

_SIZED = re.compile(r"(\w+)\[(\d+)\]")


class OpenArrays:
    """cffi's FFI object, allocating sized arrays given all their values as open arrays."""

    def __init__(self, ffi: Any) -> None:
        self._ffi = ffi

    def new(self, cdecl: str, init: Any = None) -> Any:
        sized = _SIZED.fullmatch(cdecl)
        if sized and init is not None and len(init) == int(sized[2]):
            return self._ffi.new(f"{sized[1]}[]", init)
        return self._ffi.new(cdecl, init)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ffi, name)


def install() -> None:
    """Put OpenArrays in place of the FFI object WeasyPrint's font module uses (idempotent)."""
    from weasyprint.pdf import fonts

    if not isinstance(fonts.ffi, OpenArrays):
        fonts.ffi = OpenArrays(fonts.ffi)

"""Write a DOCX zip from parts, the unchanging ones compressed once per template.

A template's parts that never change (styles, settings, theme, fonts table, relationships…) are
most of its bytes; deflating them again for every document was a quarter of a DOCX render.
``Deflated`` holds such a part compressed once; ``zip_bytes`` writes the archive with those bytes
as they are and deflates only the rest. The archive is byte for byte what ``zipfile`` writes with
the same entries (compression level 1, no data descriptors, DOS time stamps, owner read and
write): tests compare the two.

Level 1 (zlib's fastest) rather than the default 6: deflating the document's own parts was most of
a DOCX render's time. Measured on the plan example: ``word/document.xml`` (78 KB) deflates in
0.30 ms instead of 0.76 ms, to 11.7 KB instead of 9.4 KB; a whole DOCX grows by about a fifth
(24 → 29 KB), which no office notices, while a batch of thousands renders markedly faster.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# The zip format's records (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16), as zipfile packs them.
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # deflate needs version 2.0 to extract
_DEFLATED = 8
_UTF8_NAME = 0x800
_ATTRIBUTES = 0o600 << 16  # what zipfile.writestr records for an entry: rw- for the owner
LEVEL = zlib.Z_BEST_SPEED  # see the module's docstring


@dataclass(frozen=True)
class Deflated:
    """A part compressed once: its raw deflate stream, CRC-32 and uncompressed size."""

    data: bytes
    crc: int
    size: int

    @classmethod
    def of(cls, content: bytes) -> Deflated:
        """Return ``content`` deflated as zipfile deflates it at LEVEL (raw stream)."""
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        data = compressor.compress(content) + compressor.flush()
        return cls(data, zlib.crc32(content), len(content))


def zip_bytes(parts: Iterable[tuple[str, bytes | Deflated]], when: date) -> bytes:
    """Return a zip of ``parts`` in the given order, every entry stamped ``when`` at midnight."""
    stamp_time, stamp_date = 0, (when.year - 1980) << 9 | when.month << 5 | when.day
    out, central, count = bytearray(), bytearray(), 0
    for name, part in parts:
        entry = part if isinstance(part, Deflated) else Deflated.of(part)
        encoded, flags = _name(name)
        fields = (flags, _DEFLATED, stamp_time, stamp_date, entry.crc, len(entry.data), entry.size)
        central += _CENTRAL.pack(
            b"PK\x01\x02",
            _VERSION,
            0,
            _VERSION,
            0,
            *fields,
            len(encoded),
            0,
            0,
            0,
            0,
            _ATTRIBUTES,
            len(out),
        )
        central += encoded
        out += _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, *fields, len(encoded), 0)
        out += encoded
        out += entry.data
        count += 1
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + end)


def _name(name: str) -> tuple[bytes, int]:
    """Return the entry name's bytes and flag bits: ASCII as is, anything else as UTF-8."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME

"""The DOCX zip writer: byte for byte what zipfile writes, with unchanging parts compressed once."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest

from service.pipeline import compose
from service.render.docx import render_docx
from service.render.zipout import LEVEL, Deflated, zip_bytes

from .conftest import FIXTURES, valid_fixtures


def zipfile_package(parts: list[tuple[str, bytes]], when: date) -> bytes:
    """Return the zip as the renderer wrote it before, through zipfile."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            zf.writestr(info, data, compresslevel=LEVEL)
    return out.getvalue()


def entries(package: bytes) -> list[tuple[str, bytes]]:
    """Return the parts of a zip, in order."""
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        assert zf.testzip() is None
        return [(name, zf.read(name)) for name in zf.namelist()]


@pytest.mark.parametrize("name", valid_fixtures())
def test_every_fixture_docx_is_the_zip_zipfile_would_write(name):
    document = compose(json.loads((FIXTURES / name).read_text(encoding="utf-8")))
    package = render_docx(document)
    when = document.meta.issued or date(1980, 1, 1)
    assert package == zipfile_package(entries(package), when)


@pytest.mark.parametrize(
    "parts",
    [
        [],
        [("empty.xml", b"")],
        [("word/document.xml", b"<w:document/>" * 500), ("[Content_Types].xml", b"<Types/>")],
        [("tệp/tiếng-việt.xml", "Độc lập - Tự do - Hạnh phúc".encode())],
    ],
)
def test_parts_given_as_bytes_or_precompressed_give_zipfiles_bytes(parts):
    when = date(2023, 12, 31)
    expected = zipfile_package(parts, when)
    assert zip_bytes(parts, when) == expected
    assert zip_bytes([(n, Deflated.of(data)) for n, data in parts], when) == expected
    assert entries(expected) == parts

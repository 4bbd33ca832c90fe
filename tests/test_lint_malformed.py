"""Malformed and hostile files: a clear error in bounded time and memory, never a crash."""

from __future__ import annotations

import contextlib
import io
import random
import struct
import time
import tracemalloc
import warnings
import zipfile
import zlib

import pytest

from service.lint import InvalidDocx, UnsafeDocx, lint_docx
from service.lint.package import MAX_ARCHIVE, MAX_PARAGRAPHS, MAX_PART, MAX_RUNS, MIB, DamagedDocx

from .lint_docs import rendered

SECONDS = 5  # every refusal comes back well within this
MEMORY = 64 * MIB  # and allocates far less than the sizes it refuses
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
    b'openxmlformats.org/package/2006/content-types"/>'
)


def package(members: dict[str, bytes], *, bare: bool = False) -> bytes:
    """Return a zip holding ``members``, plus the parts every package has unless ``bare``."""
    required = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": (
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
    }
    # the given members first: some tests damage the first member's headers
    members = (
        members if bare else {**members, **{k: v for k, v in required.items() if k not in members}}
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def document(body: str) -> bytes:
    """Return a main document part with ``body`` inside w:body."""
    return f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'.encode()


def zeros_member(name: str, mebibytes: int) -> bytes:
    """Return a zip whose member ``name`` inflates to ``mebibytes`` MiB of zeros (a zip bomb).

    The deflate stream is one fully flushed block repeated (each block stands alone after a
    full flush) and an empty final block, stored, then relabelled as deflated: seconds faster
    than compressing the zeros.
    """
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = squeeze.compress(b"\0" * MIB) + squeeze.flush(zlib.Z_FULL_FLUSH)
    stream = block * mebibytes + b"\x03\x00"  # BFINAL, fixed Huffman, end of block
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(b"\0" * MIB, crc)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr(name, stream)
    data = bytearray(out.getvalue())
    for marker, method, fields in ((b"PK\x03\x04", 8, 14), (b"PK\x01\x02", 10, 16)):
        at = data.rfind(marker)  # the member written last
        struct.pack_into("<H", data, at + method, zipfile.ZIP_DEFLATED)
        struct.pack_into("<I", data, at + fields, crc)
        struct.pack_into("<I", data, at + fields + 8, mebibytes * MIB)
    return bytes(data)


def refused(data: bytes, error: type[Exception]) -> InvalidDocx:
    """Assert that linting ``data`` raises ``error`` quickly and frugally; return it."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(error) as caught:
            lint_docx(data)
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert elapsed < SECONDS, f"took {elapsed:.1f} s"
    assert peak < MEMORY, f"allocated {peak / MIB:.0f} MiB"
    assert caught.value.message and caught.value.exit_code == 2
    assert caught.value.http_status in (400, 422)
    return caught.value


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """Return a 300 KB zip whose main part inflates to 300 MiB."""
    return zeros_member("word/document.xml", 300)


def test_not_a_zip():
    error = refused(b"%PDF-1.7\n" + b"x" * 1000, InvalidDocx)
    assert "không phải tệp nén zip" in error.message


def test_empty_file():
    refused(b"", InvalidDocx)


def test_word_97_or_password_protected_file():
    assert ".doc" in refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), InvalidDocx).message


def test_encrypted_zip_member():
    data = bytearray(package({"word/document.xml": document("<w:p/>")}))
    for marker, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(marker)
        data[at + flags] |= 1  # general purpose flag bit 0: encrypted
    refused(bytes(data), InvalidDocx)


def test_random_damage_never_crashes():
    rng = random.Random(2020)
    clean = rendered()
    for _ in range(120):
        data = bytearray(clean)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        with contextlib.suppress(InvalidDocx):  # anything else would fail the test
            lint_docx(bytes(data))


def test_zip_without_the_main_document():
    error = refused(
        package({"[Content_Types].xml": CONTENT_TYPES, "notes.txt": b"hi"}), InvalidDocx
    )
    assert "word/document.xml" in error.message


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_truncated_zip(keep):
    data = rendered()
    refused(data[: int(len(data) * keep)], InvalidDocx)


def test_zip_bomb_is_refused_from_the_zip_directory(bomb):
    assert len(bomb) < 2 * MIB
    error = refused(bomb, UnsafeDocx)
    assert error.code == "unsafe_docx" and error.http_status == 422


def declare(data: bytes, name: str, size: int) -> bytes:
    """Return ``data`` with the zip directory declaring member ``name`` ``size`` bytes long."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", out, at + 28)[0]
        if out[at + 46 : at + 46 + length] == name.encode():
            struct.pack_into("<I", out, at + 24, size)
        at = out.find(b"PK\x01\x02", at + 46)
    return bytes(out)


def test_huge_member_that_is_never_read_counts_towards_the_total():
    data = package({"word/document.xml": document("<w:p/>"), "word/media/image1.png": b"0" * 99})
    data = declare(data, "word/media/image1.png", MAX_ARCHIVE + MIB)
    assert "bom zip" in refused(data, UnsafeDocx).message


def test_member_longer_than_its_directory_entry_fails_its_check():
    xml = document("<w:p/>" * 2000)
    data = bytearray(package({"word/document.xml": xml}))
    # Shrink the declared size in the local header and the central directory: the reader must
    # stop at the declared size and report the mismatch, not inflate the rest.
    for marker, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(marker)
        data[at + offset : at + offset + 4] = struct.pack("<I", 100)
    refused(bytes(data), InvalidDocx)


def test_huge_xml_part_is_refused_before_parsing():
    filler = "<w:p/>" * ((MAX_PART // 6) + 10)
    refused(package({"word/document.xml": document(filler)}), UnsafeDocx)


def test_too_many_paragraphs():
    refused(package({"word/document.xml": document("<w:p/>" * (MAX_PARAGRAPHS + 1))}), UnsafeDocx)


def test_too_many_runs_in_one_paragraph():
    runs = "<w:r><w:t>a</w:t></w:r>" * (MAX_RUNS + 1)
    assert (
        "run"
        in refused(
            package({"word/document.xml": document(f"<w:p>{runs}</w:p>")}), UnsafeDocx
        ).message
    )


def test_deeply_nested_xml():
    depth = 5000
    body = "<w:sdt><w:sdtContent>" * depth + "<w:p/>" + "</w:sdtContent></w:sdt>" * depth
    assert "sâu" in refused(package({"word/document.xml": document(body)}), UnsafeDocx).message


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
        if i > 1
        else '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        for i in range(1, 10)
    )
    + f']><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
    "</w:body></w:document>"
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>'
    "</w:body></w:document>"
)


@pytest.mark.parametrize(
    ("part", "xml"),
    [
        ("word/document.xml", BILLION_LAUGHS),
        ("word/document.xml", EXTERNAL),
        ("word/document.xml", BILLION_LAUGHS.encode("utf-16").decode("latin-1")),
    ],
)
def test_entity_bombs_and_external_entities_are_refused(part, xml):
    raw = xml.encode("latin-1") if xml.startswith("\xff") else xml.encode()
    refused(package({part: raw}), UnsafeDocx)


def test_a_dtd_in_the_styles_part_is_refused_too():
    data = package(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": rels("officeDocument", "word/document.xml"),
            "word/_rels/document.xml.rels": rels("styles", "styles.xml"),
            "word/document.xml": document("<w:p/>"),
            "word/styles.xml": BILLION_LAUGHS.replace("w:document", "w:styles").encode(),
        }
    )
    assert "styles.xml" in refused(data, UnsafeDocx).message


def rels(kind: str, target: str) -> bytes:
    """Return a relationships part with one relationship."""
    return (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{kind}" Target="{target}"/></Relationships>'
    ).encode()


@pytest.mark.parametrize("xml", [b"<w:document", b"not xml at all", b"\xff\xfe\x00garbage"])
def test_main_part_that_is_not_xml(xml):
    refused(package({"word/document.xml": xml}), InvalidDocx)


def test_main_part_of_another_vocabulary():
    strict = b'<document xmlns="http://purl.oclc.org/ooxml/wordprocessingml/main"/>'
    refused(package({"word/document.xml": strict}), InvalidDocx)


def test_a_package_with_only_its_required_parts_is_linted_not_refused():
    report = lint_docx(package({"word/document.xml": document("<w:p/>")}))
    assert "header.national-title.missing" in report.error_rules()


def lint_both_ways(tmp_path, client, data: bytes, name: str):
    """Return what `vanban lint` and POST /api/v1/lint answer for the file ``data``."""
    from click.testing import CliRunner

    from service.cli import main

    source = tmp_path / name
    source.write_bytes(data)
    result = CliRunner().invoke(main, ["lint", str(source)])
    response = client.post(
        "/api/v1/lint",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    return result, response


def test_cli_and_api_report_hostile_files_as_errors(tmp_path, client, bomb):
    result, response = lint_both_ways(tmp_path, client, bomb, "bomb.docx")
    assert result.exit_code == 2 and "Lỗi:" in result.stderr
    assert response.status_code == 422
    assert response.get_json()["code"] == "unsafe_docx"


@pytest.mark.parametrize("missing", ["[Content_Types].xml", "_rels/.rels"])
def test_a_package_without_a_required_part_is_damaged(missing):
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": rels("officeDocument", "word/document.xml"),
        "word/document.xml": document("<w:p/>"),
    }
    del members[missing]
    error = refused(package(members, bare=True), DamagedDocx)
    assert missing in error.message and error.http_status == 422 and error.exit_code == 2


def test_a_package_holding_the_document_twice_is_damaged():
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name it writes
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr("[Content_Types].xml", CONTENT_TYPES)
            zf.writestr("_rels/.rels", rels("officeDocument", "word/document.xml"))
            zf.writestr("word/document.xml", document("<w:p><w:r><w:t>thật</w:t></w:r></w:p>"))
            zf.writestr("word/document.xml", document("<w:p/>"))
    error = refused(out.getvalue(), DamagedDocx)
    assert "word/document.xml" in error.message


def test_the_api_and_cli_answer_a_damaged_package_with_422_and_exit_2(tmp_path, client):
    data = package({"word/document.xml": document("<w:p/>")}, bare=True)
    result, response = lint_both_ways(tmp_path, client, data, "hong.docx")
    assert result.exit_code == 2 and "thiếu" in result.stderr
    assert response.status_code == 422 and response.get_json()["code"] == "damaged_docx"


def test_a_document_over_the_run_budget_is_refused_within_a_second_of_cpu():
    runs = "<w:r><w:t>a</w:t></w:r>" * 1000
    data = package({"word/document.xml": document(f"<w:p>{runs}</w:p>" * 60)})
    started = time.process_time()
    error = refused(data, UnsafeDocx)
    assert time.process_time() - started < 1.0
    assert "quá phức tạp" in error.message and error.http_status == 422

"""The command line: render to a file, errors on stderr with exit code 2, nothing half-written."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from service.cli import main
from service.render.docx_text import docx_lines

from .conftest import FIXTURES

FIXTURE = FIXTURES / "seeds" / "000-ranking-decision-2113-2023.json"


@pytest.mark.parametrize(
    ("fmt", "magic"), [("docx", b"PK\x03\x04"), ("html", b"<!DOCTYPE"), ("pdf", b"%PDF-")]
)
def test_render_writes_the_requested_format(tmp_path, fmt, magic):
    out = tmp_path / f"qd.{fmt}"
    result = CliRunner().invoke(main, ["render", str(FIXTURE), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


@pytest.mark.parametrize(
    ("name", "magic"),
    [
        ("qd.pdf", b"%PDF-"),
        ("QD.PDF", b"%PDF-"),
        ("qd.html", b"<!DOCTYPE"),
        ("qd.docx", b"PK\x03\x04"),
        ("qd.bin", b"PK\x03\x04"),  # an ending no format has: the default, DOCX
    ],
)
def test_without_format_the_output_name_chooses_it(tmp_path, name, magic):
    out = tmp_path / name
    result = CliRunner().invoke(main, ["render", str(FIXTURE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


def test_a_name_ending_in_ky_so_pdf_is_the_pdf_ready_to_sign(tmp_path):
    plain, signable = tmp_path / "qd.pdf", tmp_path / "qd.ky-so.pdf"
    for out in (plain, signable):
        result = CliRunner().invoke(main, ["render", str(FIXTURE), "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert b"/FT /Sig" in signable.read_bytes() and b"/FT /Sig" not in plain.read_bytes()


def test_a_format_contradicting_the_output_name_is_refused_and_nothing_written(tmp_path):
    out = tmp_path / "qd.pdf"
    result = CliRunner().invoke(main, ["render", str(FIXTURE), "-f", "docx", "-o", str(out)])
    assert result.exit_code == 2
    assert "có đuôi .pdf nhưng định dạng chọn (-f) là docx" in result.stderr
    assert list(tmp_path.iterdir()) == []
    # the signable PDF is a PDF: its name may end in .pdf
    result = CliRunner().invoke(main, ["render", str(FIXTURE), "-f", "pdf-ky", "-o", str(out)])
    assert result.exit_code == 0 and out.read_bytes().startswith(b"%PDF-")


def test_default_output_name_comes_from_number_and_date(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["quyet-dinh-2113-qd-ubnd-2023-12-31.docx"]


def test_invalid_input_exits_2_names_the_field_and_writes_nothing(tmp_path):
    payload = json.loads(FIXTURE.read_text(encoding="utf-8"))
    payload["groups"][0]["agencies"][3]["score"] = -5
    source = tmp_path / "in.json"
    source.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 2
    assert (
        "Nhóm 1 (các cơ quan cấp tỉnh) › Cơ quan 4 (Sở Tài nguyên và Môi trường) › Tổng điểm: Điểm không được âm."
        in result.stderr
    )
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "không phải JSON hợp lệ"),
        ('{"kind": "chiếu chỉ"}', "Không có loại văn bản"),
    ],
)
def test_malformed_or_unknown_input_exits_2(tmp_path, content, fragment):
    source = tmp_path / "in.json"
    source.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 2 and fragment in result.stderr
    assert not (tmp_path / "o.docx").exists()


def test_missing_input_file_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["render", str(tmp_path / "none.json")])
    assert result.exit_code == 2 and "Không tìm thấy tệp" in result.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "đây là một thư mục, không phải tệp"),
        (  # saved as "Unicode" (UTF-16) by an editor
            lambda p: p.write_bytes('{"kind": "decision"}'.encode("utf-16")),
            "không phải văn bản UTF-8 (byte thứ 1 không đọc được); hãy lưu lại tệp",
        ),
    ],
)
def test_an_unreadable_input_is_explained_in_vietnamese(tmp_path, make, message):
    make(tmp_path / "in.json")
    result = CliRunner().invoke(main, ["render", str(tmp_path / "in.json"), "-o", "-"])
    assert result.exit_code == 2 and message in result.stderr
    assert "Errno" not in result.stderr and "codec" not in result.stderr


def test_a_utf8_file_with_a_byte_order_mark_renders(tmp_path):
    source = tmp_path / "in.json"
    source.write_bytes(b"\xef\xbb\xbf" + FIXTURE.read_bytes())  # as Windows editors save it
    out = tmp_path / "qd.docx"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "2113/QĐ-UBND" in "\n".join(docx_lines(out.read_bytes()))


def test_an_output_that_cannot_be_written_is_explained_without_a_traceback(tmp_path):
    (tmp_path / "qd").write_text("a file, not a folder", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["render", str(FIXTURE), "-o", str(tmp_path / "qd" / "x.docx")]
    )
    assert result.exit_code == 1 and result.exception.__class__ is SystemExit
    assert "Không ghi được tệp" in result.stderr
    assert "đường dẫn có một tệp ở chỗ cần một thư mục" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qd"]


def test_console_script_renders_from_stdin_to_stdout():
    done = subprocess.run(
        [sys.executable, "-m", "service", "render", "-", "-o", "-"],
        input=FIXTURE.read_bytes(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert any("Mai Sơn" in line for line in docx_lines(done.stdout))

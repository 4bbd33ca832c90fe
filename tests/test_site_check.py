"""`vanban site check`: every fault of a site folder named by file, entry and field; exit 2.

Each case starts from a valid folder (one local decision, one body, one level scheme, one Word
template) and breaks one thing.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.render import PACKAGED, SHARED_DOCX
from service.site import check_site

DECISION = {
    "id": "hung-yen:7/QĐ-UBND",
    "type": "Quyết định",
    "number": "7/QĐ-UBND",
    "issuer": "Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên",
    "local_issuer": "Chủ tịch UBND tỉnh",
    "jurisdiction": "tỉnh Hưng Yên",
    "issued": "2025-08-01",
    "title": "ban hành quy định thử nghiệm",
    "effective_from": None,
    "effective_until": None,
    "confidence": "unconfirmed",
    "unconfirmed": ["title"],
    "note": "Dữ liệu thử nghiệm.",
}
BODY = {
    "id": "hung-yen:trung-tam",
    "name": "Trung tâm Thử nghiệm Phố Hiến",
    "since": "2010-01-01",
    "until": "2025-12-31",
    "replaced_by": "Trung tâm Mới tỉnh Hưng Yên",
    "basis": "Quyết định thử nghiệm",
}
SCHEME = {
    "id": "hung-yen-thu",
    "title": "Thang thử nghiệm",
    "levels": [
        {"name": "Tốt", "min": "80"},
        {"name": "Khá", "min": "60"},
        {"name": "Yếu", "min": "0"},
    ],
}


def write_site(folder: Path, documents=None, bodies=None, schemes=None) -> Path:
    """Write a valid site folder, with the lists given instead of the valid ones."""
    for name, key, items in (
        ("registry/a.json", "documents", documents or [DECISION]),
        ("bodies/a.json", "bodies", bodies or [BODY]),
        ("level-schemes/a.json", "schemes", schemes or [SCHEME]),
    ):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(json.dumps({key: items}, ensure_ascii=False), "utf-8")
    (folder / "templates").mkdir(exist_ok=True)
    shutil.copy(PACKAGED / SHARED_DOCX, folder / "templates" / "ranking-decision.docx")
    return folder


def changed(entry: dict, **fields) -> dict:
    result = copy.deepcopy(entry)
    for key, value in fields.items():
        if value is ...:
            result.pop(key)
        else:
            result[key] = value
    return result


def word_with(folder: Path, name: str, text: str) -> None:
    """Write templates/``name``: the packaged Word template with a paragraph holding ``text``."""
    with zipfile.ZipFile(PACKAGED / SHARED_DOCX) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    xml = parts["word/document.xml"].decode()
    first = re.search(r"<w:p[ >]", xml).start()
    parts["word/document.xml"] = (
        xml[:first] + f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" + xml[first:]
    ).encode()
    with zipfile.ZipFile(folder / "templates" / name, "w") as dst:
        for part, data in parts.items():
            dst.writestr(part, data)


def broken_file(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, "utf-8")


CASES = {
    "duplicate id": (
        lambda f: write_site(f, documents=[DECISION, changed(DECISION, title="bản khác")]),
        ("registry/a.json", "hung-yen:7/QĐ-UBND", "id", "Trùng id"),
    ),
    "replaced_by naming nothing": (
        lambda f: write_site(
            f,
            documents=[
                changed(DECISION, replaced_by="hung-yen:8/QĐ-UBND", effective_until="2025-12-31")
            ],
        ),
        ("registry/a.json", "hung-yen:7/QĐ-UBND", "replaced_by", "Không có văn bản mã"),
    ),
    "validity ending before it starts": (
        lambda f: write_site(
            f,
            documents=[
                changed(DECISION, effective_from="2025-09-01", effective_until="2025-08-31")
            ],
        ),
        ("registry/a.json", "hung-yen:7/QĐ-UBND", "effective_until", "trước ngày bắt đầu"),
    ),
    "missing title": (
        lambda f: write_site(f, documents=[changed(DECISION, title=...)]),
        ("registry/a.json", "hung-yen:7/QĐ-UBND", "title", "Thiếu trường bắt buộc"),
    ),
    "date that is no date": (
        lambda f: write_site(f, documents=[changed(DECISION, issued="01/8/2025")]),
        ("registry/a.json", "hung-yen:7/QĐ-UBND", "issued", "Ngày không hợp lệ"),
    ),
    "unconfirmed without its facts": (
        lambda f: write_site(f, documents=[changed(DECISION, unconfirmed=[])]),
        ("registry/a.json", "hung-yen:7/QĐ-UBND", "unconfirmed", "chưa xác nhận"),
    ),
    "amendment naming nothing": (
        lambda f: write_site(
            f,
            documents=[changed(DECISION, amended_by=[{"id": "hung-yen:9", "date": "2025-10-01"}])],
        ),
        ("registry/a.json", "hung-yen:7/QĐ-UBND", "amended_by.1.id", "Không có văn bản mã"),
    ),
    "local document without jurisdiction": (
        lambda f: write_site(f, documents=[changed(DECISION, jurisdiction=...)]),
        ("registry/a.json", "hung-yen:7/QĐ-UBND", "jurisdiction", "địa phương"),
    ),
    "unknown field": (
        lambda f: write_site(f, documents=[changed(DECISION, so_hieu="7")]),
        ("registry/a.json", "hung-yen:7/QĐ-UBND", "so_hieu", "Trường không dùng"),
    ),
    "file that is not JSON": (
        lambda f: (write_site(f), broken_file(f, "registry/b.json", '{"documents": [')),
        ("registry/b.json", "", "", "không phải JSON hợp lệ (dòng 1"),
    ),
    "bodies file that is not JSON, said once": (  # the folder is read once per kind of body
        lambda f: (write_site(f), broken_file(f, "bodies/b.json", '{"bodies": [')),
        ("bodies/b.json", "", "", "không phải JSON hợp lệ (dòng 1"),
    ),
    "body ceasing before it began": (
        lambda f: write_site(f, bodies=[changed(BODY, until="2009-12-31")]),
        ("bodies/a.json", "hung-yen:trung-tam", "until", "trước ngày thành lập"),
    ),
    "successor without an end": (
        lambda f: write_site(f, bodies=[changed(BODY, until=...)]),
        ("bodies/a.json", "hung-yen:trung-tam", "until", "cần ngày chấm dứt"),
    ),
    "levels not descending": (
        lambda f: write_site(
            f,
            schemes=[
                changed(SCHEME, levels=[{"name": "Tốt", "min": "60"}, {"name": "Khá", "min": "80"}])
            ],
        ),
        ("level-schemes/a.json", "hung-yen-thu", "levels", "giảm dần"),
    ),
    "level minimum that is no number": (
        lambda f: write_site(
            f,
            schemes=[
                changed(
                    SCHEME,
                    levels=[{"name": "Tốt", "min": "80"}, {"name": "Khá", "min": "sáu mươi"}],
                )
            ],
        ),
        ("level-schemes/a.json", "hung-yen-thu", "levels.2.min", "không phải số"),
    ),
    "template with broken Jinja": (
        lambda f: (write_site(f), word_with(f, "ranking-decision.docx", "{% if header %}")),
        ("templates/ranking-decision.docx", "", "", "sai cú pháp"),
    ),
    "HTML template with broken Jinja, by line": (
        lambda f: (write_site(f), broken_file(f, "templates/decision.html", "<p>a</p>\n{{ b")),
        ("templates/decision.html", "", "", "Dòng 2: Thẻ mẫu (Jinja) sai cú pháp"),
    ),
    "template using a variable its kind lacks": (
        lambda f: (write_site(f), word_with(f, "ranking-decision.docx", "{{ so_van_ban }}")),
        ("templates/ranking-decision.docx", "", "so_van_ban", "không cung cấp"),
    ),
    "template named for no kind": (
        lambda f: (
            write_site(f),
            shutil.copy(PACKAGED / SHARED_DOCX, f / "templates" / "giay-moi.docx"),
        ),
        ("templates/giay-moi.docx", "", "", "không ứng với loại văn bản nào"),
    ),
    "template that is not a Word file": (
        lambda f: (write_site(f), broken_file(f, "templates/decision.docx", "không phải zip")),
        ("templates/decision.docx", "", "", "Không phải tệp Word"),
    ),
    "register series without an id": (
        lambda f: (
            write_site(f),
            (f / "register").mkdir(),
            broken_file(
                f,
                "register/series.json",
                json.dumps(
                    {"bodies": [{"id": "ubnd", "name": "UBND tỉnh", "series": [{"title": "QĐ"}]}]}
                ),
            ),
        ),
        ("register/series.json", "ubnd", "series.1.id", "cần mã"),
    ),
}


def test_the_valid_folder_checks_clean(tmp_path):
    assert check_site(write_site(tmp_path)) == []


@pytest.mark.parametrize("case", CASES)
def test_one_fault_is_named_by_file_entry_and_field(tmp_path, case):
    make, (file, entry, field, fragment) = CASES[case]
    make(tmp_path)
    (problem,) = check_site(tmp_path)
    assert (problem.file, problem.entry, problem.field) == (file, entry, field)
    assert fragment in problem.message
    result = CliRunner().invoke(main, ["site", "check", str(tmp_path)])
    assert result.exit_code == 2
    assert str(problem) in result.output and "Traceback" not in result.output


def test_a_missing_folder_is_a_fault(tmp_path):
    result = CliRunner().invoke(main, ["site", "check", str(tmp_path / "khong-co")])
    assert result.exit_code == 2 and "không tồn tại" in result.output


def test_every_command_refuses_a_faulty_site(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_SITE_DIR", "")
    CASES["duplicate id"][0](tmp_path)
    result = CliRunner().invoke(main, ["kinds", "--site", str(tmp_path)])
    assert result.exit_code == 2
    assert "Trùng id" in result.output and "Traceback" not in result.output

"""Running text: parts to runs, inline citations worded from the registry, footnotes, blanks."""

from __future__ import annotations

from datetime import date

import pytest
from marshmallow import fields

from service.errors import InvalidInput
from service.kinds.inputs import CitePart, Paragraph, TextPart
from service.kinds.text import Citer, paragraph_runs
from service.legal.registry import load_registry
from service.schemas.base import BaseSchema, load
from service.schemas.common import ParagraphField


class One(BaseSchema):
    p = ParagraphField(required=True)


def parse(value):
    """Return the typed paragraph of a JSON value."""
    return load(One(), {"p": value})["p"]


def citer(day=date(2015, 9, 8)):
    """Return a citer for a Bắc Giang document of ``day``."""
    return Citer(load_registry(), (day,), "short", "tỉnh Bắc Giang")


def test_parts_keep_their_emphasis_and_the_spaces_between_them():
    runs = paragraph_runs(
        parse(["Hội nghị “", {"text": "Kết quả năm 2023", "italic": True}, "”. Sau đó "]), None, "p"
    )
    assert "".join(r.text for r in runs) == "Hội nghị “Kết quả năm 2023”. Sau đó "
    assert [r.italic for r in runs] == [False, True, False]


def test_a_document_is_named_in_full_once_then_by_type_and_number():
    paragraph = parse(
        [{"cite": "bac-giang:955/QĐ-UBND"}, " và ", {"cite": "bac-giang:955/QĐ-UBND"}]
    )
    (run,) = paragraph_runs(paragraph, citer(), "p")  # same emphasis: one run
    first, later = run.text.split(" và ")
    assert first.startswith("Quyết định số 955/QĐ-UBND ngày 03/7/2014 của ")
    assert later == "Quyết định số 955/QĐ-UBND"


def test_a_cited_document_out_of_force_is_refused_with_its_path():
    paragraph = Paragraph((TextPart("Thực hiện "), CitePart("77/2015/QH13")))
    with pytest.raises(InvalidInput) as caught:
        paragraph_runs(paragraph, citer(date(2025, 8, 1)), "body.0")
    assert "72/2025/QH15" in " ".join(caught.value.errors["body.0.1"])


def test_footnotes_attach_to_the_text_before_and_blanks_are_dots():
    runs = paragraph_runs(
        parse(["đạt tỉ lệ", {"footnote": "Dành cho khối huyện"}, ": ", {"blank": 5}, "%"]),
        None,
        "p",
    )
    assert runs[0].text == "đạt tỉ lệ" and runs[0].footnote == "Dành cho khối huyện"
    assert runs[1].text == ": " + "…" * 5 + "%"  # the blank stays with its unit


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ([{"footnote": "x"}], "p"),
        (["chữ", {"footnote": "x"}, {"footnote": "y"}], "p.2"),
        ([{"colour": "red"}], "p.0"),
        ([{"blank": 0}], "p.0.blank"),
        (42, "p"),
        ("   ", "p.0.text"),
    ],
)
def test_bad_paragraphs_name_the_part(value, path):
    with pytest.raises(InvalidInput) as caught:
        paragraph_runs(parse(value), None, "p")
    assert path in caught.value.errors, caught.value.errors


def test_the_field_is_a_marshmallow_field():
    assert isinstance(One().fields["p"], fields.Field)

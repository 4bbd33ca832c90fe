"""The query strings the API reads, as marshmallow schemas: parsed with these, described from these."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from ..pipeline import FORMATS, PDF_VARIANTS

NOT_TEXT = {"invalid": "Phải là một chuỗi văn bản."}


def _one_of(choices: list[str]) -> validate.OneOf:
    return validate.OneOf(choices, error="Chọn một trong: " + ", ".join(choices) + ".")


def _formats(value: str) -> None:
    """Refuse a comma list that is empty or names a format the service does not render."""
    parts = [p.strip().lower() for p in value.split(",") if p.strip()]
    if not parts or set(parts) - set(FORMATS):
        raise ValidationError(
            "Chọn một hoặc nhiều trong: " + ", ".join(FORMATS) + " (phân cách bằng dấu phẩy)."
        )


class DocumentQuery(Schema):
    """?format= and ?variant= of POST /api/v1/documents."""

    format = fields.String(
        load_default="docx", validate=_one_of(list(FORMATS)), error_messages=NOT_TEXT
    )
    variant = fields.String(
        validate=_one_of(list(PDF_VARIANTS)),
        error_messages=NOT_TEXT,
        metadata={"description": "Biến thể PDF (mặc định theo VANBAN_PDF_VARIANT, pdf/a-3b)."},
    )


class BatchQuery(Schema):
    """?format= of POST /api/v1/batches: a comma list of formats."""

    format = fields.String(
        load_default="docx,pdf",
        validate=_formats,
        error_messages=NOT_TEXT,
        metadata={
            "description": "Các định dạng, phân cách bằng dấu phẩy: " + ", ".join(FORMATS),
            "pattern": r"^\s*("
            + "|".join(FORMATS)
            + r")\s*(,\s*("
            + "|".join(FORMATS)
            + r")\s*)*$",
        },
    )


class CitationQuery(Schema):
    """?q= and ?on= of GET /api/v1/citations."""

    q = fields.String(
        load_default="",
        validate=validate.Length(max=200, error="Dài quá 200 ký tự."),
        error_messages=NOT_TEXT,
        metadata={"description": "Từ cần tìm (số hiệu, tên, cơ quan ban hành)."},
    )
    on = fields.Date(
        error_messages={"invalid": "Ngày phải có dạng NNNN-TT-NN."},
        metadata={"description": "Ngày văn bản phải còn hiệu lực (NNNN-TT-NN)."},
    )


class FixtureQuery(Schema):
    """?kind= of GET /api/v1/fixtures."""

    kind = fields.String(error_messages=NOT_TEXT)

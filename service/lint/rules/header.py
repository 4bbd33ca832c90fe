"""Quốc hiệu, Tiêu ngữ, tên cơ quan ban hành (nd30-format.md §2 ô 1–2, §2.1, §2.2)."""

from __future__ import annotations

from collections.abc import Iterator

from ..anatomy import Anatomy
from ..model import Document
from ..report import ERROR, Finding, Rule
from ..text import is_upper
from .base import Context, all_bold, outside, quote, size_text, sizes, text

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

QH_MISSING = Rule("header.national-title.missing", ERROR, "Có Quốc hiệu")
QH_CASE = Rule("header.national-title.case", ERROR, "Quốc hiệu chữ in hoa")
QH_BOLD = Rule("header.national-title.bold", ERROR, "Quốc hiệu in đậm")
QH_SIZE = Rule("header.national-title.size", ERROR, "Quốc hiệu cỡ 12–13 pt")
MOTTO_MISSING = Rule("header.motto.missing", ERROR, "Có Tiêu ngữ dưới Quốc hiệu")
MOTTO_TEXT = Rule("header.motto.text", ERROR, "Tiêu ngữ đúng chữ, gạch nối “-” có cách")
MOTTO_BOLD = Rule("header.motto.bold", ERROR, "Tiêu ngữ in đậm")
MOTTO_SIZE = Rule("header.motto.size", ERROR, "Tiêu ngữ cỡ 13–14 pt")
ISSUER_MISSING = Rule("header.issuer.missing", ERROR, "Có tên cơ quan ban hành")
ISSUER_CASE = Rule("header.issuer.case", ERROR, "Tên cơ quan ban hành chữ in hoa")
ISSUER_BOLD = Rule("header.issuer.bold", ERROR, "Tên cơ quan ban hành in đậm")
RULES = (
    QH_MISSING,
    QH_CASE,
    QH_BOLD,
    QH_SIZE,
    MOTTO_MISSING,
    MOTTO_TEXT,
    MOTTO_BOLD,
    MOTTO_SIZE,
    ISSUER_MISSING,
    ISSUER_CASE,
    ISSUER_BOLD,
)


def check(doc: Document, anatomy: Anatomy, ctx: Context) -> Iterator[Finding]:
    """Yield the findings about ô 1 and ô 2."""
    yield from _national_title(doc, anatomy)
    yield from _motto(doc, anatomy)
    yield from _issuer(doc, anatomy)


def _national_title(doc: Document, anatomy: Anatomy) -> Iterator[Finding]:
    """Yield findings about the Quốc hiệu: present, upper case, bold, 12–13 pt."""
    span = anatomy.national_title
    if span is None:
        yield QH_MISSING.at(0, "", f"Không thấy Quốc hiệu “{QUOC_HIEU}” ở đầu văn bản.")
        return
    where, shown = quote(doc, span), text(doc, span)
    if " ".join(shown.split()) != QUOC_HIEU:
        yield QH_CASE.at(span.paragraph, where, f"Quốc hiệu viết “{QUOC_HIEU}”, chữ in hoa.")
    if not all_bold(doc, span):
        yield QH_BOLD.at(span.paragraph, where, "Quốc hiệu phải in đậm.")
    wrong = outside(sizes(doc, span), 12, 13)
    if wrong:
        yield QH_SIZE.at(
            span.paragraph,
            where,
            f"Quốc hiệu cỡ {size_text(wrong)}; phải 12–13 pt (quy định cũ 13–14 pt đã thay).",
        )


def _motto(doc: Document, anatomy: Anatomy) -> Iterator[Finding]:
    """Yield findings about the Tiêu ngữ: present, exact wording, bold, 13–14 pt."""
    span = anatomy.motto
    if span is None:
        yield MOTTO_MISSING.at(
            anatomy.national_title.paragraph if anatomy.national_title else 0,
            "",
            f"Không thấy Tiêu ngữ “{TIEU_NGU}” dưới Quốc hiệu.",
        )
        return
    where, written = quote(doc, span), " ".join(text(doc, span).split())  # NBSP is a space
    if written != TIEU_NGU:
        yield MOTTO_TEXT.at(span.paragraph, where, _motto_problem(written))
    if not all_bold(doc, span):
        yield MOTTO_BOLD.at(span.paragraph, where, "Tiêu ngữ phải in đậm.")
    wrong = outside(sizes(doc, span), 13, 14)
    if wrong:
        yield MOTTO_SIZE.at(
            span.paragraph, where, f"Tiêu ngữ cỡ {size_text(wrong)}; phải 13–14 pt."
        )


def _motto_problem(written: str) -> str:
    """Return what is wrong with a Tiêu ngữ that is not written exactly."""
    if any(dash in written for dash in "–—‐‑−"):
        why = "dùng dấu gạch nối “-” (không dùng gạch dài “–”)"
    elif " - " not in written:
        why = "giữa các cụm từ có dấu gạch nối “-” và dấu cách hai bên"
    else:
        why = "viết hoa chữ cái đầu mỗi cụm từ"
    return f"Tiêu ngữ phải viết đúng “{TIEU_NGU}”: {why}."


def _issuer(doc: Document, anatomy: Anatomy) -> Iterator[Finding]:
    """Yield findings about the issuer lines: upper case; the issuer itself (last) bold."""
    if not anatomy.issuer:
        if anatomy.national_title is not None:
            yield ISSUER_MISSING.at(
                anatomy.national_title.paragraph,
                "",
                "Không thấy tên cơ quan, tổ chức ban hành văn bản.",
            )
        return
    for span in anatomy.issuer:
        if not is_upper(text(doc, span)):
            yield ISSUER_CASE.at(
                span.paragraph, quote(doc, span), "Tên cơ quan, tổ chức ban hành viết chữ in hoa."
            )
    last = anatomy.issuer[-1]
    if not all_bold(doc, last):
        yield ISSUER_BOLD.at(
            last.paragraph, quote(doc, last), "Tên cơ quan, tổ chức ban hành phải in đậm."
        )

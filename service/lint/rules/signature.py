"""Quyền hạn, chức vụ and họ tên of the signer (nd30-format.md §2.7)."""

from __future__ import annotations

from collections.abc import Iterator

from ..anatomy import Anatomy
from ..model import Document
from ..report import ERROR, Finding, Rule
from ..text import is_upper
from ..zones import PREFIX
from .base import Context, all_bold, quote, text

PREFIX_RULE = Rule("signature.prefix", ERROR, "Quyền hạn ký viết TM., KT., TL., TUQ., Q.")
TITLE_CASE = Rule("signature.title.case", ERROR, "Chức vụ người ký chữ in hoa")
TITLE_BOLD = Rule("signature.title.bold", ERROR, "Quyền hạn, chức vụ người ký in đậm")
NAME_BOLD = Rule("signature.name.bold", ERROR, "Họ tên người ký in đậm")
RULES = (PREFIX_RULE, TITLE_CASE, TITLE_BOLD, NAME_BOLD)
VALID = {"TM", "KT", "TL", "TUQ", "Q"}


def check(doc: Document, anatomy: Anatomy, ctx: Context) -> Iterator[Finding]:
    """Yield the findings about the signature block."""
    closing = anatomy.closing
    for span in closing.titles:
        shown = text(doc, span)
        where = quote(doc, span)
        problem = prefix_problem(shown)
        if problem:
            yield PREFIX_RULE.at(span.paragraph, where, problem)
        if not is_upper(shown):
            yield TITLE_CASE.at(
                span.paragraph, where, "Quyền hạn, chức vụ người ký viết chữ in hoa."
            )
        if not all_bold(doc, span):
            yield TITLE_BOLD.at(span.paragraph, where, "Quyền hạn, chức vụ người ký in đậm.")
    if closing.name is not None and not all_bold(doc, closing.name):
        yield NAME_BOLD.at(
            closing.name.paragraph, quote(doc, closing.name), "Họ tên người ký in đậm."
        )


def prefix_problem(line: str) -> str | None:
    """Return what is wrong with the authority prefix of a title line, None if nothing.

    >>> prefix_problem("KT. CHỦ TỊCH") is None, prefix_problem("QUYỀN GIÁM ĐỐC") is None
    (True, True)
    >>> prefix_problem("K/T CHỦ TỊCH")
    'Viết “KT.” (chữ in hoa, dấu chấm, rồi dấu cách), không viết “K/T”.'
    """
    match = PREFIX.match(line)
    if match is None:
        return None
    token = match["token"]
    right = "".join(c for c in token if c.isalpha())
    if token in VALID and match["punct"] == "." and match["space"] == " ":
        return None
    written = line[: match.end()].strip()
    return f"Viết “{right}.” (chữ in hoa, dấu chấm, rồi dấu cách), không viết “{written}”."

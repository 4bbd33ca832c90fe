"""Check any DOCX against Nghị định 30/2020/NĐ-CP and the citation registry.

``lint_docx(data)`` opens the file safely (``package``), builds a model with effective formatting
(``build``, ``styles``), finds the ND30 elements by their words and position (``anatomy``) and
runs the rules (``rules``). It works on hand-made Word files as well as on ours: nothing depends on
our style names.
"""

from __future__ import annotations

from datetime import date

from service.legal import Registry, load_registry

from .anatomy import analyse
from .build import build_document
from .package import InvalidDocx, UnsafeDocx, load_package
from .report import ERROR, WARNING, Finding, Report, capped
from .rules import RULES, Context, run_rules

__all__ = [
    "ERROR",
    "RULES",
    "WARNING",
    "Finding",
    "InvalidDocx",
    "Report",
    "UnsafeDocx",
    "lint_docx",
]


def lint_docx(
    data: bytes,
    *,
    registry: Registry | None = None,
    today: date | None = None,
    name: str = "văn bản",
) -> Report:
    """Return the findings for the DOCX ``data``; raise InvalidDocx when it cannot be read.

    ``today`` dates the citation checks of a document without a date line; ``registry``
    defaults to the packaged one.
    """
    doc = build_document(load_package(data))
    anatomy = analyse(doc)
    context = Context(registry or load_registry(), today)
    return Report(name, capped(run_rules(doc, anatomy, context)))

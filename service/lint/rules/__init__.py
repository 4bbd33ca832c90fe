"""The ND30 checks, one module per area; each rule has a stable id (see ``RULES``)."""

from __future__ import annotations

from ..anatomy import Anatomy
from ..model import Document
from ..report import Finding, Rule
from . import body, citations, font, header, numbering, page, pagenum, recipients, signature, title
from .base import Context

MODULES = (page, font, header, numbering, title, body, signature, recipients, pagenum, citations)
RULES: dict[str, Rule] = {rule.id: rule for module in MODULES for rule in module.RULES}

__all__ = ["RULES", "Context", "run_rules"]


def run_rules(doc: Document, anatomy: Anatomy, ctx: Context) -> list[Finding]:
    """Return the findings of every rule."""
    return [finding for module in MODULES for finding in module.check(doc, anatomy, ctx)]

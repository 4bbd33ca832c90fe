"""The domain stays pure: no web framework, CLI library or schema library below the boundary."""

from __future__ import annotations

import ast

import pytest

from .conftest import ROOT

DOMAIN = [
    "service/model.py",
    "service/scoring.py",
    "service/errors.py",
    "service/vn",
    "service/legal",
    "service/kinds",
    "service/directory",
    "service/register/numbering.py",  # the register's rules: series, issue day
    "service/register/entry.py",
]
FORBIDDEN = {
    "flask",
    "click",
    "marshmallow",
    "werkzeug",
    "requests",
    "docx",
    "docxtpl",
    "weasyprint",
    "sqlalchemy",  # storage sits at the edge: the domain never sees a session
    "alembic",
}


def modules():
    """Return every domain module path."""
    for entry in DOMAIN:
        path = ROOT / entry
        yield from (sorted(path.rglob("*.py")) if path.is_dir() else [path])


def imported_roots(path):
    """Return the top-level names a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("path", list(modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_domain_module_imports_no_framework(path):
    assert not set(imported_roots(path)) & FORBIDDEN

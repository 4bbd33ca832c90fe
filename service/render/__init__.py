"""Renderers: a model.Document printed as DOCX (docx), and later HTML and PDF.

Each renderer takes the finished Document and a template; none computes document content.
"""

from __future__ import annotations

from pathlib import Path

# templates/<group>/<kind>.<ext>, shipped next to the package in the repository.
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

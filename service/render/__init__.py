"""Renderers: a model.Document printed as DOCX (docx), HTML (html) and PDF (pdf).

Each renderer takes the finished Document and a template; none computes document content. The
packaged templates are the package ``service.templates`` (the repository's ``templates/``); a site
folder (``service.site``) may put its own in front of them, which ``TemplateSet`` resolves.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# Installed as a plain folder (wheel or editable install), so its files have real paths: docxtpl,
# WeasyPrint and Jinja's FileSystemLoader read them by path.
TEMPLATES = Path(str(resources.files("service.templates")))
PACKAGED = TEMPLATES / "decisions"
# The Word template every kind shares; a kind differs only by its data (scripts/build_docx_templates.py).
SHARED_DOCX = "document.docx"


@dataclass(frozen=True)
class TemplateSet:
    """Where the templates of each kind are found: a site folder's own first, then the packaged.

    A site's ``templates/<kind>.docx`` (or ``templates/document.docx`` for every kind) replaces the
    Word template; its ``templates/<kind>.html`` replaces the HTML one (the preview and the PDF).
    Without an HTML template of its own a kind keeps the packaged HTML layout, so the preview and
    the PDF follow the standard ND30 layout while the DOCX follows the office's Word template.
    """

    site: Path | None = None  # the site folder's templates/ directory

    def docx(self, kind: str) -> Path:
        """Return the Word template used for ``kind``."""
        for folder in self._folders():
            for name in (f"{kind}.docx", SHARED_DOCX):
                if (folder / name).is_file():
                    return folder / name
        return PACKAGED / SHARED_DOCX

    def html_folders(self) -> tuple[Path, ...]:
        """Return the folders Jinja looks in for HTML templates, site first."""
        return self._folders()

    def customised(self, kind: str) -> dict[str, bool]:
        """Return which outputs of ``kind`` use a template of the site: {"docx": …, "html": …}."""
        site = self.site
        return {
            "docx": site is not None
            and any((site / n).is_file() for n in (f"{kind}.docx", SHARED_DOCX)),
            "html": site is not None and (site / f"{kind}.html").is_file(),
        }

    def _folders(self) -> tuple[Path, ...]:
        return (PACKAGED,) if self.site is None else (self.site, PACKAGED)


PACKAGED_TEMPLATES = TemplateSet()

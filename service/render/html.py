"""Render a Document as HTML: the web preview and the source WeasyPrint turns into PDF.

Templates live in templates/decisions: ``<kind>.html`` extends ``_document.html``, which prints
the model through the macros of ``_partials.html``. The environment is sandboxed and autoescapes,
so user text such as ``{{ x }}`` or ``<b>`` stays text. Footnotes are numbered while printed, by
the same ``Footnotes`` counter as the DOCX; the test ``dense`` is ``layout.is_dense``; the filter
``unbroken`` keeps document numbers and dates whole on a line, as Word and LibreOffice do.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from service.errors import RenderError
from service.model import MARK, Document
from service.render import PACKAGED, PACKAGED_TEMPLATES, TemplateSet
from service.render.footnotes import Footnotes
from service.render.layout import is_dense
from service.vn.text import title_lines

TEMPLATES_DIR = PACKAGED
STYLESHEET = "document.css"
VIETNAM_OFFSET = "+07:00"
# A word holding a digit then a slash ("45/TTr-SKHCN", "45/2020/NĐ-CP", "19/6/2015;"), or a
# blank to fill in and its unit ("…………%.").
_NUMBERED = re.compile(r"\S*\d/\S*|\S*…[^\s…]\S*")


@cache
def environment(folders: tuple[Path, ...] = (PACKAGED,)) -> SandboxedEnvironment:
    """Return the Jinja environment reading ``folders`` in order, built once per process."""
    env = SandboxedEnvironment(
        loader=FileSystemLoader(folders),
        autoescape=True,
        undefined=StrictUndefined,  # a misspelt field fails the render instead of printing ""
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the code; skip a stat() per render
    )
    env.tests["dense"] = is_dense
    env.filters["unbroken"] = unbroken
    # the space keeps the words apart in the text of the page; a line break hides it
    env.filters["title_lines"] = lambda line: Markup(" <br>").join(map(escape, title_lines(line)))
    return env


_BLANK = re.compile(r" {2,}")


def unbroken(text: str) -> Markup:
    """Return ``text`` escaped, numbers with a slash and filled blanks in unbreakable spans.

    WeasyPrint may break a line after "/" or between "…" and "%" (Unicode line breaking allows
    both); Word and LibreOffice keep "45/TTr-SKHCN" whole, so the PDF would part what the DOCX
    keeps together.

    >>> str(unbroken("Tờ trình số 45/TTr-SKHCN & <b> đạt …… %, …%."))
    'Tờ trình số <span class="unbroken">45/TTr-SKHCN</span> &amp; &lt;b&gt; đạt …… %, <span class="unbroken">…%.</span>'
    >>> str(unbroken("Số:    /KH-UBND"))
    'Số:<span class="blank">    </span>/KH-UBND'
    """
    pieces, last = [], 0
    for match in _NUMBERED.finditer(text):
        pieces += [
            escape(text[last : match.start()]),
            Markup('<span class="unbroken">%s</span>') % match.group(),
        ]
        last = match.end()
    html = str(Markup("").join([*pieces, escape(text[last:])]))
    # A draft's blanks ("Số:      /KH-UBND", "ngày      tháng 3") keep their width, as in Word,
    # where HTML would fold them into one space: room to write the number and day by hand.
    return Markup(_BLANK.sub(r'<span class="blank">\g<0></span>', html))


MISSING = '<span class="missing" title="Chưa điền">…</span>'


def mark_missing(html: str) -> str:
    """Return the HTML with each placeholder of a preview shown as a marked blank.

    Placeholders exist only in the preview of an incomplete form (``pipeline.compose(...,
    preview=True)``); in the head (the title) one is plain "…".

    >>> mark_missing(f"<title>{MARK}</title><body><p>Số: /{MARK}</p>")
    '<title>…</title><body><p>Số: /<span class="missing" title="Chưa điền">…</span></p>'
    """
    head, body, rest = html.partition("<body")
    if not body:
        head, rest = "", html
    return head.replace(MARK, "…") + body + rest.replace(MARK, MISSING)


def w3c_issue_time(issued: date | None) -> str | None:
    """Return the start of the issue day, Vietnam time, as a W3C datetime for dcterms metadata.

    >>> w3c_issue_time(date(2023, 12, 31))
    '2023-12-31T00:00:00+07:00'
    >>> w3c_issue_time(None) is None
    True
    """
    return f"{issued.isoformat()}T00:00:00{VIETNAM_OFFSET}" if issued else None


def render_html(
    document: Document,
    *,
    kind_template: str | None = None,
    standalone: bool = True,
    stylesheet: str | None = STYLESHEET,
    templates: TemplateSet = PACKAGED_TEMPLATES,
) -> str:
    """Return ``document`` as HTML.

    ``standalone=False`` gives only the ``<div class="vanban">`` for embedding in a page;
    ``stylesheet=None`` leaves out the ``<link>`` (the PDF renderer passes the CSS itself).
    """
    name = kind_template or f"{document.meta.kind}.html"
    try:
        template = environment(templates.html_folders()).get_template(name)
    except TemplateNotFound as exc:
        raise RenderError(f"Không có mẫu HTML cho loại văn bản {name!r}.") from exc
    return template.render(
        document=document,
        standalone=standalone,
        stylesheet=stylesheet,
        issued=w3c_issue_time(document.meta.issued),
        notes=Footnotes(),
    )

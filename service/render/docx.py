"""Render a Document into its Word template: the docxtpl template language, a faster engine.

Why not call ``DocxTemplate.render`` per document: docxtpl opens the template with python-docx,
re-runs its regex clean-up (``patch_xml``) over the whole body and recompiles the result with
Jinja on every call, then saves through python-docx, which stamps the zip with the current time.
That is tens of milliseconds per document, the same work every time, and the output is never
byte-stable. Here each template is read once (cached by path and modification time): docxtpl's
own ``patch_xml`` turns its tags into plain Jinja, the result is compiled once in a sandboxed,
autoescaping environment, and the other zip parts are kept as bytes. A render is then one Jinja
pass and one zip write, in the template's part order, stamped with the document's date.
Footnotes are numbered while the context is built and their part is generated in ``footnotes``;
a template without a footnotes part gets one when it is loaded.

Templates therefore stay ordinary docxtpl templates (``{{ }}``, ``{{r }}``, ``{%p %}``,
``{%tr %}``, ``{{p }}``) that a clerk can edit in Word, and tests check that docxtpl itself
prints the same words. Unlike docxtpl, the output is not passed through its ``{_{`` → ``{{``
replacement, which would alter user text. All user text reaches the template as escaped run XML
built in ``ooxml``; none of it is ever compiled.
"""

from __future__ import annotations

import functools
import re
import zipfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from service.errors import RenderError
from service.model import Appendix, Block, Document, Header
from service.render import PACKAGED_TEMPLATES, codecache
from service.render.docx_text import main_part_name
from service.render.footnotes import Footnotes, add_footnotes_part, footnotes_part, footnotes_xml
from service.render.ooxml import UNDATED, core_xml, plain, rich, table_xml, zip_package
from service.render.sections import orient_sections
from service.render.zipout import Deflated
from service.source.docx import SOURCE_PART, add_source_part, source_xml
from service.vn.text import title_lines

_ENV = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_HEADER_FOOTER = re.compile(r"word/(header|footer)\d*\.xml")
_TAG = re.compile(r"\{[{%#]")
_COLUMN_LOOP = re.compile(r"\{%-?\s*tc\s")
_CORE = "docProps/core.xml"


@dataclass(frozen=True)
class HeaderView:
    """Ô 1-4 as run XML."""

    parent: Markup
    issuer: tuple[Markup, ...]
    number_line: Markup
    place_date: Markup


@dataclass(frozen=True)
class BlockView:
    """A body paragraph: its role picks the style, ``rich`` is its runs."""

    role: str
    rich: Markup


@dataclass(frozen=True)
class SignatureView:
    """Ô 7: title lines and the signer's name."""

    lines: tuple[Markup, ...]
    name: Markup


@dataclass(frozen=True)
class AppendixView:
    """A phụ lục or attached document: own header, heading lines, paragraphs, table as XML."""

    header: HeaderView | None
    label: Markup
    title: Markup
    subtitle: Markup
    attribution: Markup
    blocks: tuple[BlockView, ...]
    table_xml: Markup
    landscape: bool


@dataclass(frozen=True)
class CompiledTemplate:
    """A template read once: compiled parts, the other parts compressed, the zip order."""

    main: str
    footnotes: str  # the footnotes part, rendered in code
    order: tuple[str, ...]
    static: dict[str, Deflated]  # compressed once: they are the same in every document
    compiled: dict[str, jinja2.Template]

    def render(self, context: dict[str, Any]) -> dict[str, bytes]:
        """Return every templated part rendered with ``context``."""
        return {name: _render_part(t, context) for name, t in self.compiled.items()}


def render_docx(document: Document, template_path: Path | None = None) -> bytes:
    """Return ``document`` as DOCX bytes; the same document gives the same bytes."""
    path = template_path or PACKAGED_TEMPLATES.docx(document.meta.kind)
    notes = Footnotes()
    try:
        template = load_template(path)
        parts = template.render(docx_context(document, notes))
    except FileNotFoundError as exc:
        raise RenderError(f"Không có mẫu DOCX cho loại văn bản {document.meta.kind!r}.") from exc
    except (jinja2.TemplateError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError) as exc:
        raise RenderError(f"Không in được văn bản theo mẫu {path.name}: {exc}") from exc
    parts[template.footnotes] = footnotes_xml(notes.texts)
    parts[SOURCE_PART] = source_xml(document.meta.source)
    landscape = [False, *(ap.landscape for ap in document.appendices)]
    if any(landscape):
        parts[template.main] = orient_sections(parts[template.main], landscape)
    when = document.meta.issued or UNDATED
    if _CORE in template.static:
        parts[_CORE] = core_xml(document.meta.title, document.meta.issuer_name, when)
    return zip_package(((n, parts.get(n, template.static.get(n))) for n in template.order), when)


def docx_context(document: Document, notes: Footnotes | None = None) -> dict[str, Any]:
    """Return the template context: view objects holding escaped run XML, no model objects.

    Footnotes are numbered into ``notes`` in document order: body first, then each appendix.
    """
    notes = Footnotes() if notes is None else notes
    return {
        "header": _header_view(document.header),
        "type_name": plain(document.type_name),
        "summary": tuple(plain(line) for line in document.summary),
        "authority": plain(document.authority),
        "bases": tuple(plain(line) for line in document.bases),
        "enacting": plain(document.enacting),
        "body": _blocks(document.body, notes),
        "recipients": tuple(plain(r.printed) for r in document.recipients),
        "signature": SignatureView(
            tuple(_title(line) for line in document.signature.lines),
            plain(document.signature.name),
        ),
        "appendices": tuple(_appendix_view(ap, notes) for ap in document.appendices),
    }


def _title(line: str) -> Markup:
    """Return a signing title's runs, with line breaks where ``title_lines`` puts them."""
    return Markup("<w:r><w:br/></w:r>").join(plain(part) for part in title_lines(line))


def _header_view(header: Header) -> HeaderView:
    """Return ô 1-4; an absent line prints nothing."""
    return HeaderView(
        plain(header.parent),
        tuple(plain(line) for line in header.issuer),
        plain(header.number_line),
        plain(header.place_date),
    )


def _blocks(blocks: tuple[Block, ...], notes: Footnotes) -> tuple[BlockView, ...]:
    """Return the paragraphs as role and run XML."""
    return tuple(BlockView(b.role, rich(b.runs, notes)) for b in blocks)


def _appendix_view(appendix: Appendix, notes: Footnotes) -> AppendixView:
    """Return one appendix, its header and table already built."""
    header = _header_view(appendix.header) if appendix.header else None
    table = table_xml(appendix.table) if appendix.table else Markup("")
    return AppendixView(
        header,
        plain(appendix.label),
        plain(appendix.title),
        plain(appendix.subtitle),
        plain(appendix.attribution),
        _blocks(appendix.blocks, notes),
        table,
        appendix.landscape,
    )


def load_template(path: Path) -> CompiledTemplate:
    """Return the compiled template at ``path``, read again only when the file changes."""
    stat = Path(path).stat()
    return _load(str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _load(path: str, mtime_ns: int, size: int) -> CompiledTemplate:
    """Read and compile the template; the stamp arguments only key the cache."""
    with zipfile.ZipFile(path) as zf:
        main = main_part_name(zf)
        blobs = {name: zf.read(name) for name in zf.namelist()}
    notes = footnotes_part(main, blobs) or add_footnotes_part(main, blobs)
    add_source_part(main, blobs)  # the input JSON, written by each render
    order = tuple(blobs)  # an added footnotes part goes last
    # Headers and footers are compiled only when they carry tags, as docxtpl would render them.
    tagged = [n for n in order if _HEADER_FOOTER.fullmatch(n) and _TAG.search(blobs[n].decode())]
    compiled = {
        name: codecache.compiled(_ENV, path, name, blob, partial(_prepare, path, blob))
        for name in dict.fromkeys([main, *tagged])
        for blob in [blobs.pop(name)]
    }
    static = {name: Deflated.of(blob) for name, blob in blobs.items()}
    return CompiledTemplate(main, notes, order, static, compiled)


def _prepare(path: str, blob: bytes) -> str:
    """Return the Jinja source of one part, prepared exactly as docxtpl prepares it.

    Its compiled code is kept between processes (codecache), so a process with a warm cache
    neither imports docxtpl nor compiles.
    """
    from docxtpl import DocxTemplate

    patcher = DocxTemplate(path)
    xml = etree.tostring(etree.fromstring(blob), encoding="unicode")
    if _COLUMN_LOOP.search(re.sub(r"<[^>]+>", "", xml)):
        # docxtpl repairs the grid after such loops (fix_tables); build these tables in code.
        raise ValueError("column loops ({%tc %}) are not supported; use ooxml.table_xml")
    xml = patcher.patch_xml(xml)
    # docxtpl puts each paragraph on its own line before compiling (render_xml_part).
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _render_part(template: jinja2.Template, context: dict[str, Any]) -> bytes:
    """Return one rendered part, docxtpl's line breaks before paragraphs taken out again."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", template.render(context))
    return (_DECLARATION + xml).encode("utf-8")

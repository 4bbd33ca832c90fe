"""The blank Word document every template starts from: ND30 page, VB styles, page numbers, notes.

Used by scripts/build_docx_templates.py, which adds the layout of a kind to it; kept apart so the
script holds only that layout. Geometry follows /work/shared/docs/nd30-format.md §1.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips

from service.render.docx_styles import STYLE_NAMES, style_sheet_xml
from service.render.footnotes import SEPARATOR_IDS, footnotes_xml
from service.render.ooxml import core_xml, zip_package

BUILT = date(2024, 1, 1)  # the templates' own zip and property date: fixed, so builds are identical
# §1: A4 portrait, margins 20/20/30/15 mm, header 10 mm from the edge (as the official files).
PAGE_W, PAGE_H = 11906, 16838
MARGINS = {"top": 1134, "right": 851, "bottom": 1134, "left": 1701, "header": 567, "footer": 567}
TEXT_W = PAGE_W - MARGINS["left"] - MARGINS["right"]  # 9354 twips = 165 mm
SIDES = ("top", "left", "bottom", "right")  # the order CT_TblBorders and CT_TblCellMar require


def new_template() -> Document:
    """Return an empty document with the VB styles, ND30 page setup and page-number headers."""
    doc = docx.Document()
    for rels, unused in ((doc.part.rels, _UNUSED_PARTS), (doc.part.package.rels, {"thumbnail"})):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in unused:
                rels.pop(rel_id)
    body = doc.element.body
    for child in list(body)[:-1]:  # everything but the final sectPr
        body.remove(child)
    _vietnamese_settings(doc.settings.element)
    _define_styles(doc.styles.element)
    _page_setup(doc)
    _add_footnotes_part(doc)
    return doc


_UNUSED_PARTS = {"stylesWithEffects", "customXml", "numbering", "webSettings"}


def _vietnamese_settings(settings) -> None:
    """Set the language and number punctuation; drop the editing history and preview picture."""
    for tag in ("w:savePreviewPicture", "w:rsids"):
        for node in settings.findall(qn(tag)):
            settings.remove(node)
    settings.find(qn("w:themeFontLang")).attrib.clear()
    for tag, value in (("themeFontLang", "vi-VN"), ("decimalSymbol", ","), ("listSeparator", ";")):
        settings.find(qn(f"w:{tag}")).set(qn("w:val"), value)


def _add_footnotes_part(doc: Document) -> None:
    """Add word/footnotes.xml with Word's two separator notes, listed in the settings too."""
    blob = footnotes_xml(())
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, blob, doc.part.package)
    doc.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    notes = "".join(f'<w:footnote w:id="{note_id}"/>' for note_id in SEPARATOR_IDS)
    # Word's own place for it: right before w:compat (CT_Settings sequence).
    doc.settings.element.find(qn("w:compat")).addprevious(
        parse_xml(f"<w:footnotePr {nsdecls('w')}>{notes}</w:footnotePr>")
    )


def _define_styles(sheet) -> None:
    """Replace the default style sheet with Times New Roman defaults and the VB styles."""
    for child in list(sheet):
        sheet.remove(child)
    for xml in style_sheet_xml():
        sheet.append(parse_xml(xml))


def _page_setup(doc: Document) -> None:
    """Set A4 and the ND30 margins, numbering from 1, a page number shown from page 2."""
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin" if side in SIDES else f"{side}_distance", Twips(value))
    section.gutter = Twips(0)
    section.different_first_page_header_footer = True  # w:titlePg: page 1 shows no number
    sect = section._sectPr
    sect.find(qn("w:cols")).addprevious(parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>'))
    sect.attrib.clear()  # rsids: editing history, not layout
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].style = STYLE_NAMES["VBSoTrang"]
    number = section.header.paragraphs[0]
    number.style = STYLE_NAMES["VBSoTrang"]
    for inner in (
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>2</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        number._p.append(parse_xml(f"<w:r {nsdecls('w')}>{inner}</w:r>"))


SIDES = ("top", "left", "bottom", "right")  # the order CT_TblBorders and CT_TblCellMar require


APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>vanban</Application><DocSecurity>0</DocSecurity></Properties>"
)


def template_bytes(doc: Document, title: str) -> bytes:
    """Return the document as a docx whose bytes depend only on its content."""
    raw = io.BytesIO()
    doc.save(raw)
    with zipfile.ZipFile(raw) as zf:
        parts = [(name, zf.read(name)) for name in zf.namelist()]
    fixed = {"docProps/core.xml": core_xml(title, "vanban", BUILT), "docProps/app.xml": APP_XML}
    return zip_package([(name, fixed.get(name, data)) for name, data in parts], BUILT)

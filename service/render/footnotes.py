"""Footnotes: numbered in the order they are printed, across the body and the appendices.

Both renderers number with :class:`Footnotes` while they print the runs, so a note has the same
number in the DOCX, the HTML and the PDF. In the DOCX a reference is a ``w:footnoteReference``
run in Word's "footnote reference" style and the notes live in word/footnotes.xml, generated here
from their texts (escaped like all user text) after the main part is rendered. Word numbers the
references itself, continuously and in document order; the ids given here are that order too.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from lxml import etree

from service.render.docx_styles import FOOTNOTE_TEXT, W_NS
from service.render.ooxml import REFERENCE_RPR, run_xml

FOOTNOTES_PART = "word/footnotes.xml"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Word's convention since 2007: the separator is note -1, the continuation separator note 0.
SEPARATOR_IDS = (-1, 0)
_TIGHT = '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'


class Footnotes:
    """Collect footnote texts in printing order and hand out their numbers."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def add(self, text: str) -> int:
        """Return the number of a new note holding ``text``."""
        self.texts.append(text)
        return len(self.texts)


def footnotes_xml(notes: Sequence[str]) -> bytes:
    """Return word/footnotes.xml: the two separators, then note 1, 2 … holding ``notes``."""
    separators = "".join(
        f'<w:footnote w:type="{kind}" w:id="{note_id}"><w:p>{_TIGHT}<w:r><w:{kind}/></w:r>'
        "</w:p></w:footnote>"
        for kind, note_id in zip(("separator", "continuationSeparator"), SEPARATOR_IDS, strict=True)
    )
    notes_xml = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="{FOOTNOTE_TEXT}"/></w:pPr>'
        f"<w:r>{REFERENCE_RPR}<w:footnoteRef/></w:r>{run_xml(' ' + text)}</w:p></w:footnote>"
        for number, text in enumerate(notes, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:footnotes xmlns:w="{W_NS}">{separators}{notes_xml}</w:footnotes>'
    ).encode()


def footnotes_part(main: str, parts: dict[str, bytes]) -> str | None:
    """Return the name of the footnotes part the main part relates to, if it has one."""
    rels = parts.get(_rels_name(main))
    if rels is None:
        return None
    for rel in etree.fromstring(rels).iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("Type") == FOOTNOTES_REL and rel.get("TargetMode") != "External":
            return posixpath.normpath(posixpath.join(posixpath.dirname(main), rel.get("Target")))
    return None


def add_footnotes_part(main: str, parts: dict[str, bytes]) -> str:
    """Add an empty footnotes part, its relationship and content type to ``parts``; return it."""
    name = posixpath.join(posixpath.dirname(main), "footnotes.xml")
    rels_name = _rels_name(main)
    rels = etree.fromstring(parts.get(rels_name, f'<Relationships xmlns="{_REL_NS}"/>'.encode()))
    taken = {rel.get("Id") for rel in rels}
    rel_id = next(
        f"rIdVbFootnotes{n or ''}"
        for n in range(len(taken) + 1)
        if f"rIdVbFootnotes{n or ''}" not in taken
    )
    etree.SubElement(
        rels, f"{{{_REL_NS}}}Relationship", Id=rel_id, Type=FOOTNOTES_REL, Target="footnotes.xml"
    )
    types = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(
        types, f"{{{_CT_NS}}}Override", PartName=f"/{name}", ContentType=FOOTNOTES_TYPE
    )
    parts[rels_name] = _xml_bytes(rels)
    parts["[Content_Types].xml"] = _xml_bytes(types)
    parts[name] = footnotes_xml(())
    return name


def _rels_name(part: str) -> str:
    """Return the name of the relationships part of ``part``."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _xml_bytes(root: etree._Element) -> bytes:
    """Return a part's XML with the declaration Word writes."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

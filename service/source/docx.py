"""The input JSON in a DOCX: a custom XML part, as Word add-ins keep their data.

The part and its properties are added to a template once when it is loaded (``add_source_part``,
with the relationship from the main part and the content type); each render then only writes
``source_xml`` into it.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from . import SOURCE_NS, SourceError, missing, parse_source

SOURCE_PART = "customXml/item1.xml"
PROPS_PART = "customXml/itemProps1.xml"
_ITEM_ID = "{6E1B4F4A-7A9B-4C3E-9D55-7661E7B0A001}"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_CUSTOM_XML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_PROPS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_MAX_PART = 16 * 1024 * 1024
_MAX_ENTRIES = 4096


def source_xml(text: str) -> bytes:
    """Return the custom XML part holding ``text`` (the input JSON)."""
    root = etree.Element(f"{{{SOURCE_NS}}}source", nsmap={"vb": SOURCE_NS}, format="json")
    root.text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_source_part(main: str, parts: dict[str, bytes]) -> None:
    """Add the source part (empty), its properties, relationships and content type to ``parts``."""
    rels_name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
    rels = etree.fromstring(parts.get(rels_name, f'<Relationships xmlns="{_REL_NS}"/>'.encode()))
    etree.SubElement(
        rels,
        f"{{{_REL_NS}}}Relationship",
        Id="rIdVbSource",
        Type=_CUSTOM_XML_REL,
        Target=posixpath.relpath(SOURCE_PART, posixpath.dirname(main)),
    )
    types = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(
        types, f"{{{_CT_NS}}}Override", PartName=f"/{PROPS_PART}", ContentType=_PROPS_TYPE
    )
    item_rels = etree.Element(f"{{{_REL_NS}}}Relationship", Id="rId1", Type=_PROPS_REL)
    item_rels.set("Target", posixpath.basename(PROPS_PART))
    item_rels_root = etree.Element(f"{{{_REL_NS}}}Relationships", nsmap={None: _REL_NS})
    item_rels_root.append(item_rels)
    props = etree.Element(f"{{{_DS_NS}}}datastoreItem", nsmap={"ds": _DS_NS})
    props.set(f"{{{_DS_NS}}}itemID", _ITEM_ID)
    refs = etree.SubElement(props, f"{{{_DS_NS}}}schemaRefs")
    etree.SubElement(refs, f"{{{_DS_NS}}}schemaRef").set(f"{{{_DS_NS}}}uri", SOURCE_NS)
    parts[rels_name] = _xml(rels)
    parts["[Content_Types].xml"] = _xml(types)
    parts[SOURCE_PART] = source_xml("")
    parts[PROPS_PART] = _xml(props)
    parts["customXml/_rels/item1.xml.rels"] = _xml(item_rels_root)


def read_docx_source(data: bytes, name: str) -> object:
    """Return the input embedded in a DOCX; SourceError when there is none."""
    # The safe XML reader of lint: imported here, not by every render that writes a source.
    from service.lint.package import InvalidDocx, parse_xml

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > _MAX_ENTRIES:
                raise SourceError(f"“{name}” có quá nhiều mục nén ({len(infos)}).")
            for info in infos:
                if not _is_item(info.filename) or info.file_size > _MAX_PART:
                    continue
                with zf.open(info) as member:
                    raw = member.read(_MAX_PART + 1)
                root = parse_xml(raw, info.filename)
                if root.tag == f"{{{SOURCE_NS}}}source":
                    return parse_source(root.text or "", f"“{name}”")
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, RuntimeError):
        raise SourceError(
            f"“{name}” bị hỏng hoặc không phải tệp DOCX.", {"file": ["Tệp nén không đọc được."]}
        ) from None
    except InvalidDocx as error:  # a DTD, an entity bomb, bad XML in the part
        raise SourceError(error.message, {"file": [error.message]}) from None
    raise missing(name, "DOCX")


def _is_item(filename: str) -> bool:
    """Return True for a custom XML item part (any number: editors renumber them)."""
    folder, base = posixpath.split(filename)
    return (
        folder == "customXml"
        and base.startswith("item")
        and base.endswith(".xml")
        and (base[4:-4].isdigit())
    )


def _xml(root: etree._Element) -> bytes:
    """Return a part's XML with the declaration Word writes."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

"""Phụ lục VI, Phần II, mục I of ND30: the metadata of an outgoing document, as JSON and XML.

The field names, order, types and lengths are the decree's (copied from the project's notes on
ND30 into ``metadata.schema.json`` and ``metadata.xsd``, which every record is validated
against in the tests). Not in the decree, our choice: dates as YYYY-MM-DD, the language as
"vi", and which fields are required (those the register always knows).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from lxml import etree

from .entry import Entry

NAMESPACE = "urn:vanban:nd30:phu-luc-vi:van-ban-di"
SCHEMA_JSON = "metadata.schema.json"
SCHEMA_XSD = "metadata.xsd"


def metadata_json(entry: Entry) -> dict[str, Any]:
    """Return the entry's metadata record, fields in the decree's order."""
    facts = entry.facts
    record: dict[str, Any] = {
        "FileCode": {"FileCatalog": entry.year},
        "TypeName": facts.type_name,
        "CodeNumber": f"{entry.number:02d}",
        "CodeNotation": facts.symbol,
        "IssuedDate": facts.issued.isoformat(),
        "OrganName": facts.organ_name,
        "Subject": facts.summary[:500],
        "Language": "vi",
    }
    if facts.page_amount:
        record["PageAmount"] = facts.page_amount
    if entry.void:
        record["Description"] = f"Đã hủy số: {entry.void_reason}"[:500]
    record["SignerInfo"] = {
        "Position": facts.signer_title[:100],
        "FullName": facts.signer_name[:50],
    }
    record["To"] = [{"OrganName": name[:200]} for name in facts.recipients]
    return record


def metadata_xml(entry: Entry) -> bytes:
    """Return the entry's metadata record as XML in the project's namespace."""
    root = etree.Element(f"{{{NAMESPACE}}}OutgoingDocument", nsmap={None: NAMESPACE})
    _append(root, metadata_json(entry))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _append(parent: etree._Element, record: dict[str, Any]) -> None:
    for name, value in record.items():
        for item in value if isinstance(value, list) else [value]:
            child = etree.SubElement(parent, f"{{{NAMESPACE}}}{name}")
            if isinstance(item, dict):
                _append(child, item)
            else:
                child.text = str(item)


def schema_text(name: str) -> str:
    """Return a packaged schema (``metadata.schema.json`` or ``metadata.xsd``)."""
    return (resources.files(__package__) / name).read_text(encoding="utf-8")


def xml_schema() -> etree.XMLSchema:
    """Return the XSD the XML records validate against."""
    return etree.XMLSchema(etree.fromstring(schema_text(SCHEMA_XSD).encode()))

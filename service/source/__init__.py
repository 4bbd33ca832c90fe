"""Every output carries its input: the JSON a document was made from, inside the DOCX and PDF.

A DOCX keeps it in a custom XML part (``customXml/itemN.xml``, which Word and LibreOffice keep
when they save the file); a PDF as an embedded file (``vanban-input.json``, relationship
``Source``, which PDF/A-3 allows). ``read_source`` gives it back from either, so a file that
vanban made can be opened again in the editor or rendered again from the command line.
"""

from __future__ import annotations

import json
import re
from typing import Any

from service.errors import VanbanError

SOURCE_NAME = "vanban-input.json"
SOURCE_NS = "urn:vanban:source:1"
# Characters XML 1.0 cannot hold (controls other than tab and newlines, lone surrogates,
# U+FFFE/U+FFFF): written as JSON \u escapes so the text stays valid in both XML and UTF-8.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class SourceError(VanbanError):
    """The file is neither a DOCX nor a PDF that vanban made, or its input cannot be read."""

    code = "no_source"
    http_status = 422
    exit_code = 2


def source_text(payload: Any) -> str:
    r"""Return ``payload`` as the JSON text embedded in outputs: a field per line, UTF-8 safe.

    Each top-level field of the input is on its own line, its value on that line (written by
    the json module's C encoder: indenting every level costs more than the rest of composing).

    >>> source_text({"kind": "decision", "number": None, "issuer": {"code": "UBND"}})
    '{\n  "kind": "decision",\n  "number": null,\n  "issuer": {"code": "UBND"}\n}\n'
    """
    if isinstance(payload, dict) and payload:
        fields = ",\n".join(f"  {_json(key)}: {_json(value)}" for key, value in payload.items())
        text = "{\n" + fields + "\n}"
    else:
        text = _json(payload)
    return _xml_safe(text) + "\n"


def pretty_text(payload: Any) -> str:
    r"""Return ``payload`` as JSON indented at every level, for people (`vanban source`).

    >>> pretty_text({"kind": "decision", "issuer": {"code": "UBND"}})
    '{\n  "kind": "decision",\n  "issuer": {\n    "code": "UBND"\n  }\n}\n'
    """
    return _xml_safe(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _xml_safe(text: str) -> str:
    """Return ``text`` with the characters XML cannot hold written as JSON \\u escapes."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def parse_source(text: str, where: str) -> Any:
    """Return the JSON value of an embedded source text; SourceError when it is not JSON."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise SourceError(
            f"Dữ liệu đầu vào trong {where} bị hỏng, không đọc được.",
            {"file": ["Phần dữ liệu nhúng không phải JSON hợp lệ."]},
        ) from None


def read_source(data: bytes, name: str = "tệp") -> Any:
    """Return the input JSON embedded in a DOCX or PDF that vanban made."""
    from .docx import read_docx_source
    from .pdf import read_pdf_source

    if data.startswith(b"PK"):
        return read_docx_source(data, name)
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return read_pdf_source(data, name)
    raise SourceError(
        f"“{name}” không phải tệp DOCX hay PDF.",
        {"file": ["Chọn tệp DOCX hoặc PDF do vanban tạo ra."]},
    )


def missing(name: str, fmt: str) -> SourceError:
    """Return the error for a file without an embedded input."""
    return SourceError(
        f"“{name}” không chứa dữ liệu đầu vào của vanban.",
        {
            "file": [
                f"Chỉ mở lại được tệp {fmt} do vanban tạo ra (từ phiên bản có nhúng dữ liệu); "
                "tệp soạn tay hoặc đã chuyển đổi bằng chương trình khác không còn dữ liệu này."
            ]
        },
    )

"""Open an untrusted DOCX safely: bounded zip reading and XML parsing without DTDs or entities.

Every limit is checked before the work it bounds: entry count and sizes from the zip directory
before anything is decompressed, each part read with a byte cap (a member whose data is longer
than the directory says fails its CRC instead of growing), XML parsed by lxml with no entity
expansion, no network, no DTD and libxml2's default depth limit (256 levels, huge_tree off).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from service.errors import VanbanError

MIB = 1024 * 1024
MAX_FILE = 64 * MIB  # the DOCX itself (the API's own request limit is lower)
MAX_ENTRIES = 4096  # zip directory entries
MAX_ARCHIVE = 256 * MIB  # declared uncompressed size of all entries together
MAX_PART = 16 * MIB  # one XML part we read
MAX_READ = 48 * MIB  # all the parts we read together
MAX_PARAGRAPHS = 20_000  # paragraphs in the document, headers and footers (300 pages: ~8000)
# Runs there: what modelling time grows with (hand edits split runs). A 300-page report edited
# by hand has about 30,000; 145,000 runs in a 36 KB file held a worker 4-11 s, so the budget
# keeps one request under a second of CPU on this project's machines.
MAX_RUNS = 50_000
MAX_ELEMENTS = 400_000  # every XML element of those parts: the walk visits each

REQUIRED_PARTS = ("[Content_Types].xml", "_rels/.rels")  # ECMA-376 Part 2: every package has them
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, or an encrypted OOXML package
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
)
_DTD_MARKS = tuple(
    mark.encode(codec)
    for mark in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


class InvalidDocx(VanbanError):
    """The file is not a readable Word document (.docx)."""

    code = "invalid_docx"
    http_status = 400
    exit_code = 2


class DamagedDocx(InvalidDocx):
    """The package lacks a required part or holds one part twice: Word would not open it."""

    code = "damaged_docx"
    http_status = 422


class UnsafeDocx(InvalidDocx):
    """The file is a zip or XML built to exhaust memory or time; it is refused unread."""

    code = "unsafe_docx"
    http_status = 422


@dataclass
class Package:
    """The XML parts the checks need, parsed: main document, styles, theme, headers, footers."""

    document: etree._Element
    styles: etree._Element | None = None
    theme: etree._Element | None = None
    rels: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (type, part name)
    parts: dict[str, etree._Element] = field(default_factory=dict)  # headers and footers


def load_package(data: bytes) -> Package:
    """Return the parsed parts of ``data``; raise InvalidDocx or UnsafeDocx saying why."""
    if len(data) > MAX_FILE:
        raise UnsafeDocx(
            f"Tệp quá lớn ({len(data):,} byte); tối đa {MAX_FILE:,} byte.".replace(",", ".")
        )
    if data.startswith(_OLE):
        raise InvalidDocx(
            "Tệp là văn bản Word cũ (.doc) hoặc .docx có đặt mật khẩu; hãy lưu "
            "lại dạng .docx không mật khẩu rồi kiểm tra."
        )
    if not data.startswith(b"PK"):
        raise InvalidDocx("Tệp không phải văn bản Word (.docx): không phải tệp nén zip.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return _Reader(zf).package()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        RuntimeError,
        NotImplementedError,
        ValueError,
        OSError,
    ) as error:
        # A truncated or corrupt archive, damaged compressed data, an unsupported compression
        # method (or an encrypted member) or a failed CRC.
        raise InvalidDocx(f"Tệp .docx bị hỏng hoặc không đọc được ({error}).") from None


class _Reader:
    """Read and parse parts of one archive, within the size limits."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafeDocx(f"Tệp nén có {len(infos)} mục; tối đa {MAX_ENTRIES}.")
        if sum(info.file_size for info in infos) > MAX_ARCHIVE:
            raise UnsafeDocx(
                "Tổng dung lượng giải nén của tệp vượt giới hạn "
                f"{MAX_ARCHIVE // MIB} MiB (nghi là “bom zip”)."
            )
        self.zf = zf
        self.sizes = {info.filename: info.file_size for info in infos}
        self.read_total = 0

    def package(self) -> Package:
        """Return the package: the main part, then what its relationships point to."""
        self.check_structure()
        main = self.main_part_name()
        if main not in self.sizes:
            raise InvalidDocx(
                f"Tệp không phải văn bản Word (.docx): thiếu phần nội dung chính ({main})."
            )
        package = Package(document=self.xml(main))
        if package.document.tag != f"{W}document":
            raise InvalidDocx("Tệp không phải văn bản Word dạng WordprocessingML (Transitional).")
        base = posixpath.dirname(main)
        rels_name = posixpath.join(base, "_rels", posixpath.basename(main) + ".rels")
        package.rels = self.relationships(rels_name, base) if rels_name in self.sizes else {}
        for kind, name in package.rels.values():
            if name not in self.sizes:
                continue
            if kind == "styles":
                package.styles = self.xml(name)
            elif kind == "theme":
                package.theme = self.xml(name)
            elif kind in ("header", "footer"):
                package.parts[name] = self.xml(name)
        return package

    def check_structure(self) -> None:
        """Refuse a package Word could not open: a part named twice, a required part missing."""
        names = [info.filename for info in self.zf.infolist()]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise DamagedDocx(
                "Tệp .docx hỏng: phần " + ", ".join(twice[:5]) + " xuất hiện hai lần trong tệp "
                "nén; không biết bản nào là nội dung thật."
            )
        missing = [name for name in REQUIRED_PARTS if name not in self.sizes]
        if missing:
            raise DamagedDocx(
                "Tệp .docx hỏng: thiếu " + ", ".join(missing) + " (phần bắt buộc của gói OOXML)."
            )

    def main_part_name(self) -> str:
        """Return the main part's name as the package relationships give it (as docx_text)."""
        if "_rels/.rels" not in self.sizes:
            return "word/document.xml"
        for kind, name in self.relationships("_rels/.rels", "").values():
            if kind == "officeDocument":
                return name
        return "word/document.xml"

    def relationships(self, name: str, base: str) -> dict[str, tuple[str, str]]:
        """Return internal relationships as id -> (short type, part name)."""
        out = {}
        for rel in self.xml(name).iter(f"{_REL}Relationship"):
            kind, target = rel.get("Type", ""), rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not kind.startswith(_TYPES):
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            out[rel.get("Id", "")] = (kind[len(_TYPES) :], posixpath.normpath(path))
        return out

    def xml(self, name: str) -> etree._Element:
        """Return the parsed part ``name``; refuse oversized parts, DTDs and bad XML."""
        size = self.sizes[name]
        if size > MAX_PART or self.read_total + size > MAX_READ:
            raise UnsafeDocx(
                f"Phần {name} quá lớn khi giải nén ({size:,} byte; tối đa "
                f"{MAX_PART:,} byte mỗi phần, {MAX_READ:,} byte tất cả).".replace(",", ".")
            )
        with self.zf.open(name) as member:
            raw = member.read(size + 1)
        if len(raw) > size:
            raise InvalidDocx(f"Phần {name} dài hơn kích thước khai báo trong tệp nén.")
        self.read_total += len(raw)
        return parse_xml(raw, name)


def parse_xml(raw: bytes, name: str) -> etree._Element:
    """Return the root of ``raw``; raise UnsafeDocx for a DTD, InvalidDocx for bad XML."""
    if any(mark in raw for mark in _DTD_MARKS):
        raise UnsafeDocx(
            f"Phần {name} có khai báo DTD/ENTITY; văn bản Word không dùng "
            "khai báo này nên tệp bị từ chối."
        )
    try:
        root = etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as error:
        if "depth" in str(error).lower():
            raise UnsafeDocx(f"Phần {name} lồng nhau quá sâu (tối đa 256 cấp).") from None
        raise InvalidDocx(f"Phần {name} không phải XML hợp lệ: {error}.") from None
    if root.getroottree().docinfo.doctype:
        raise UnsafeDocx(f"Phần {name} có khai báo DTD; tệp bị từ chối.")
    return root

"""The document model: what compose produces and every renderer prints, nothing computed later.

Glossary of the Vietnamese domain words kept in names (they have no exact English equivalent):
- căn cứ: a legal-basis line ("Căn cứ Luật …;") before the enacting words; ``bases`` here.
- trích yếu: the one-line summary under the type name ("Về việc …"); ``summary`` here.
- nơi nhận: the recipient list at the bottom left; ``recipients`` here.
- quyền hạn ký: the signing authority prefix (TM., KT., TL., TUQ., Q.) in the signature block.
- phụ lục: an appendix, numbered with Roman numerals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .marks import CHECK, IDENTIFIER, NAME, PLACE, part

# Paragraph roles of the body. Each names a Word style in the DOCX templates and a CSS class in
# the HTML templates, so the two renderings cannot drift apart.
BLOCK_ROLES = (
    "text",  # justified body paragraph, first-line indent
    "article",  # "Điều N." in bold, then the article text
    "clause",  # khoản "1. …"
    "point",  # điểm "a) …"
    "bullet",  # "- …"
    "section",  # bold part heading of a plan or report ("I. MỤC ĐÍCH, YÊU CẦU")
    "heading",  # bold heading inside the body ("1. Mục đích", "5.1. Phát triển chính quyền số")
    "centered",  # centred bold line (Chương, Mục titles)
)


# Where the preview of an incomplete form lacks a text, the text is this character (a private
# use one, removed from whatever is typed); the HTML shows it as a marked blank.
MARK = "\ue000"


@dataclass(frozen=True)
class Run:
    """A stretch of text with one emphasis, optionally followed by a footnote mark."""

    text: str
    bold: bool = False
    italic: bool = False
    footnote: str | None = None  # the note's text; renderers number the notes in order


@dataclass(frozen=True)
class Block:
    """A body paragraph: its role and its runs."""

    role: str = part(skip=IDENTIFIER)
    runs: tuple[Run, ...] = part(key="", lines="")  # read as the printed paragraph

    def __post_init__(self) -> None:
        if self.role not in BLOCK_ROLES:
            raise ValueError(f"unknown block role {self.role!r}")

    @property
    def text(self) -> str:
        """Return the paragraph's plain text."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Header:
    """Ô 1-4: issuing body on the left, Quốc hiệu on the right, number and place/date below."""

    parent: str | None = part(role=NAME)  # cơ quan chủ quản, upper case, not bold
    # cơ quan ban hành, upper case, bold, one item per line
    issuer: tuple[str, ...] = part(role=NAME, lines=" ")
    number_line: str | None = part(skip=IDENTIFIER)  # "Số: 2113/QĐ-UBND"; None when attached
    # "Bắc Giang, ngày 31 tháng 12 năm 2023"; None on an attached document
    place_date: str | None = part(role=PLACE)


@dataclass(frozen=True)
class RecipientLine:
    """One printed line of the nơi nhận list, punctuation included."""

    text: str
    level: int = 0  # 0: "- item;", 1: "+ item;" inside a group
    label: bool = False  # a sub-list heading such as "Bản điện tử:", printed without a mark

    @property
    def bullet(self) -> str:
        """Return the list mark of this line ('' for a label)."""
        if self.label:
            return ""
        return "-" if self.level == 0 else "+"

    @property
    def printed(self) -> str:
        """Return the line as printed, mark included."""
        return f"{self.bullet} {self.text}" if self.bullet else self.text


@dataclass(frozen=True)
class Signature:
    """Ô 7: authority and title lines (upper case, bold) and the signer's name."""

    lines: tuple[str, ...]
    name: str


@dataclass(frozen=True)
class Cell:
    """A table cell; spans make multi-level headers."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    align: str = part(skip=IDENTIFIER, default="left")  # left | center | right


@dataclass(frozen=True)
class Column:
    """A table column: its share of the text width."""

    width_mm: float
    align: str = part(skip=IDENTIFIER, default="left")


@dataclass(frozen=True)
class Table:
    """A table with header rows (repeated on each page) and body rows."""

    columns: tuple[Column, ...]
    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...] = part(role=NAME)  # an agency or a unit on each row


@dataclass(frozen=True)
class Appendix:
    """A phụ lục, or a document issued with the main one, in its own section numbered separately.

    Printed in this order: header (an attached document's own header, no number or date), label,
    title, subtitle, attribution, blocks, table.
    """

    label: str | None  # "Phụ lục I"; None for an attached document or a form
    title: str  # upper case, bold
    attribution: str | None  # "(Kèm theo Quyết định số … ngày … của …)", italic
    blocks: tuple[Block, ...] = ()
    table: Table | None = None
    landscape: bool = False
    header: Header | None = None
    subtitle: str | None = None  # bold, normal case: an attached document's trích yếu


@dataclass(frozen=True)
class Meta:
    """Facts about the document that are not printed in the body."""

    kind: str
    title: str  # for file properties and the HTML <title>
    issued: date | None  # None for a draft
    year: int
    file_stem: str  # ASCII-safe base name for downloads and batch outputs
    issuer_name: str = ""
    file_name: str = ""  # the same name in Vietnamese, for a browser's download
    source: str = ""  # the input JSON the document was made from, embedded in DOCX and PDF
    # field paths of citations typed by hand that the registry does not know: not checked
    unverified: tuple[str, ...] = ()
    # the preview of an incomplete input only: field path -> messages of what it lacks
    errors: dict[str, list[str]] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Document:
    """A complete administrative document, ready to print."""

    meta: Meta = part(skip=IDENTIFIER)  # not printed (its source is the input JSON)
    header: Header
    type_name: str  # "QUYẾT ĐỊNH"
    summary: tuple[str, ...]  # trích yếu lines
    authority: str | None = part(role=NAME)  # thẩm quyền ban hành line of a Quyết định
    # căn cứ lines, "Theo đề nghị của …" last: a cited act keeps its issuer's name
    bases: tuple[str, ...] = part(skip=(CHECK,))
    enacting: str | None  # "QUYẾT ĐỊNH:"
    body: tuple[Block, ...]
    recipients: tuple[RecipientLine, ...] = part(role=NAME)
    signature: Signature = part(role=NAME)
    appendices: tuple[Appendix, ...] = field(default=())

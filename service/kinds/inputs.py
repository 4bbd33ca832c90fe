"""Typed, already-validated input shared by every kind (built by the schemas' post_load)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from ..marks import IDENTIFIER, NAME, PLACE, part


@dataclass(frozen=True)
class IssuerInput:
    """The issuing body: its name lines, ký hiệu code, place, parent and jurisdiction."""

    name: tuple[str, ...] = part(role=NAME, lines=" ")
    code: str = part(skip=IDENTIFIER)
    place: str = part(role=PLACE)
    parent: str | None = None
    jurisdiction: str | None = None  # "tỉnh Bắc Giang": which local documents are its own
    reference: str | None = None  # how the text names the issuer: "Chủ tịch UBND tỉnh"


@dataclass(frozen=True)
class IssueDate:
    """The issue date, or only its month for a draft whose day is filled in at signing."""

    year: int
    month: int
    day: int | None = None

    @property
    def issued(self) -> date | None:
        """Return the full date, None for a draft."""
        return None if self.day is None else date(self.year, self.month, self.day)

    @property
    def span(self) -> tuple[date, date]:
        """Return the first and last day the document can bear (one day once issued)."""
        if self.day is not None:
            return self.issued, self.issued
        last = calendar.monthrange(self.year, self.month)[1]
        return date(self.year, self.month, 1), date(self.year, self.month, last)


@dataclass(frozen=True)
class ChainLink:
    """One authority prefix of a signature: TM./KT./TL./TUQ./Q. and what it qualifies."""

    authority: str = part(skip=IDENTIFIER)  # "TM", "KT", "TL", "TUQ", "Q"
    of: str


@dataclass(frozen=True)
class SignatureInput:
    """The signer: authority chain, own title(s) and name."""

    chain: tuple[ChainLink, ...]
    title: str | None
    name: str
    extra_titles: tuple[str, ...] = ()  # e.g. the agency title of an advisory-body member


@dataclass(frozen=True)
class RecipientItem:
    """A recipient, optionally annotated ("b/c")."""

    text: str
    note: str | None = None


@dataclass(frozen=True)
class RecipientGroup:
    """A recipient with sub-items ("- VP UBND tỉnh:" then "+ …" lines)."""

    head: str = part(key="group")
    items: tuple[RecipientItem, ...]


@dataclass(frozen=True)
class LikeArticle:
    """'Như Điều N': an explicit article number, or None for the article naming the implementers."""

    article: int | None = None


@dataclass(frozen=True)
class Archive:
    """The 'Lưu:' line: archive units (VT first), drafter code, where it is printed."""

    units: tuple[str, ...] = part(skip=IDENTIFIER)
    drafter: str | None = None
    in_last_group: bool = False


@dataclass(frozen=True)
class RecipientsInput:
    """The nơi nhận list as data; ``electronic`` lists who gets the electronic copy only."""

    items: tuple[RecipientItem | RecipientGroup | LikeArticle, ...]
    archive: Archive
    electronic: tuple[RecipientItem | RecipientGroup | LikeArticle, ...] = ()


@dataclass(frozen=True)
class ClauseInput:
    """A khoản: its text and its điểm."""

    text: str
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleInput:
    """An Điều: optional title, text, khoản; ``implementers`` marks who carries the decision out."""

    text: str = ""
    title: str | None = None
    clauses: tuple[ClauseInput, ...] = ()
    implementers: bool = False


@dataclass(frozen=True)
class TextPart:
    """Text typed by the clerk, with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class CitePart:
    """A registry document named in running text: full wording the first time, short after."""

    id: str = part(key="cite")
    form: str | None = None  # "full" or "short" to override the first/later rule


@dataclass(frozen=True)
class BlankPart:
    """A fill-in blank ("đạt tỷ lệ: …%") of ``width`` dots."""

    width: int = part(key="blank", default=10)


@dataclass(frozen=True)
class FootnotePart:
    """A footnote attached to the text just before it.

    A footnote explains history ("nay là …"): the ceased-body check does not read it.
    """

    text: str = part(key="footnote", skip=("check",))


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text made of parts."""

    parts: tuple[TextPart | CitePart | BlankPart | FootnotePart, ...] = part(key="")

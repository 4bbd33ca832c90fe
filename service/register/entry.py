"""A register entry as the rest of the service sees it: plain data, no database session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..vn.numbering import number_text


@dataclass(frozen=True)
class EntryFacts:
    """What issuing a document writes in the register (Phụ lục IV columns and more)."""

    kind: str
    type_name: str  # "Quyết định"
    symbol: str  # ký hiệu: "QĐ-UBND"
    issued: date
    organ_name: str
    summary: str
    signer_title: str
    signer_name: str
    recipients: tuple[str, ...]
    archive: str
    payload: dict[str, Any]  # the final input: number and date filled in
    outputs: dict[str, str]  # format -> SHA-256 of the bytes produced
    page_amount: int | None = None  # pages of the PDF, known once a PDF was produced


@dataclass(frozen=True)
class Entry:
    """One line of the sổ đăng ký văn bản đi."""

    id: int
    body: str
    series: str
    year: int
    number: int
    facts: EntryFacts
    payload_sha256: str
    idempotency_key: str | None
    status: str  # issued | void
    void_reason: str | None
    voided_at: datetime | None
    created_at: datetime

    @property
    def reference(self) -> str:
        """Return số/ký hiệu as printed: '05/QĐ-UBND'."""
        return f"{number_text(self.number)}/{self.facts.symbol}"

    @property
    def void(self) -> bool:
        """Return whether the number was voided."""
        return self.status == "void"

    def to_dict(self) -> dict[str, Any]:
        """Return the entry as JSON data for the API and the CLI."""
        facts = self.facts
        return {
            "id": self.id,
            "body": self.body,
            "series": self.series,
            "year": self.year,
            "number": self.number,
            "reference": self.reference,
            "kind": facts.kind,
            "type_name": facts.type_name,
            "issued": facts.issued.isoformat(),
            "organ_name": facts.organ_name,
            "summary": facts.summary,
            "signer": {"title": facts.signer_title, "name": facts.signer_name},
            "recipients": list(facts.recipients),
            "archive": facts.archive,
            "outputs": dict(facts.outputs),
            "page_amount": facts.page_amount,
            "payload_sha256": self.payload_sha256,
            "status": self.status,
            "void_reason": self.void_reason,
            "voided_at": self.voided_at.isoformat() if self.voided_at else None,
            "created_at": self.created_at.isoformat(),
        }

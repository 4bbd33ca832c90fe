"""The register's tables (SQLAlchemy 2.0 typed mappings); migrations/ creates them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of the register's own tables."""


class SeriesRow(Base):
    """A numbering series and the last number it gave."""

    __tablename__ = "register_series"
    __table_args__ = (UniqueConstraint("body", "name", "year", name="uq_register_series"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(50))
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class EntryRow(Base):
    """One line of the sổ đăng ký văn bản đi."""

    __tablename__ = "register_entries"
    __table_args__ = (
        UniqueConstraint("series_id", "number", name="uq_register_entry_number"),
        UniqueConstraint("body", "year", "number", "symbol", name="uq_register_entry_reference"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("register_series.id"))
    body: Mapped[str] = mapped_column(String(100))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(60))  # ký hiệu: "QĐ-UBND"
    kind: Mapped[str] = mapped_column(String(60))
    type_name: Mapped[str] = mapped_column(String(100))
    issued: Mapped[date] = mapped_column(Date)
    organ_name: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    signer_title: Mapped[str] = mapped_column(Text)
    signer_name: Mapped[str] = mapped_column(String(100))
    recipients: Mapped[str] = mapped_column(Text)  # JSON list of printed lines
    archive: Mapped[str] = mapped_column(Text)  # the "Lưu: …" line
    search: Mapped[str] = mapped_column(Text)  # folded text for case-insensitive search
    payload: Mapped[str] = mapped_column(Text)  # the final input, JSON in its own key order
    payload_sha256: Mapped[str] = mapped_column(String(64))  # of the JSON with sorted keys
    outputs: Mapped[str] = mapped_column(Text)  # JSON {format: sha256}
    page_amount: Mapped[int | None] = mapped_column(Integer)  # pages of the PDF, once made
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="issued")
    void_reason: Mapped[str | None] = mapped_column(Text)
    voided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

"""Issuing a draft: validate it, take the series' next number, produce the file, register it.

The one path is ``pipeline.generate``; this module only decides the number and the date and
writes down what was produced. Nothing is numbered unless the document was produced: the
number is taken inside the store's transaction, which commits only after rendering succeeded.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from ..catalog import Resources
from ..errors import InvalidInput
from ..model import Document
from ..pipeline import FORMATS, Rendered, compose, generate
from .entry import Entry, EntryFacts
from .errors import NotADraft, RegisterConflict, UnknownBody
from .numbering import VIETNAM, SeriesRules, chronology_error, issue_day
from .store import RegisterStore

KEY_MAX = 200


@dataclass(frozen=True)
class Issued:
    """The outcome of an issue request: the entry and the file."""

    entry: Entry
    rendered: Rendered
    replayed: bool  # True: the Idempotency-Key had been used; same number, nothing new


def issue(
    payload: Any,
    fmt: str,
    store: RegisterStore,
    rules: SeriesRules,
    now: datetime,
    *,
    key: str | None = None,
    resources: Resources | None = None,
) -> Issued:
    """Number and register the draft ``payload``; return its entry and the issued file."""
    if fmt not in FORMATS:
        raise InvalidInput(
            "Định dạng không hỗ trợ.", {"format": ["Chọn một trong: " + ", ".join(FORMATS) + "."]}
        )
    _check_key(key)
    draft = _draft(payload)
    document = compose(draft, resources)  # every input error surfaces before a number is taken
    day = issue_day(document.meta.issued, now)
    today = now.astimezone(VIETNAM).date()
    _check_chronology(day, today, None)
    body = rules.body_id(document.meta.issuer_name)
    if body is None:
        raise UnknownBody(
            "Cơ quan ban hành chưa được khai báo trong cấu hình của đơn vị.",
            {"issuer.name": [f"Không có cơ quan “{document.meta.issuer_name}” trong danh sách."]},
        )
    series = rules.series(body, _type_name(document), draft["kind"], day.year)

    def produce(number: int, latest: date | None) -> tuple[EntryFacts, Rendered]:
        _check_chronology(day, today, latest)
        final = finalize(draft, number, day)
        rendered = generate(final, fmt, resources)
        facts = facts_of(rendered.document, final, {fmt: sha256(rendered.content)})
        return replace(facts, page_amount=page_amount(fmt, rendered.content)), rendered

    entry, rendered = store.issue(series, key, produce)
    if rendered is not None:
        return Issued(entry, rendered, replayed=False)
    return _replay(entry, draft, fmt, store, resources)


def reproduce(entry: Entry, fmt: str, store: RegisterStore, resources: Resources | None = None):
    """Return the file of a registered entry, rendered again from its final input."""
    rendered = generate(entry.facts.payload, fmt, resources)
    content = rendered.content
    store.record_output(entry.id, fmt, sha256(content), page_amount(fmt, content))
    return rendered


def page_amount(fmt: str, content: bytes) -> int | None:
    """Return the page count of a PDF (None for the other formats)."""
    if fmt != "pdf":
        return None
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def finalize(draft: dict[str, Any], number: int, day: date) -> dict[str, Any]:
    """Return the final input: the draft with its number and issue date."""
    return {**draft, "number": number, "date": day.isoformat()}


def payload_sha256(payload: dict[str, Any]) -> str:
    """Return the SHA-256 of a payload in its stored (canonical) JSON form."""
    return sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode())


def sha256(content: bytes) -> str:
    """Return the hex SHA-256 of ``content``."""
    return hashlib.sha256(content).hexdigest()


def facts_of(document: Document, final: dict[str, Any], outputs: dict[str, str]) -> EntryFacts:
    """Return what the register records of an issued document."""
    lines = [line.text.rstrip(";:.") for line in document.recipients]
    archive = next((t for t in lines if t.startswith("Lưu")), "")
    title = (final.get("signature") or {}).get("title") or document.signature.lines[-1]
    return EntryFacts(
        kind=final["kind"],
        type_name=_type_name(document),
        symbol=document.header.number_line.split("/", 1)[1],
        issued=document.meta.issued,
        organ_name=document.meta.issuer_name,
        summary=" ".join(document.summary),
        signer_title=title[:1].upper() + title[1:].lower() if title.isupper() else title,
        signer_name=document.signature.name,
        recipients=tuple(t for t in lines if t and t != archive),
        archive=archive,
        payload=final,
        outputs=outputs,
    )


def _type_name(document: Document) -> str:
    return document.type_name.capitalize()  # "QUYẾT ĐỊNH" -> "Quyết định"


def _draft(payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise InvalidInput(
            "Dữ liệu đầu vào không hợp lệ.", {"": ['Cần một đối tượng JSON có trường "kind".']}
        )
    if payload.get("number") is not None:
        raise NotADraft(
            "Văn bản đã có số; chỉ bản nháp (số để trống) mới được ban hành qua sổ.",
            {"number": ["Để trống (null): số do sổ đăng ký văn bản đi cấp."]},
        )
    return payload


def _check_chronology(day: date, today: date, latest: date | None) -> None:
    problem = chronology_error(day, today, latest)
    if problem:
        raise InvalidInput("Ngày ban hành không theo thứ tự thời gian của sổ.", {"date": [problem]})


def _check_key(key: str | None) -> None:
    if key is not None and not (0 < len(key) <= KEY_MAX and key.isprintable()):
        raise InvalidInput(
            "Idempotency-Key không hợp lệ.",
            {"Idempotency-Key": [f"Từ 1 đến {KEY_MAX} ký tự in được."]},
        )


def _replay(
    entry: Entry, draft: dict[str, Any], fmt: str, store: RegisterStore, resources
) -> Issued:
    expected = payload_sha256(finalize(draft, entry.number, entry.facts.issued))
    if expected != entry.payload_sha256:
        raise RegisterConflict(
            "Idempotency-Key này đã được dùng để ban hành một văn bản khác.",
            {"Idempotency-Key": [f"Đã cấp số {entry.reference} cho dữ liệu khác."]},
        )
    return Issued(entry, reproduce(entry, fmt, store, resources), replayed=True)


def void_reason(body: Any) -> str:
    """Return the reason a void request gives, or raise a 422 naming the field."""
    reason = body.get("reason") if isinstance(body, dict) else None
    if not isinstance(reason, str) or not reason.strip() or len(reason) > 500:
        raise InvalidInput("Cần lý do hủy số.", {"reason": ["Ghi lý do hủy (1 đến 500 ký tự)."]})
    return " ".join(reason.split())

"""The registry of legal documents a căn cứ may cite, and whether one is in force on a day.

``registry.json`` holds ``{"documents": [entry, …]}``. An entry's fields:

- ``id``: the number/ký hiệu exactly ("77/2015/QH13"); a local document's id is prefixed with a
  province slug, because local numbers repeat across provinces ("bac-giang:2532/QĐ-UBND").
- ``type`` ("Luật", "Nghị định", …), ``number`` (null only if the document has none), ``issuer``
  (official name), ``issued`` (ISO date), ``title`` (trích yếu exactly as it follows the issuer in a
  citation; for a Luật its name: "Tổ chức chính quyền địa phương").
- ``effective_from`` (null: unknown, counted from the issue date), ``effective_until`` (last day in
  force; null: in force), ``replaced_by`` (id), ``amended_by`` ([{id, date the amendment took
  effect}]).
- ``confidence`` ("confirmed" / "unconfirmed"), ``unconfirmed`` (the names of the facts found in no
  primary source), ``note`` (what is unconfirmed and why), ``source``.
- local documents only: ``jurisdiction`` ("tỉnh Bắc Giang") and ``local_issuer``, how the
  province's own documents name the issuer ("Chủ tịch UBND tỉnh").

Title placeholders: a date inside an official title is written ``{date:YYYY-MM-DD}`` and printed in
the citing document's style, "ngày 05 tháng 3 năm 2014" (long) or "ngày 05/3/2014" (short); no
other braces are allowed in a title.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

from service.vn.dates import cited_date, short_date
from service.vn.text import nfc

# Cited by type and name only: no number, no issuer (nd30-format.md §2.6).
LAW_TYPES = frozenset({"Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh"})
CONFIDENCE = ("confirmed", "unconfirmed")
# Levels of legal force, strongest first (nd30-format.md §5); force_rank indexes this tuple.
FORCE_LEVELS = (
    "Hiến pháp",
    "Luật, Bộ luật, Nghị quyết của Quốc hội",
    "Pháp lệnh, Nghị quyết của Ủy ban Thường vụ Quốc hội",
    "Lệnh, Quyết định của Chủ tịch nước",
    "Nghị định, Nghị quyết của Chính phủ",
    "Quyết định của Thủ tướng Chính phủ",
    "Thông tư, Quyết định của Bộ",
    "Nghị quyết của Hội đồng nhân dân",
    "Quyết định của Ủy ban nhân dân, Chủ tịch Ủy ban nhân dân",
    "văn bản hành chính và văn bản ngoài hệ thống pháp luật",
)
ADMINISTRATIVE = len(FORCE_LEVELS) - 1
# (folded type, folded issuer prefix, level): the first match wins; "" matches any issuer.
_FORCE_RULES = (
    ("hien phap", "", 0),
    ("luat", "", 1),
    ("bo luat", "", 1),
    ("nghi quyet", "quoc hoi ", 1),
    ("phap lenh", "", 2),
    ("nghi quyet", "uy ban thuong vu quoc hoi ", 2),
    ("lenh", "", 3),
    ("quyet dinh", "chu tich nuoc ", 3),
    ("nghi dinh", "", 4),
    ("nghi quyet", "chinh phu ", 4),
    ("quyet dinh", "thu tuong ", 5),
    ("thong tu", "", 6),
    ("thong tu lien tich", "", 6),
    ("quyet dinh", "bo ", 6),
    ("nghi quyet", "hoi dong nhan dan ", 7),
    ("quyet dinh", "uy ban nhan dan ", 8),
    ("quyet dinh", "chu tich uy ban nhan dan ", 8),
)
_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubtvqh": "uy ban thuong vu quoc hoi",
}
_PLACEHOLDER = re.compile(r"\{date:(\d{4}-\d{2}-\d{2})\}")
_LOCAL_ID = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*):(.+)$")
_REQUIRED = (
    "id",
    "type",
    "number",
    "issuer",
    "issued",
    "title",
    "effective_from",
    "effective_until",
    "confidence",
)
_KEYS = frozenset(_REQUIRED) | {
    "replaced_by",
    "amended_by",
    "unconfirmed",
    "note",
    "source",
    "jurisdiction",
    "local_issuer",
}
_DATES = frozenset({"issued", "effective_from", "effective_until"})
_FACTS = _KEYS - {"id", "confidence", "unconfirmed", "note", "source"}


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Return ``text`` lower-cased, without diacritics and with single spaces, for matching.

    >>> fold("  Ủy ban  nhân dân tỉnh Bắc Giang")
    'uy ban nhan dan tinh bac giang'
    """
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in bare if not unicodedata.combining(c)).casefold().split())


def render_title(title: str, date_style: str) -> str:
    """Return ``title`` with each ``{date:…}`` placeholder printed in ``date_style``.

    >>> render_title("thi hành Quyết định số 19/2014/QĐ-TTg {date:2014-03-05} của …", "short")
    'thi hành Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của …'
    """
    return _PLACEHOLDER.sub(lambda m: cited_date(date.fromisoformat(m.group(1)), date_style), title)


def force_rank(doc_type: str, issuer: str) -> int:
    """Return the index in FORCE_LEVELS of a document of this type and issuer: 0 is strongest.

    >>> force_rank("Luật", "Quốc hội"), force_rank("Quyết định", "Chủ tịch UBND tỉnh")
    (1, 8)
    """
    kind = fold(doc_type)
    body = " ".join(_ABBREVIATIONS.get(word, word) for word in fold(issuer).split()) + " "
    for rule_kind, prefix, level in _FORCE_RULES:
        if kind == rule_kind and body.startswith(prefix):
            return level
    return ADMINISTRATIVE  # administrative documents, and Party resolutions: outside the hierarchy


@dataclass(frozen=True)
class Amendment:
    """A document amending another, and the day the amendment took effect."""

    id: str
    date: date


@dataclass(frozen=True)
class LegalDocument:
    """One registry entry; see the module docstring for the meaning of each field."""

    id: str
    type: str
    number: str | None
    issuer: str
    issued: date
    title: str
    effective_from: date | None
    effective_until: date | None
    replaced_by: str | None = None
    amended_by: tuple[Amendment, ...] = ()
    confidence: str = "confirmed"
    unconfirmed: tuple[str, ...] = ()
    note: str | None = None
    source: str | None = None
    jurisdiction: str | None = None
    local_issuer: str | None = None

    @property
    def starts(self) -> date:
        """Return the first day in force, the issue date when that day is unknown."""
        return self.effective_from or self.issued

    @property
    def force_rank(self) -> int:
        """Return the level of legal force, 0 for the strongest (see FORCE_LEVELS)."""
        return force_rank(self.type, self.issuer)

    @property
    def label(self) -> str:
        """Return the short name used in messages ("Nghị định số 61/2018/NĐ-CP")."""
        if self.number is None:
            return f"{self.type} {render_title(self.title, 'short')}"
        name = f"{self.type} {self.title}" if self.type in LAW_TYPES else self.type
        local = f" của {self.issuer}" if self.jurisdiction else ""
        return f"{name} số {self.number}{local}"


class Registry:
    """The legal documents by id; read-only once built."""

    def __init__(self, documents: Iterable[LegalDocument]) -> None:
        self._docs: dict[str, LegalDocument] = {}
        for doc in documents:
            if doc.id in self._docs:
                raise ValueError(f"registry: duplicate id {doc.id!r}")
            self._docs[doc.id] = doc

    def get(self, doc_id: str) -> LegalDocument:
        """Return the document with this id; raise KeyError if there is none."""
        return self._docs[doc_id]

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs

    def __len__(self) -> int:
        return len(self._docs)

    def all(self) -> tuple[LegalDocument, ...]:
        """Return every document in file order."""
        return tuple(self._docs.values())

    def find(self, doc_type: str, number: str | None, issued: date) -> LegalDocument | None:
        """Return the document of this type, number and issue date, if the registry has it."""
        key = (fold(doc_type), fold(number or ""), issued)
        for doc in self._docs.values():
            if (fold(doc.type), fold(doc.number or ""), doc.issued) == key:
                return doc
        return None

    def search(
        self, query: str, on: date | None = None, limit: int = 20
    ) -> tuple[LegalDocument, ...]:
        """Return documents matching every word of ``query``: in force on ``on`` first, then
        the closest names (the query as a phrase, shorter titles), then the newest."""
        phrase = fold(query)
        hits = [doc for doc in self._docs.values() if phrase and _matches(doc, phrase.split())]
        hits.sort(
            key=lambda doc: (
                on is not None and not in_force(doc, on),
                not _has_phrase(doc, phrase),
                len(doc.title),
                -doc.issued.toordinal(),
            )
        )
        return tuple(hits[:limit])


def _matches(doc: LegalDocument, words: list[str]) -> bool:
    """Return whether each word is inside the id or starts a word of type, title or issuer."""
    number = fold(doc.id)
    text = fold(f"{doc.type} {render_title(doc.title, 'short')} {doc.issuer}").split()
    return all(word in number or any(t.startswith(word) for t in text) for word in words)


def _has_phrase(doc: LegalDocument, phrase: str) -> bool:
    """Return whether ``phrase`` reads in the document's name ("nghi dinh 61", "luat to chuc")."""
    title = render_title(doc.title, "short")
    names = (f"{doc.type} {doc.number}", f"{doc.type} {title}", doc.issuer, doc.id)
    return any(phrase in fold(name) for name in names)


def in_force(doc: LegalDocument, on: date) -> bool:
    """Return whether ``doc`` is in force on ``on``; with no known end it stays in force."""
    return doc.starts <= on and (doc.effective_until is None or on <= doc.effective_until)


def replacement_on(registry: Registry, doc: LegalDocument, on: date) -> LegalDocument | None:
    """Return the first document down the replaced_by chain of ``doc`` in force on ``on``."""
    current = doc
    while current.replaced_by is not None:
        current = registry.get(current.replaced_by)
        if in_force(current, on):
            return current
    return None


def why_not_in_force(registry: Registry, doc: LegalDocument, on: date) -> str | None:
    """Return why ``doc`` cannot be cited on ``on``, in Vietnamese; None if it is in force."""
    if in_force(doc, on):
        return None
    day, starts = short_date(on), short_date(doc.starts)
    if on < doc.issued:
        return (
            f"{doc.label} chưa được ban hành vào ngày {day} (ban hành ngày "
            f"{short_date(doc.issued)}) nên chưa có hiệu lực; có hiệu lực từ ngày {starts}."
        )
    if on < doc.starts:
        return f"{doc.label} chưa có hiệu lực vào ngày {day}; có hiệu lực từ ngày {starts}."
    # Past its start and not in force: the document has an end.
    ended_on = short_date((doc.effective_until or on) + timedelta(1))
    ended = f"{doc.label} đã hết hiệu lực từ ngày {ended_on}"
    successor = replacement_on(registry, doc, on)
    if successor is None:
        return f"{ended}; danh mục chưa có văn bản thay thế đang có hiệu lực vào ngày {day}."
    return (
        f"{ended}; văn bản đang có hiệu lực thay thế: {successor.label}, "
        f"có hiệu lực từ ngày {short_date(successor.starts)}."
    )


def load_registry(path: str | Path | None = None) -> Registry:
    """Return the registry read from ``path``, or the packaged one (read once, then cached)."""
    if path is None:
        return _packaged_registry()
    return parse_registry(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _packaged_registry() -> Registry:
    text = resources.files("service.legal").joinpath("registry.json").read_text(encoding="utf-8")
    return parse_registry(json.loads(text))


def parse_registry(data: Mapping) -> Registry:
    """Return the registry described by ``data``; raise ValueError naming the bad entry."""
    entries = data.get("documents") if isinstance(data, Mapping) else None
    if not isinstance(entries, list):
        raise ValueError("registry: 'documents' must be a list of entries")
    registry = Registry(_parse_entry(i, entry) for i, entry in enumerate(entries))
    _check_links(registry)
    return registry


def _parse_entry(index: int, entry: object) -> LegalDocument:
    """Return one validated entry; raise ValueError naming it."""
    name = entry.get("id") if isinstance(entry, dict) else None
    try:
        if not isinstance(entry, dict):
            raise ValueError("an entry is an object")
        doc = _build(entry)
        _check_entry(doc)
    except (ValueError, TypeError, KeyError) as error:
        raise ValueError(f"registry entry {index} ({name!r}): {error}") from None
    return doc


def _build(entry: dict) -> LegalDocument:
    unknown, missing = set(entry) - _KEYS, set(_REQUIRED) - set(entry)
    if unknown or missing:
        raise ValueError(f"unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    dates = {key: None if entry[key] is None else date.fromisoformat(entry[key]) for key in _DATES}
    texts = {key: _text(entry.get(key)) for key in _KEYS - _DATES - {"amended_by", "unconfirmed"}}
    amended = tuple(
        Amendment(a["id"], date.fromisoformat(a["date"])) for a in entry.get("amended_by", [])
    )
    return LegalDocument(
        **texts, **dates, amended_by=amended, unconfirmed=tuple(entry.get("unconfirmed", []))
    )


def _text(value: object) -> str | None:
    if value is not None and not (isinstance(value, str) and value.strip()):
        raise ValueError(f"expected a non-empty string or null, got {value!r}")
    return None if value is None else nfc(value)


def _check_entry(doc: LegalDocument) -> None:
    """Raise ValueError when the facts of one entry are missing or contradict each other."""
    if None in (doc.id, doc.type, doc.issuer, doc.title, doc.issued, doc.confidence):
        raise ValueError("id, type, issuer, issued, title and confidence are required")
    if doc.effective_until is not None and doc.effective_until < doc.starts:
        raise ValueError("effective_until is before the entry into force")
    if doc.replaced_by is not None and doc.effective_until is None:
        raise ValueError("a replaced document needs its effective_until")
    if doc.confidence not in CONFIDENCE or set(doc.unconfirmed) - _FACTS:
        raise ValueError(f"confidence is one of {CONFIDENCE}; unconfirmed names facts only")
    unconfirmed = doc.confidence == "unconfirmed"
    if unconfirmed != bool(doc.unconfirmed) or (unconfirmed and not doc.note):
        raise ValueError("an unconfirmed entry lists its unconfirmed facts and explains them")
    if set("{}") & set(_PLACEHOLDER.sub("", doc.title)):
        raise ValueError("title braces must be {date:YYYY-MM-DD} placeholders")
    render_title(doc.title, "short")  # the placeholder dates must exist
    _check_id(doc)


def _check_id(doc: LegalDocument) -> None:
    local = _LOCAL_ID.match(doc.id)
    if local and not (doc.jurisdiction and doc.local_issuer):
        raise ValueError("a local document needs jurisdiction and local_issuer")
    if local and doc.number is not None and local.group(2) != doc.number:
        raise ValueError("a local id is '<province slug>:<number>'")
    if not local and (doc.jurisdiction or doc.local_issuer):
        raise ValueError("jurisdiction and local_issuer need a '<province slug>:' id")
    if not local and doc.number is not None and doc.id != doc.number:
        raise ValueError("a national document's id is its number")


def _check_links(registry: Registry) -> None:
    """Raise ValueError when a replaced_by or amended_by names no other entry, or loops."""
    for doc in registry.all():
        for target in [a.id for a in doc.amended_by] + [doc.replaced_by] * bool(doc.replaced_by):
            if target not in registry or target == doc.id:
                raise ValueError(f"registry entry {doc.id!r}: links to unknown entry {target!r}")
    for doc in registry.all():
        seen, current = {doc.id}, doc
        while current.replaced_by is not None:
            if current.replaced_by in seen:
                raise ValueError(f"registry entry {doc.id!r}: replaced_by chain loops")
            seen.add(current.replaced_by)
            current = registry.get(current.replaced_by)

"""The register's storage behind a narrow interface: SQLite by default, PostgreSQL by URL.

Gapless numbering: a number is taken, the document produced and the entry written in one
transaction that holds the series (SQLite: the database's write lock, BEGIN IMMEDIATE;
PostgreSQL: the series row, SELECT … FOR UPDATE). If producing the document fails, or the
process dies, the transaction never commits and the number was never given.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from .entry import Entry, EntryFacts
from .errors import EntryNotFound, RegisterConflict, StorageUnavailable
from .numbering import Series, folded
from .tables import EntryRow, SeriesRow

T = TypeVar("T")
VERSION_TABLE = "register_alembic_version"
MIGRATION_LOCK = 0x76616E62  # PostgreSQL advisory lock id while migrating ("vanb")
BUSY_SECONDS = 60  # how long an SQLite connection waits for another's lock


@dataclass(frozen=True)
class Query:
    """Filters of a register search; None means any."""

    year: int | None = None
    body: str | None = None
    number: int | None = None
    type_name: str | None = None
    text: str | None = None  # in the summary, the signer, the ký hiệu
    status: str | None = None
    limit: int = 100
    offset: int = 0


def make_engine(url: str) -> Engine:
    """Return an engine for ``url``; SQLite gets WAL, a long busy wait and BEGIN IMMEDIATE."""
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_SECONDS})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun below, explicitly
        cursor = dbapi_connection.cursor()
        write_ahead_log(cursor)
        cursor.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def write_ahead_log(cursor: Any) -> None:
    """Put the SQLite database in WAL mode, waiting while another connection holds it.

    Switching a new database to WAL takes it whole, and SQLite answers "database is locked"
    at once, without its busy wait, when another process is switching it too: two workers
    answering their first requests together. Wait and retry, as the busy wait would.
    """
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            busy = error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY  # any busy variant
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def alembic_config(connection: Any) -> Config:
    """Return the Alembic configuration of the migrations shipped in this package."""
    config = Config()
    config.set_main_option("script_location", str(resources.files(__package__) / "migrations"))
    config.attributes["connection"] = connection
    return config


class RegisterStore:
    """Series counters and entries; migrates its tables on first use."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._ready = False

    def migrate(self) -> str:
        """Bring the tables to the newest revision, one process at a time; return it."""
        head = ScriptDirectory.from_config(alembic_config(None)).get_current_head()
        try:
            with self.engine.begin() as connection:
                if connection.dialect.name == "postgresql":
                    connection.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
                context = MigrationContext.configure(
                    connection, opts={"version_table": VERSION_TABLE}
                )
                if context.get_current_revision() != head:
                    command.upgrade(alembic_config(connection), "head")
        except SQLAlchemyError as error:
            raise StorageUnavailable(
                f"Không mở được sổ đăng ký văn bản đi: {error.__class__.__name__}."
            ) from error
        self._ready = True
        return str(head)

    def session(self) -> Session:
        """Return a session on a migrated database."""
        if not self._ready:
            self.migrate()
        return Session(self.engine, expire_on_commit=False)

    def issue(
        self,
        series: Series,
        key: str | None,
        produce: Callable[[int, date | None], tuple[EntryFacts, T]],
    ) -> tuple[Entry, T | None]:
        """Give ``series``'s next number to what ``produce(number, latest)`` makes, atomically.

        ``latest`` is the date of the series' last entry (None for its first). With a ``key``
        already used, return its entry and None instead: no new number.
        """
        with self._guarded(), self.session() as session, session.begin():
            row = self._locked_series(session, series)
            if key is not None:
                existing = session.scalars(
                    select(EntryRow).where(EntryRow.idempotency_key == key)
                ).first()
                if existing is not None:
                    return _entry(existing, row), None
            number = row.last_number + 1
            latest = session.scalar(
                select(func.max(EntryRow.issued)).where(EntryRow.series_id == row.id)
            )
            facts, product = produce(number, latest)
            entry = _new_row(row, number, facts, key)
            session.add(entry)
            row.last_number = number
            session.flush()
            return _entry(entry, row), product

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        """Turn a lost or refused database connection into a clear 503."""
        try:
            yield
        except OperationalError as error:
            raise StorageUnavailable(
                "Không kết nối được cơ sở dữ liệu của sổ đăng ký văn bản đi; hãy thử lại sau."
            ) from error

    def record_output(
        self, entry_id: int, fmt: str, sha256: str, page_amount: int | None = None
    ) -> None:
        """Remember the hash of another format produced later from an entry's final input."""
        with self.session() as session, session.begin():
            row = session.get(EntryRow, entry_id)
            outputs = json.loads(row.outputs)
            if outputs.get(fmt) not in (None, sha256):
                raise RegisterConflict(
                    f"Tệp {fmt} tạo lại từ văn bản số {row.number} khác tệp đã ban hành.",
                    {"format": [f"SHA-256 đã ghi: {outputs[fmt]}; tạo lại: {sha256}."]},
                )
            outputs[fmt] = sha256
            row.outputs = json.dumps(outputs, sort_keys=True)
            row.page_amount = row.page_amount or page_amount

    def get(self, entry_id: int) -> Entry:
        """Return the entry ``entry_id``."""
        with self.session() as session:
            return _stored(session, _entry_row(session, entry_id))

    def find(self, query: Query) -> tuple[list[Entry], int]:
        """Return the entries matching ``query`` in register order, and how many match."""
        conditions = []
        for column, value in (
            (EntryRow.year, query.year),
            (EntryRow.body, query.body),
            (EntryRow.number, query.number),
            (EntryRow.status, query.status),
        ):
            if value is not None:
                conditions.append(column == value)
        if query.type_name:
            conditions.append(func.lower(EntryRow.type_name) == query.type_name.lower())
        if query.text:
            conditions.append(EntryRow.search.contains(folded(query.text), autoescape=True))
        with self.session() as session:
            total = session.scalar(select(func.count(EntryRow.id)).where(*conditions))
            rows = session.execute(
                select(EntryRow, SeriesRow)
                .join(SeriesRow, EntryRow.series_id == SeriesRow.id)
                .where(*conditions)
                .order_by(EntryRow.year, EntryRow.body, SeriesRow.name, EntryRow.number)
                .limit(query.limit)
                .offset(query.offset)
            ).all()
            return [_entry(entry, series) for entry, series in rows], int(total or 0)

    def void(self, entry_id: int, reason: str, now: datetime) -> Entry:
        """Mark an entry void: it stays in the register and its number is never given again."""
        with self.session() as session, session.begin():
            row = _entry_row(session, entry_id)
            if row.status == "void":
                raise RegisterConflict(f"Số {row.number}/{row.symbol} đã bị hủy trước đó.")
            row.status, row.void_reason, row.voided_at = "void", reason, now
            session.flush()
            return _stored(session, row)

    def _locked_series(self, session: Session, series: Series) -> SeriesRow:
        """Return the series row, created if new, locked until the transaction ends."""
        dialect = session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        session.execute(
            insert(SeriesRow)
            .values(body=series.body, name=series.name, year=series.year, last_number=0)
            .on_conflict_do_nothing()
        )
        return session.scalars(
            select(SeriesRow)
            .where(
                SeriesRow.body == series.body,
                SeriesRow.name == series.name,
                SeriesRow.year == series.year,
            )
            .with_for_update()
        ).one()


# Columns holding an EntryFacts field as it is; the others are JSON or computed.
_FACT_COLUMNS = (
    "kind",
    "type_name",
    "symbol",
    "issued",
    "organ_name",
    "summary",
    "signer_title",
    "signer_name",
    "archive",
    "page_amount",
)
# Columns holding an Entry field as it is (series and facts are built apart).
_ENTRY_COLUMNS = (
    "id",
    "body",
    "year",
    "number",
    "payload_sha256",
    "idempotency_key",
    "status",
    "void_reason",
    "voided_at",
    "created_at",
)


def _entry_row(session: Session, entry_id: int) -> EntryRow:
    """Return the row of entry ``entry_id``, or raise EntryNotFound."""
    row = session.get(EntryRow, entry_id)
    if row is None:
        raise EntryNotFound(f"Không có mục số {entry_id} trong sổ đăng ký văn bản đi.")
    return row


def _stored(session: Session, row: EntryRow) -> Entry:
    """Return the entry of ``row`` with its series."""
    return _entry(row, session.get(SeriesRow, row.series_id))


def _new_row(series: SeriesRow, number: int, facts: EntryFacts, key: str | None) -> EntryRow:
    # kept in its own key order: the files embed their input, so a re-render must see the same
    payload = json.dumps(facts.payload, ensure_ascii=False)
    canonical = json.dumps(facts.payload, ensure_ascii=False, sort_keys=True)
    search = " ".join(
        (f"{number:02d}/{facts.symbol}", facts.type_name, facts.summary, facts.signer_name)
    )
    return EntryRow(
        **{name: getattr(facts, name) for name in _FACT_COLUMNS},
        series_id=series.id,
        body=series.body,
        year=series.year,
        number=number,
        recipients=json.dumps(list(facts.recipients), ensure_ascii=False),
        search=folded(search),
        payload=payload,
        payload_sha256=hashlib.sha256(canonical.encode()).hexdigest(),
        outputs=json.dumps(facts.outputs, sort_keys=True),
        idempotency_key=key,
        status="issued",
        created_at=datetime.now(UTC),
    )


def _entry(row: EntryRow, series: SeriesRow) -> Entry:
    facts = EntryFacts(
        **{name: getattr(row, name) for name in _FACT_COLUMNS},
        recipients=tuple(json.loads(row.recipients)),
        payload=json.loads(row.payload),
        outputs=json.loads(row.outputs),
    )
    return Entry(
        **{name: getattr(row, name) for name in _ENTRY_COLUMNS},
        series=series.name,
        facts=facts,
    )

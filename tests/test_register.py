"""Issuing and the register, in process: series, years, voids, idempotency, refusals."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime

import pytest

from service.errors import InvalidInput, RenderError
from service.register import RegisterStore, SeriesRules
from service.register import issuing as issuing_module
from service.register.errors import NotADraft, RegisterConflict, UnknownBody
from service.register.issuing import issue
from service.register.numbering import GENERAL, Series
from service.register.store import Query, make_engine
from tests.conftest import load_fixture

NOW = datetime(2024, 1, 5, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội


def draft(day: str | None = "2023-12-31", **changes) -> dict:
    payload = {**load_fixture("seeds/000-ranking-decision-2113-2023.json"), "number": None}
    payload["date"] = day
    return {**payload, **changes}


def other_body() -> dict:
    issuer = {**draft()["issuer"], "name": ["Sở Khoa học và Công nghệ", "tỉnh Bắc Giang"]}
    return draft(issuer={**issuer, "code": "SKHCN"})


@pytest.fixture
def store(tmp_path) -> RegisterStore:
    return RegisterStore(f"sqlite:///{tmp_path / 'register.sqlite3'}")


def numbers(store: RegisterStore, **filters) -> list[tuple[str, int]]:
    found, _ = store.find(Query(**filters))
    return [(entry.body, entry.number) for entry in found]


def test_numbers_start_at_01_and_follow_each_other(store):
    first = issue(draft(), "docx", store, SeriesRules(), NOW)
    second = issue(draft(), "docx", store, SeriesRules(), NOW)
    assert (first.entry.reference, second.entry.reference) == ("01/QĐ-UBND", "02/QĐ-UBND")
    assert first.entry.facts.payload["number"] == 1


def test_the_first_document_of_a_new_year_gets_01(store):
    for _ in range(3):
        issue(draft("2023-12-31"), "docx", store, SeriesRules(), NOW)
    new_year = issue(draft("2024-01-02"), "docx", store, SeriesRules(), NOW)
    assert new_year.entry.number == 1
    assert new_year.entry.year == 2024
    assert [n for _, n in numbers(store, year=2023)] == [1, 2, 3]


def test_two_bodies_series_do_not_touch_each_other(store):
    results = [
        issue(p, "docx", store, SeriesRules(), NOW) for p in (draft(), other_body(), draft())
    ]
    assert [r.entry.reference for r in results] == ["01/QĐ-UBND", "01/QĐ-SKHCN", "02/QĐ-UBND"]
    assert results[0].entry.body != results[1].entry.body


def test_a_draft_without_a_day_is_dated_today_in_vietnam(store):
    late_evening_utc = datetime(2023, 12, 31, 18, 30, tzinfo=UTC)  # 01:30 on 1 January in Hà Nội
    issued = issue(draft("2023-12"), "docx", store, SeriesRules(), late_evening_utc)
    assert issued.entry.facts.issued.isoformat() == "2024-01-01"
    assert issued.entry.year == 2024


def test_a_site_can_declare_separate_series_and_refuse_unknown_bodies(store):
    rules = SeriesRules.from_data(
        {
            "bodies": [
                {
                    "id": "ubnd-bg",
                    "name": "Ủy ban nhân dân tỉnh Bắc Giang",
                    "series": [{"id": "iso", "types": ["Quyết định"], "kinds": []}],
                }
            ]
        }
    )
    assert rules.series("ubnd-bg", "Quyết định", "decision", 2023) == Series("ubnd-bg", "iso", 2023)
    assert rules.series("ubnd-bg", "Kế hoạch", "inspection-plan", 2023).name == GENERAL
    assert issue(draft(), "docx", store, rules, NOW).entry.series == "iso"
    with pytest.raises(UnknownBody) as refused:
        issue(other_body(), "docx", store, rules, NOW)
    assert refused.value.http_status == 422
    assert "issuer.name" in refused.value.errors


def test_a_voided_number_stays_in_the_register_and_is_never_given_again(store):
    first = issue(draft(), "docx", store, SeriesRules(), NOW)
    voided = store.void(first.entry.id, "Sai trích yếu", NOW)
    assert voided.void and voided.void_reason == "Sai trích yếu"
    with pytest.raises(RegisterConflict):
        store.void(first.entry.id, "lần nữa", NOW)
    assert issue(draft(), "docx", store, SeriesRules(), NOW).entry.number == 2
    assert [e.status for e in store.find(Query())[0]] == ["void", "issued"]


def test_the_same_idempotency_key_returns_the_same_number_and_the_same_bytes(store):
    first = issue(draft(), "docx", store, SeriesRules(), NOW, key="abc")
    again = issue(draft(), "docx", store, SeriesRules(), NOW, key="abc")
    assert again.replayed and not first.replayed
    assert again.entry.id == first.entry.id
    assert again.rendered.content == first.rendered.content
    assert store.find(Query())[1] == 1


def test_a_key_reused_for_another_draft_is_a_conflict(store):
    issue(draft(), "docx", store, SeriesRules(), NOW, key="abc")
    with pytest.raises(RegisterConflict) as refused:
        issue(other_body(), "docx", store, SeriesRules(), NOW, key="abc")
    assert refused.value.http_status == 409


@pytest.mark.parametrize(
    ("payload", "error", "field"),
    [
        (draft(number=12), NotADraft, "number"),
        (draft(signature=None), InvalidInput, "signature"),
        (draft(kind="ranking-decision", groups="x"), InvalidInput, "groups"),
        ([], InvalidInput, ""),
    ],
)
def test_bad_drafts_are_refused_and_take_no_number(store, payload, error, field):
    with pytest.raises(error) as refused:
        issue(payload, "docx", store, SeriesRules(), NOW)
    assert refused.value.http_status == 422
    assert field in refused.value.errors
    assert issue(draft(), "docx", store, SeriesRules(), NOW).entry.number == 1


def test_nothing_is_numbered_when_the_document_cannot_be_produced(store, monkeypatch):
    real = issuing_module.generate

    def failing(*args, **kwargs):
        raise RenderError("Không tạo được PDF: thử nghiệm.")

    monkeypatch.setattr(issuing_module, "generate", failing)
    with pytest.raises(RenderError):
        issue(draft(), "pdf", store, SeriesRules(), NOW)
    monkeypatch.setattr(issuing_module, "generate", real)
    assert store.find(Query())[1] == 0
    assert issue(draft(), "docx", store, SeriesRules(), NOW).entry.number == 1


def test_numbers_follow_the_chronology_and_no_date_is_after_today(store):
    issue(draft("2023-12-31"), "docx", store, SeriesRules(), NOW)
    with pytest.raises(InvalidInput) as earlier:
        issue(draft("2023-12-30"), "docx", store, SeriesRules(), NOW)
    assert "trước ngày của số liền trước (31/12/2023)" in earlier.value.errors["date"][0]
    with pytest.raises(InvalidInput) as future:
        issue(draft("2024-01-06"), "docx", store, SeriesRules(), NOW)
    assert "sau ngày hôm nay (05/01/2024)" in future.value.errors["date"][0]
    assert issue(draft("2023-12-31"), "docx", store, SeriesRules(), NOW).entry.number == 2


def test_search_by_number_type_text_and_signer(store):
    issue(draft(), "docx", store, SeriesRules(), NOW)
    issue(other_body(), "docx", store, SeriesRules(), NOW)
    assert len(store.find(Query(text="TCVN ISO 9001"))[0]) == 2
    assert len(store.find(Query(text="mai sơn"))[0]) == 2  # case-insensitive, Vietnamese
    assert len(store.find(Query(text="qđ-skhcn"))[0]) == 1
    assert store.find(Query(type_name="quyết định", number=1))[1] == 2
    assert store.find(Query(text="không có"))[1] == 0


def test_migrations_run_once_and_report_the_head(store):
    assert store.migrate() == store.migrate() == "0002"


def test_migrations_go_down_and_up_again_keeping_the_entries(store):
    from alembic import command

    from service.register.store import alembic_config

    first = issue(draft(), "pdf", store, SeriesRules(), NOW).entry
    assert first.facts.page_amount == 4  # seed 000: two pages and two appendix pages
    with store.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    with store.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    again = store.get(first.id)
    assert (again.reference, again.facts.page_amount) == ("01/QĐ-UBND", None)
    assert issue(draft(), "docx", store, SeriesRules(), NOW).entry.number == 2


def _first_connection(url: str, ready, answers) -> None:
    """Connect to ``url`` once every process is ready; put its journal mode or the error."""
    engine = make_engine(url)
    ready.wait()
    try:
        with engine.connect() as connection:
            answers.put(connection.exec_driver_sql("PRAGMA journal_mode").scalar())
    except Exception as error:  # the answer the test checks
        answers.put(repr(error))


def test_processes_opening_a_new_sqlite_register_together_all_get_in(tmp_path):
    """Workers answering their first requests together each switch the new database to WAL;
    SQLite refuses the losers at once ("database is locked", no busy wait) unless retried.
    Without the retry, about one round in four failed here."""
    context = multiprocessing.get_context("fork")
    failures = []
    for round_ in range(100):
        url = f"sqlite:///{tmp_path / f'register-{round_}.sqlite3'}"
        ready, answers = context.Barrier(4), context.Queue()
        workers = [
            context.Process(target=_first_connection, args=(url, ready, answers)) for _ in range(4)
        ]
        for worker in workers:
            worker.start()
        got = [answers.get(timeout=120) for _ in workers]
        for worker in workers:
            worker.join()
        failures += [answer for answer in got if answer != "wal"]
    assert failures == []

"""How many processes `vanban batch` starts when --jobs is not given (service/batch/pool.py)."""

from __future__ import annotations

import itertools
import json

from service.batch.pool import TYPICAL_BYTES, WORK_PER_PROCESS, worthwhile_jobs

from .conftest import FIXTURES, valid_fixtures


def fixture_payloads(count: int) -> list[dict]:
    """Return ``count`` inputs: the valid fixtures in turn, as `make bench` runs them."""
    payloads = [json.loads((FIXTURES / name).read_text("utf-8")) for name in valid_fixtures()]
    return list(itertools.islice(itertools.cycle(payloads), count))


def test_a_batch_of_200_docx_runs_in_one_process():
    assert worthwhile_jobs(fixture_payloads(200), ["docx"], cores=2) == 1


def test_a_batch_of_1000_docx_and_pdf_uses_every_core():
    assert worthwhile_jobs(fixture_payloads(1000), ["docx", "pdf"], cores=2) == 2
    assert worthwhile_jobs(fixture_payloads(1000), ["docx", "pdf"], cores=16) == 16


def test_one_process_more_for_each_second_of_work_up_to_the_cores():
    few = worthwhile_jobs(fixture_payloads(5), ["pdf"], cores=8)
    more = worthwhile_jobs(fixture_payloads(40), ["pdf"], cores=8)
    assert few == 1 < more < 8


def test_a_bigger_input_counts_as_more_work():
    small = {"text": "x" * 100}
    big = {"text": "x" * (TYPICAL_BYTES * 400)}  # a ranking of thousands of agencies is this big
    assert worthwhile_jobs([small] * 20, ["docx"], cores=4) == 1
    assert worthwhile_jobs([big] * 20, ["docx"], cores=4) > 1


def test_unreadable_items_and_unknown_formats_still_give_a_count():
    assert worthwhile_jobs([None, None], ["docx"], cores=2) == 1
    # an unknown format is costed as a PDF: a process more rather than one too few
    assert worthwhile_jobs(fixture_payloads(int(WORK_PER_PROCESS * 20)), ["xyz"], cores=2) == 2

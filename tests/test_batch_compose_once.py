"""A batch composes each item once and prints every format from that one Document."""

from __future__ import annotations

import json
import zipfile

from click.testing import CliRunner

from service import pipeline
from service.batch import prepare, work
from service.cli import main

from .conftest import FIXTURES


def test_each_item_is_composed_once_for_all_its_formats(tmp_path, monkeypatch):
    calls, compose = [], pipeline.compose

    def counted(payload, *args, **kwargs):
        calls.append(payload["number"])
        return compose(payload, *args, **kwargs)

    # Every way to compose in process: the preparation's, the worker's and the pipeline's.
    for module in (prepare, work, pipeline):
        monkeypatch.setattr(module, "compose", counted)
    seed = json.loads((FIXTURES / "seeds/000-ranking-decision-2113-2023.json").read_text("utf-8"))
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(
        "".join(json.dumps({**seed, "number": n}, ensure_ascii=False) + "\n" for n in (7, 8, 9)),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["batch", str(inputs), "-o", str(out), "--format", "docx,html", "--jobs", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert sorted(calls) == [7, 8, 9]
    docx = sorted(out.glob("*.docx"))
    assert len(docx) == 3 and len(list(out.glob("*.html"))) == 3
    for path in docx:
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None


def test_a_batch_printed_in_its_own_process_does_not_pickle_its_documents(tmp_path, monkeypatch):
    """--jobs 1 prints the Documents it composed as they are; a pool gets them pickled."""
    packed = []
    real = work.Composed.of

    def of(document, packed_=True):
        packed.append(packed_)
        return real(document, packed_)

    monkeypatch.setattr(work.Composed, "of", of)
    seed = json.loads((FIXTURES / "seeds/000-ranking-decision-2113-2023.json").read_text("utf-8"))
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(
        "".join(json.dumps({**seed, "number": n}, ensure_ascii=False) + "\n" for n in (7, 8)),
        encoding="utf-8",
    )
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        args = ["batch", str(inputs), "-o", str(out), "--format", "docx", "--jobs", jobs]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        outputs[jobs] = {p.name: p.read_bytes() for p in out.glob("*.docx")}
    assert packed == [False, False, True, True]
    assert len(outputs["1"]) == 2 and outputs["1"] == outputs["2"]


def test_the_workers_fork_server_warms_the_pipeline_once_for_all_of_them():
    """The fork server imports warmed.py last: schemas, templates, numbers ready, then frozen."""
    import subprocess
    import sys

    from service.batch.runner import Options, preload

    assert preload(Options(formats=("docx",))) == ("service.batch.warmed",)
    assert preload(Options(formats=("docx", "pdf"))) == (
        "service.render.pdf",
        "service.batch.warmed",
    )
    probe = (
        "import gc, service.batch.warmed\n"
        "from service.render.docx import _load\n"
        "from service.schemas.base import instance\n"
        "print(_load.cache_info().currsize, instance.cache_info().currsize, gc.get_freeze_count())"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    templates, schemas, frozen = map(int, done.stdout.split())
    assert templates >= 1 and schemas >= 5 and frozen > 10_000

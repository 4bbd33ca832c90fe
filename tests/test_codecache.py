"""Compiled Word-template parts kept between processes: the same bytes, never an error."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from service.pipeline import compose
from service.render import PACKAGED_TEMPLATES, codecache
from service.render.docx import _load, render_docx

from .conftest import FIXTURES, load_fixture

SEED = "seeds/000-ranking-decision-2113-2023.json"
PROBE = """
import json, sys
from service.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    print("IMPORTED=" + json.dumps("docxtpl" in sys.modules), file=sys.stderr)
"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """Point the cache at a folder of the test's own, with no compiled template in memory."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(codecache.CACHE_DIR, str(folder))
    codecache._store.cache_clear()
    _load.cache_clear()
    yield folder
    codecache._store.cache_clear()
    _load.cache_clear()


def fresh_render(document) -> bytes:
    """Render as a new process would: nothing compiled in memory, the cache on disk as it is."""
    _load.cache_clear()
    return render_docx(document)


def test_a_warm_cache_gives_the_same_bytes_as_compiling(cache_dir):
    document = compose(load_fixture(SEED))
    compiled = fresh_render(document)
    entries = list(cache_dir.iterdir())
    assert len(entries) == 1 and entries[0].stat().st_mode & 0o077 == 0  # the user's only
    assert cache_dir.stat().st_mode & 0o077 == 0
    assert fresh_render(document) == compiled


def test_a_damaged_entry_is_compiled_again_and_replaced(cache_dir):
    document = compose(load_fixture(SEED))
    expected = fresh_render(document)
    (entry,) = cache_dir.iterdir()
    for damage in (b"", b"j2 not a cache entry", entry.read_bytes()[:40]):
        entry.write_bytes(damage)
        assert fresh_render(document) == expected
        assert entry.stat().st_size > 1000  # written again, whole
        assert fresh_render(document) == expected


def test_a_folder_that_cannot_be_used_is_no_error(cache_dir, tmp_path):
    cache_dir.parent.mkdir(exist_ok=True)
    cache_dir.write_text("a file, not a folder", encoding="utf-8")
    document = compose(load_fixture(SEED))
    assert zipfile.ZipFile(io.BytesIO(fresh_render(document))).testzip() is None


def test_an_empty_setting_turns_the_cache_off(cache_dir, monkeypatch):
    monkeypatch.setenv(codecache.CACHE_DIR, "")
    codecache._store.cache_clear()
    fresh_render(compose(load_fixture(SEED)))
    assert not cache_dir.exists()


def test_a_changed_template_is_prepared_again(cache_dir, tmp_path):
    document = compose(load_fixture(SEED))
    before = fresh_render(document)
    template = tmp_path / "document.docx"
    shutil.copy(PACKAGED_TEMPLATES.docx(document.meta.kind), template)
    with zipfile.ZipFile(template) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    main = "word/document.xml"
    added = b"<w:p><w:r><w:t>THEM</w:t></w:r></w:p></w:body>"
    parts[main] = parts[main].replace(b"</w:body>", added, 1)
    with zipfile.ZipFile(template, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    after = render_docx(document, template)
    with zipfile.ZipFile(io.BytesIO(after)) as zf:
        assert b"THEM" in zf.read(main)
    with zipfile.ZipFile(io.BytesIO(before)) as zf:
        assert b"THEM" not in zf.read(main)


def test_a_process_with_a_warm_cache_renders_without_importing_docxtpl(tmp_path):
    env = {**os.environ, codecache.CACHE_DIR: str(tmp_path / "cache")}
    source = FIXTURES / SEED
    outputs, imported = [], []
    for run in (1, 2):
        target = tmp_path / f"{run}.docx"
        done = subprocess.run(
            [sys.executable, "-c", PROBE, "render", str(source), "-o", str(target)],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        line = [x for x in done.stderr.splitlines() if x.startswith("IMPORTED=")][-1]
        imported.append(json.loads(line.removeprefix("IMPORTED=")))
        outputs.append(target.read_bytes())
    assert imported == [True, False]
    assert outputs[0] == outputs[1]

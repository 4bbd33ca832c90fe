"""Compiled Word-template parts kept between processes, like Python's own bytecode cache.

Preparing a part (docxtpl's tag patching, then Jinja's compiler) costs a new process about a
fifth of its start, docxtpl's import included, before its first DOCX. The compiled code is
kept with Jinja's file-system bytecode cache, keyed by the template file, the part, the
versions of what prepares it, and the part's own XML (a changed template is prepared again).

``VANBAN_CACHE_DIR`` names the folder; unset, Jinja's per-user folder in the temporary
directory (created owner-only, refused if another user owns it); empty, no cache. The cache is
only ever a shortcut: a folder that cannot be read or written, or an entry that does not load,
means the part is prepared again, never an error.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

log = logging.getLogger(__name__)
CACHE_DIR = "VANBAN_CACHE_DIR"


@cache
def _store() -> FileSystemBytecodeCache | None:
    """Return the cache, None when it is turned off or its folder cannot be made safe."""
    folder = os.environ.get(CACHE_DIR)
    try:
        if folder is None:
            return FileSystemBytecodeCache()
        if not folder.strip():
            return None
        Path(folder).mkdir(mode=0o700, parents=True, exist_ok=True)  # it holds code
        return FileSystemBytecodeCache(folder)
    except (OSError, RuntimeError) as error:  # RuntimeError: Jinja's folder is not ours
        log.warning("vanban: không dùng được thư mục bộ nhớ đệm mẫu (%s): %s", folder, error)
        return None


@cache
def preparation() -> str:
    """Return what decides a part's compiled code besides its XML: versions and our code."""
    digest = hashlib.sha256(Path(__file__).with_name("docx.py").read_bytes()).hexdigest()
    return f"docxtpl {metadata.version('docxtpl')}|jinja2 {jinja2.__version__}|{digest}"


def compiled(
    env: jinja2.Environment, template: str, part: str, xml: bytes, prepare: Callable[[], str]
) -> jinja2.Template:
    """Return the Jinja template of ``part`` of the Word template file ``template``.

    ``xml`` is the part as the file holds it; ``prepare`` returns the Jinja source made from it,
    called only when the cache has no code for exactly this part.
    """
    store = _store()
    bucket = _bucket(store, env, template, part, xml) if store is not None else None
    if bucket is not None and bucket.code is not None:
        return _template(env, bucket.code)
    code = env.compile(prepare())
    if bucket is not None:
        bucket.code = code
        try:
            store.set_bucket(bucket)
        except OSError as error:
            log.warning("vanban: không ghi được bộ nhớ đệm mẫu: %s", error)
    return _template(env, code)


def _bucket(
    store: FileSystemBytecodeCache, env: jinja2.Environment, template: str, part: str, xml: bytes
) -> Bucket:
    """Return the cache's bucket for the part, its code loaded when present and whole."""
    name = f"vanban-docx|{preparation()}|{part}"
    checksum = hashlib.sha256(xml).hexdigest()  # Jinja checks its own digest of this text
    try:
        return store.get_bucket(env, name, template, checksum)
    except Exception as error:  # unreadable or damaged: pickle and marshal raise many kinds
        log.warning("vanban: bỏ qua mục hỏng trong bộ nhớ đệm mẫu: %s", error)
        key = store.get_cache_key(name, template)
        return Bucket(env, key, store.get_source_checksum(checksum))  # written over


def _template(env: jinja2.Environment, code: CodeType) -> jinja2.Template:
    return env.template_class.from_code(env, code, env.make_globals(None))

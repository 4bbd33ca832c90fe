"""`make fuzz`: drive the API with generated and mutated requests; count 5xx and stray error bodies.

Two sources, both against the application in this process (WSGI, no port):

1. schemathesis reads /openapi.json and generates requests for every operation, valid ones and
   ones that break the description (VANBAN_FUZZ_EXAMPLES per operation and mode);
2. every fixture, mutated (a field deleted, retyped, emptied, made huge, nested deep, an integer
   of 5,000 digits, a rendered DOCX truncated or bit-flipped for the lint endpoint), with a seeded
   random generator (VANBAN_FUZZ_SEED), VANBAN_FUZZ_MUTATIONS per fixture.

Fails (exit 1) on any 5xx, or any error answer whose body is not ``{code, status, message,
errors}``. Prints the counts.
"""

from __future__ import annotations

import collections
import contextlib
import copy
import io
import json
import logging
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.errors import InvalidSchema

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.app import create_app  # noqa: E402
from service.pipeline import generate  # noqa: E402

ERROR_KEYS = {"code", "status", "message", "errors"}
EXAMPLES = int(os.environ.get("VANBAN_FUZZ_EXAMPLES", "70"))
MUTATIONS = int(os.environ.get("VANBAN_FUZZ_MUTATIONS", "160"))
SEED = int(os.environ.get("VANBAN_FUZZ_SEED", "20261204"))
HOSTILE = [
    None,
    "",
    " ",
    0,
    -1,
    1.5,
    True,
    [],
    {},
    "x" * 5000,
    "{{ 7*7 }}",
    "<script>alert(1)</script>",
    "\u0000\u0007\ufffe",
    "e\u0301",
    "../../etc/passwd",
    1e308,
    "2023-02-30",
    "9999-99-99",
]
RAW = [  # literals json.dumps cannot write
    "9" * 5000,
    "-" + "9" * 5000,
    "1e400",
    "NaN",
    "[" * 2000 + "]" * 2000,
]


class Tally:
    """Requests sent, answers by status, and the problems found."""

    def __init__(self) -> None:
        self.requests = 0
        self.statuses: collections.Counter = collections.Counter()
        self.server_errors: list[str] = []
        self.outside_shape: list[str] = []
        self.ungenerated: list[str] = []
        self.unavailable = 0  # documented 503 answers, in the error shape  # operation and mode schemathesis could not generate

    def record(self, label: str, status: int, content_type: str, body: bytes) -> None:
        """Count one answer and check it."""
        self.requests += 1
        self.statuses[status] += 1
        if status == 503 and _shaped(status, content_type, body):
            # a documented "not available here" (no signing key, no broker configured)
            self.unavailable += 1
        elif status >= 500:
            self.server_errors.append(f"{label} → {status}: {body[:200]!r}")
        if status >= 400 and not _shaped(status, content_type, body):
            self.outside_shape.append(f"{label} → {status} {content_type}: {body[:200]!r}")


def _shaped(status: int, content_type: str, body: bytes) -> bool:
    if not content_type.startswith("application/json"):
        return False
    try:
        document = json.loads(body)
    except ValueError:
        return False
    return (
        isinstance(document, dict)
        and set(document) == ERROR_KEYS
        and document["status"] == status
        and isinstance(document["message"], str)
        and bool(document["message"])
    )


def run_schemathesis(app: Any, tally: Tally) -> None:
    """Generate requests for every described operation, in both generation modes."""
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def call(case: Any) -> None:
                response = case.call()
                content_type = (response.headers.get("content-type") or [""])[0]
                where = f"{case.method} {case.formatted_path}"
                tally.record(where, response.status_code, content_type, response.content)

            try:
                call()
            except Unsatisfiable:  # nothing to break in this operation (no parameters, no body)
                print(f"({operation.method.upper()} {operation.path}: no {mode.value} cases)")
            except InvalidSchema as error:
                # schemathesis cannot negate some valid schemas (an array of exactly one item);
                # the operation's positive cases ran, and the fixture mutations below cover it.
                tally.ungenerated.append(
                    f"{operation.method.upper()} {operation.path} {mode.value}"
                )
                print(
                    f"({operation.method.upper()} {operation.path}: {mode.value} cases not"
                    f" generated by schemathesis: {str(error).splitlines()[0]})"
                )


def mutations(payload: Any, rng: random.Random, count: int) -> list[str]:
    """Return ``count`` JSON texts, each the payload with one or two paths changed."""
    paths = list(_paths(payload))
    texts = []
    for _ in range(count):
        mutated = copy.deepcopy(payload)
        raw = None
        for _ in range(rng.choice((1, 1, 2))):
            path = rng.choice(paths)
            if rng.random() < 0.15:
                raw = rng.choice(RAW)
                _set(mutated, path, "@@RAW@@")
            elif rng.random() < 0.2:
                _delete(mutated, path)
            else:
                _set(mutated, path, rng.choice(HOSTILE))
        text = json.dumps(mutated, ensure_ascii=False)
        texts.append(text.replace('"@@RAW@@"', raw) if raw else text)
    return texts


def _paths(node: Any, prefix: tuple = ()) -> Any:
    yield prefix
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in children:
        yield from _paths(child, (*prefix, key))


def _walk(node: Any, path: tuple) -> Any:
    for key in path:
        node = node[key]
    return node


def _set(root: Any, path: tuple, value: Any) -> None:
    # A first change may have replaced what a second path goes through: then skip it.
    with contextlib.suppress(KeyError, IndexError, TypeError):
        if path:
            _walk(root, path[:-1])[path[-1]] = value


def _delete(root: Any, path: tuple) -> None:
    with contextlib.suppress(KeyError, IndexError, TypeError):
        if path:
            del _walk(root, path[:-1])[path[-1]]


def damaged_docx(data: bytes, rng: random.Random) -> bytes:
    """Return a DOCX truncated or with bytes flipped."""
    if rng.random() < 0.5:
        return data[: rng.randrange(len(data))]
    flipped = bytearray(data)
    for _ in range(rng.randrange(1, 20)):
        flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
    return bytes(flipped)


def run_mutations(client: Any, tally: Tally) -> None:
    """Post mutations of every fixture to the documents, batches and lint endpoints."""
    rng = random.Random(SEED)
    for path in sorted((ROOT / "fixtures").rglob("*.json")):
        payload = json.loads(path.read_text(encoding="utf-8"))
        for index, text in enumerate(mutations(payload, rng, MUTATIONS)):
            fmt = "pdf" if index % 40 == 0 else "html" if index % 2 else "docx"
            url = f"/api/v1/documents?format={fmt}"
            response = client.post(url, data=text.encode(), content_type="application/json")
            tally.record(
                f"{path.name} #{index} {url}",
                response.status_code,
                response.content_type,
                response.data,
            )
            if index % 30 == 0:
                response = client.post(
                    "/api/v1/batches?format=html",
                    data=f"[{text}]".encode(),
                    content_type="application/json",
                )
                tally.record(
                    f"{path.name} #{index} batch",
                    response.status_code,
                    response.content_type,
                    response.data,
                )
        try:
            original = generate(payload, "docx").content
        except Exception:  # an edge fixture meant to be refused: nothing to damage
            continue
        for index in range(MUTATIONS // 4):
            upload = damaged_docx(original, rng)
            response = client.post(
                "/api/v1/lint",
                data={"file": (io.BytesIO(upload), "x.docx")},
                content_type="multipart/form-data",
            )
            tally.record(
                f"{path.name} lint #{index}",
                response.status_code,
                response.content_type,
                response.data,
            )


def main() -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="vanban-fuzz-") as data_dir:
        app = create_app({"TESTING": True, "VANBAN_DATA_DIR": data_dir, "VANBAN_BATCH_WORKERS": 1})
        logging.getLogger().setLevel(logging.WARNING)  # create_app logs at INFO
        tally = Tally()
        run_schemathesis(app, tally)
        generated = tally.requests
        run_mutations(app.test_client(), tally)
        from service.batch.jobs import JobStore

        store = JobStore(Path(data_dir))
        deadline = time.monotonic() + 120
        while store.running() and time.monotonic() < deadline:  # let started jobs finish
            time.sleep(0.5)
    print(
        f"requests: {tally.requests} (schemathesis {generated}, fixture mutations {tally.requests - generated})"
    )
    print("by status: " + ", ".join(f"{s}: {n}" for s, n in sorted(tally.statuses.items())))
    print(
        f"5xx: {len(tally.server_errors)}; error bodies outside the shape: {len(tally.outside_shape)}"
    )
    print(f"documented 503 (service not configured here, in the error shape): {tally.unavailable}")
    print(f"time: {time.monotonic() - started:.0f} s")
    if tally.ungenerated:
        print("not generated by schemathesis: " + "; ".join(tally.ungenerated))
    for line in (tally.server_errors + tally.outside_shape)[:30]:
        print("  " + line)
    return 1 if tally.server_errors or tally.outside_shape else 0


if __name__ == "__main__":
    sys.exit(main())

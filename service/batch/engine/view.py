"""The status document of a distributed job, built from its state in Redis."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..status import SHOWN_FAILURES


def body(job_id: str, fields: dict[str, str], records: dict[int, dict[str, Any]]) -> dict:
    """Return the job's state, counts, first failures and items rendered per worker."""
    total = int(fields.get("total", 0))
    rendered = [r for r in records.values() if "entry" in r]
    failed = [r for r in records.values() if "problems" in r]
    failures = sorted((p for r in failed for p in r["problems"]), key=lambda p: p["item"])
    body = {
        "id": job_id,
        "state": fields.get("state", "queued"),
        "formats": fields.get("formats", "").split(","),
        "created": fields.get("created"),
        "updated": fields.get("updated"),
        "counts": {
            "total": total,
            "done": len(records),
            "succeeded": len(rendered),
            "rendered": len(rendered),
            "skipped": 0,
            "failed": len(failed),
            "warnings": len(json.loads(fields.get("warnings") or "[]")),
            "renders": int(fields.get("renders", 0)),
        },
        "progress": round(len(records) / total, 4) if total else 1.0,
        "failures": failures[:SHOWN_FAILURES],
        "workers": dict(sorted(Counter(r["worker"] for r in rendered if r.get("worker")).items())),
    }
    if fields.get("message"):
        body["message"] = fields["message"]
    return body

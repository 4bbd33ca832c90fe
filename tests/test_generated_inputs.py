"""Property: any input the published JSON Schema allows is rendered into a DOCX that vanban's own
lint finds clean, or refused in the documented error shape; never a 5xx, never a traceback.

Bounded in ``make test`` (VANBAN_PROPERTY_EXAMPLES, default 40 per kind, derandomised);
``make fuzz`` runs 1,000 per kind.
"""

from __future__ import annotations

import collections

import pytest
from hypothesis import given

from service.catalog import KINDS
from service.lint import lint_docx

from .generated import PROPERTY_SETTINGS, inputs

ERROR_KEYS = {"code", "status", "message", "errors"}
SEEN: collections.Counter = collections.Counter()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_generated_inputs_render_lint_clean_or_are_refused(client, kind):
    @PROPERTY_SETTINGS
    @given(inputs(kind))
    def check(payload):
        response = client.post("/api/v1/documents?format=docx", json=payload)
        SEEN[(kind, response.status_code)] += 1
        if response.status_code != 200:
            body = response.get_json()
            assert response.status_code in (400, 404, 422), body
            assert set(body) == ERROR_KEYS and body["message"]
            return
        report = lint_docx(response.data)
        assert [f.describe() for f in report.findings if f.severity == "error"] == []

    check()
    print(f"{kind}: {dict(sorted((s, n) for (k, s), n in SEEN.items() if k == kind))}")
    assert SEEN[(kind, 200)] > 0, "no generated input was rendered: the property was not tested"

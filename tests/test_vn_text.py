"""Text hygiene helpers: the fast paths give what the general rule gives."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from service.vn.text import squash_spaces

# The rule squash_spaces states, written out in full: runs of spaces, tabs and no-break spaces
# become one space, then the ends are stripped.
RULE = re.compile(r"[ \t\u00a0]+")

# Mostly the characters that matter (the three spaces, other whitespace, letters with marks).
TEXT = st.text(st.sampled_from(list(" \t\u00a0\n\r\u2003aSởđ.")) | st.characters(), max_size=40)


@given(TEXT)
def test_squash_spaces_follows_its_rule_on_any_text(text):
    assert squash_spaces(text) == RULE.sub(" ", text).strip()


def test_squash_spaces_on_texts_with_and_without_runs():
    assert squash_spaces("Sở Nội vụ") == "Sở Nội vụ"  # the fast path: nothing to collapse
    assert squash_spaces("  Sở \t\u00a0Nội  vụ\n") == "Sở Nội vụ"
    assert squash_spaces("Sở\u00a0Nội vụ") == "Sở Nội vụ"
    assert squash_spaces("dòng một\ndòng  hai") == "dòng một\ndòng hai"  # newlines are kept

"""Text helpers for finding elements by their words: position-keeping folding and segments."""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

# Separators a hand-made header uses instead of table cells: a tab, a line break (both print as
# a space in paragraph text, so the model records their offsets) or a long run of spaces.
_SPACE_RUN = re.compile(r" {3,}")


@lru_cache(maxsize=4096)  # a document uses a few hundred distinct characters
def fold_char(char: str) -> str:
    """Return one character without diacritics, lower-cased: always exactly one character.

    >>> "".join(fold_char(c) for c in "Độc Lập")
    'doc lap'
    """
    if char in "đĐ":
        return "d"
    bare = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    lowered = bare.lower()
    return lowered if len(lowered) == 1 else char


class _FoldTable(dict):
    """A str.translate table that fills itself: code point -> folded character."""

    def __missing__(self, code: int) -> str:
        """Fold a character met for the first time and remember it."""
        self[code] = folded = fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Return ``text`` folded character by character, so offsets stay those of ``text``.

    >>> fold("CỘNG HÒA XÃ HỘI")
    'cong hoa xa hoi'
    """
    return text.translate(_FOLD)


def segments(
    text: str, breaks: frozenset[int] | set[int], start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Return the stripped non-empty pieces of ``text[start:end]`` between separators.

    >>> text = "ỦY BAN NHÂN DÂN CỘNG HÒA     Số: 05"
    >>> [text[a:b] for a, b in segments(text, {15})]
    ['ỦY BAN NHÂN DÂN', 'CỘNG HÒA', 'Số: 05']
    """
    end = len(text) if end is None else end
    cuts = sorted(
        {
            start,
            end,
            *(b for b in breaks if start <= b < end),
            *(b for m in _SPACE_RUN.finditer(text, start, end) for b in m.span()),
        }
    )
    out = []
    for a, b in itertools.pairwise(cuts):
        piece = text[a:b]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            out.append((a + left, a + right))
    return out


def excerpt(text: str, start: int = 0, end: int | None = None, width: int = 80) -> str:
    """Return up to ``width`` characters of ``text`` around ``start:end``, marking cuts with "…".

    >>> excerpt("a" * 100, 0, 3, width=10)
    'aaaaaaaaa…'
    """
    end = len(text) if end is None else end
    lo = max(0, min(start, end - width))
    hi = min(len(text), lo + width)
    piece = " ".join(text[lo:hi].split())
    if hi < len(text.rstrip()):
        piece = piece[: width - 1] + "…"
    return ("…" + piece) if lo > 0 else piece


def is_upper(text: str) -> bool:
    """Return whether every letter of ``text`` is upper case.

    >>> is_upper("ỦY BAN NHÂN DÂN TỈNH 2"), is_upper("Ủy ban")
    (True, False)
    """
    return text == text.upper()

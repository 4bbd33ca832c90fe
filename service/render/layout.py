"""Layout choices both renderers make from the model alone, so the DOCX and the HTML agree."""

from __future__ import annotations

from service.model import Table

# A form with this many columns (seed 003's statistics form has 16) prints its cells at 11 pt
# instead of 13 pt: at 13 pt a 15 mm column holds hardly one word of a header.
DENSE_COLUMNS = 9


def is_dense(table: Table) -> bool:
    """Return whether ``table`` prints at the small table size.

    >>> from service.model import Column
    >>> is_dense(Table(tuple(Column(15) for _ in range(16)), (), ()))
    True
    >>> is_dense(Table(tuple(Column(40) for _ in range(4)), (), ()))
    False
    """
    return len(table.columns) >= DENSE_COLUMNS

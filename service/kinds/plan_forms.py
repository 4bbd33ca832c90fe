"""Statistics forms attached to a plan: a table whose multi-level header is built from data.

The input describes the header as nested column groups ("Kết quả giải quyết" over "Số hồ sơ đã
giải quyết" over "Tổng số", …). A group spans the leaf columns under it; a leaf spans the header
rows below its level. Nested groups cannot describe a grid with holes or overlaps, and the built
grid is checked once more (``grid_errors``) before the renderers, which trust it, see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InvalidInput
from ..marks import part
from ..model import Block, Cell, Column, Run, Table
from .text import BLANK

MAX_LEVELS = 4
MIN_WIDTH_MM = 8.0
# Text width of A4 at the ND30 default margins (left 30, right 15, top and bottom 20 mm); a
# landscape page is the portrait sheet turned clockwise, so its side margins are 20 and 20 mm.
TEXT_WIDTH_MM = {False: 165.0, True: 257.0}
_DOTS = BLANK * 3
PERIOD_LINE = (
    f"Từ ngày {_DOTS} tháng {_DOTS} năm {_DOTS} đến ngày {_DOTS} tháng {_DOTS} năm {_DOTS}"
)


@dataclass(frozen=True)
class FormColumn:
    """A header cell: a leaf column (optionally of a fixed width) or a group of columns."""

    text: str
    width_mm: float | None = part(key="width", default=None)
    columns: tuple[FormColumn, ...] = ()


@dataclass(frozen=True)
class FormTable:
    """A form to fill in: header, "(1) … (n)" row, blank numbered rows, a total row."""

    columns: tuple[FormColumn, ...]
    numbered: bool = True
    blank_rows: int = 0
    total: str | None = None  # label of the total row, printed in the second column
    period: bool = False  # a "Từ ngày … đến ngày …" line above the table


def leaves(columns: Sequence[FormColumn]) -> list[FormColumn]:
    """Return the leaf columns, left to right."""
    return [leaf for c in columns for leaf in (leaves(c.columns) if c.columns else [c])]


def depth(columns: Sequence[FormColumn]) -> int:
    """Return how many header rows the columns need."""
    return max((1 + depth(c.columns) if c.columns else 1) for c in columns)


def header_rows(columns: Sequence[FormColumn]) -> tuple[tuple[Cell, ...], ...]:
    """Return the header rows: each cell placed on the row of its level, spans computed."""
    levels = depth(columns)
    rows: list[list[Cell]] = [[] for _ in range(levels)]

    def place(items: Sequence[FormColumn], level: int) -> None:
        for column in items:
            span = len(leaves(column.columns)) if column.columns else 1
            rowspan = 1 if column.columns else levels - level
            rows[level].append(
                Cell(column.text, colspan=span, rowspan=rowspan, bold=True, align="center")
            )
            place(column.columns, level + 1)

    place(columns, 0)
    return tuple(tuple(row) for row in rows)


def grid_errors(header: Sequence[Sequence[Cell]], width: int) -> list[str]:
    """Return why the header rows do not tile a grid ``width`` columns wide, row by row."""
    covered = [[False] * width for _ in header]
    problems = []
    for r, row in enumerate(header):
        col = 0
        for cell in row:
            while col < width and covered[r][col]:
                col += 1
            spots = [
                (rr, cc)
                for rr in range(r, r + cell.rowspan)
                for cc in range(col, col + cell.colspan)
            ]
            if col + cell.colspan > width or r + cell.rowspan > len(header):
                problems.append(f"Ô '{cell.text}' (hàng {r + 1}) vượt ra ngoài bảng.")
                break
            if any(covered[rr][cc] for rr, cc in spots):
                problems.append(f"Ô '{cell.text}' (hàng {r + 1}) chồng lên một ô khác.")
            for rr, cc in spots:
                covered[rr][cc] = True
            col += cell.colspan
        if not all(covered[r]):
            problems.append(f"Hàng {r + 1} của tiêu đề bảng còn ô trống.")
    return problems


def form_columns(
    leaf_columns: Sequence[FormColumn], landscape: bool, path: str
) -> tuple[Column, ...]:
    """Return the column widths: fixed ones as given, the others share what is left."""
    room = TEXT_WIDTH_MM[landscape]
    fixed = sum(c.width_mm for c in leaf_columns if c.width_mm)
    free = [c for c in leaf_columns if not c.width_mm]
    share = (room - fixed) / len(free) if free else 0.0
    if fixed > room or (free and share < MIN_WIDTH_MM):
        page = "ngang" if landscape else "dọc"
        raise InvalidInput(
            "Bảng rộng hơn trang.",
            {
                path: [
                    f"Các cột rộng {fixed:g} mm cố định và {len(free)} cột tự chia; trang {page} chỉ "
                    f"rộng {room:g} mm và mỗi cột cần ít nhất {MIN_WIDTH_MM:g} mm."
                ]
            },
        )
    return tuple(Column(c.width_mm or round(share, 1), "center") for c in leaf_columns)


def form_table(form: FormTable, landscape: bool, path: str) -> Table:
    """Return the form as a Table, or raise InvalidInput naming the field."""
    if depth(form.columns) > MAX_LEVELS:
        raise InvalidInput(
            "Tiêu đề bảng quá nhiều tầng.",
            {f"{path}.columns": [f"Tiêu đề bảng có tối đa {MAX_LEVELS} tầng cột lồng nhau."]},
        )
    leaf_columns = leaves(form.columns)
    width = len(leaf_columns)
    columns = form_columns(leaf_columns, landscape, f"{path}.columns")
    header = header_rows(form.columns)
    problems = grid_errors(header, width)
    if problems:  # cannot come from nested groups; guards the renderers all the same
        raise ValueError("; ".join(problems))
    if form.numbered:
        header += (tuple(Cell(f"({n})", align="center") for n in range(1, width + 1)),)
    rows = [
        (Cell(str(n), align="center"), *(Cell("") for _ in range(width - 1)))
        for n in range(1, form.blank_rows + 1)
    ]
    if form.total:
        label = Cell(form.total, bold=True, align="center")
        rows.append(
            (Cell(""), label, *(Cell("") for _ in range(width - 2))) if width > 1 else (label,)
        )
    return Table(columns=columns, header=header, rows=tuple(rows))


def form_blocks(form: FormTable) -> tuple[Block, ...]:
    """Return the lines printed between the form's title and its table."""
    return (Block("centered", (Run(PERIOD_LINE),)),) if form.period else ()

"""Date wording per ND30 (Phụ lục I, Mục II.4): zero-padding for days < 10 and months 1-2 only."""

from __future__ import annotations

from datetime import date

DRAFT_BLANK = " " * 6


def _day(day: int) -> str:
    return f"{day:02d}"


def _month(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


def long_date(value: date) -> str:
    """Return the ND30 long date wording.

    >>> long_date(date(2020, 1, 5))
    'ngày 05 tháng 01 năm 2020'
    >>> long_date(date(2019, 6, 29))
    'ngày 29 tháng 6 năm 2019'
    >>> long_date(date(2023, 12, 31))
    'ngày 31 tháng 12 năm 2023'
    """
    return f"ngày {_day(value.day)} tháng {_month(value.month)} năm {value.year}"


def draft_long_date(month: int, year: int) -> str:
    """Return a draft's date wording with the day left blank for the clerk.

    >>> draft_long_date(12, 2023)
    'ngày      tháng 12 năm 2023'
    >>> draft_long_date(2, 2024)
    'ngày      tháng 02 năm 2024'
    """
    return f"ngày{DRAFT_BLANK}tháng {_month(month)} năm {year}"


def short_date(value: date) -> str:
    """Return the short citation form, padded by the same rule as the long form.

    >>> short_date(date(2015, 6, 19))
    '19/6/2015'
    >>> short_date(date(2014, 3, 5))
    '05/3/2014'
    >>> short_date(date(2022, 1, 1))
    '01/01/2022'
    """
    return f"{_day(value.day)}/{_month(value.month)}/{value.year}"


def cited_date(value: date, style: str) -> str:
    """Return a date as cited inside the text: 'ngày …' in the ``long`` or ``short`` style.

    >>> cited_date(date(2015, 6, 19), "long")
    'ngày 19 tháng 6 năm 2015'
    >>> cited_date(date(2015, 6, 19), "short")
    'ngày 19/6/2015'
    """
    if style == "short":
        return f"ngày {short_date(value)}"
    if style == "long":
        return long_date(value)
    raise ValueError(f"unknown date style: {style!r}")


def place_and_date(
    place: str, value: date | None, month: int | None = None, year: int | None = None
) -> str:
    """Return the ô 4 line; a draft (no date) leaves the day blank.

    >>> place_and_date("Bắc Giang", date(2023, 12, 31))
    'Bắc Giang, ngày 31 tháng 12 năm 2023'
    >>> place_and_date("Bắc Giang", None, month=12, year=2023)
    'Bắc Giang, ngày      tháng 12 năm 2023'
    """
    if value is not None:
        return f"{place}, {long_date(value)}"
    if month is None or year is None:
        raise ValueError("a draft date needs its month and year")
    return f"{place}, {draft_long_date(month, year)}"

"""Numbers the Vietnamese way through Babel's ``vi`` locale (decimal comma, dot grouping)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

LOCALE = "vi"


def format_number(value: Decimal | int | float | str, places: int = 2, locale: str = LOCALE) -> str:
    """Return ``value`` rounded half-up to at most ``places`` decimals, in Vietnamese notation.

    >>> format_number(Decimal("101.5"))
    '101,5'
    >>> format_number(1250000)
    '1.250.000'
    >>> format_number(Decimal("85.56"))
    '85,56'
    >>> format_number(Decimal("2.675"))
    '2,68'
    >>> format_number(107)
    '107'
    """
    number = Decimal(str(value))
    quantum = Decimal(1).scaleb(-places)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP).normalize()
    pattern, babel_locale = _pattern(places, locale)
    return pattern.apply(rounded, babel_locale)  # what babel.numbers.format_decimal does


@cache
def _pattern(places: int, locale: str) -> tuple[NumberPattern, Locale]:
    """Return the Babel pattern "#,##0.##…" for ``places`` and the locale, parsed once."""
    return parse_pattern("#,##0" + ("." + "#" * places if places else "")), Locale.parse(locale)


def format_percent(
    value: Decimal | int | float | str, places: int = 1, locale: str = LOCALE
) -> str:
    """Return a percentage written as documents write it: the number, then ``%`` with no space.

    >>> format_percent(100)
    '100%'
    >>> format_percent(Decimal("99.1"))
    '99,1%'
    """
    return f"{format_number(value, places, locale)}%"


def pad_count(value: int) -> str:
    """Return a small count with the leading zero documents use below ten.

    >>> pad_count(7)
    '07'
    >>> pad_count(12)
    '12'
    """
    return f"{value:02d}"

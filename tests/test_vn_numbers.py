"""Vietnamese numbers: the parsed Babel pattern gives what babel.numbers.format_decimal gives."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

import pytest
from babel.numbers import format_decimal

from service.vn.numbers import format_number


@pytest.mark.parametrize("places", [0, 1, 2, 3])
def test_format_number_is_babels_format_decimal_in_vi(places):
    rng = random.Random(places)
    values = [Decimal(rng.randint(0, 10**12)) / 10 ** rng.randint(0, 6) for _ in range(2000)]
    values += [Decimal(0), Decimal("2.675"), Decimal("-3.5"), Decimal("0.005"), Decimal(10**15)]
    for value in values:
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP).normalize()
        pattern = "#,##0" + ("." + "#" * places if places else "")
        assert format_number(value, places) == format_decimal(rounded, pattern, locale="vi")

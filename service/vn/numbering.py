"""Numbering: Số/ký hiệu, Phụ lục III type abbreviations, Roman numerals, điểm letters."""

from __future__ import annotations

# Phụ lục III of ND30: administrative document types and their abbreviations. Công văn and Thư công
# have none: a công văn's ký hiệu starts with the issuing body.
TYPE_ABBREVIATIONS: dict[str, str] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
    "Bản sao y": "SY",
    "Bản trích sao": "TrS",
    "Bản sao lục": "SL",
}
UNABBREVIATED_TYPES = frozenset({"Công văn", "Thư công"})

# The Vietnamese alphabet as ND30 uses it for điểm: no f, j, w, z; đ after d.
POINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

DRAFT_NUMBER_BLANK = " " * 6


def type_abbreviation(type_name: str) -> str | None:
    """Return the Phụ lục III abbreviation of a document type; None for a công văn.

    >>> type_abbreviation("Quyết định")
    'QĐ'
    >>> type_abbreviation("Tờ trình")
    'TTr'
    >>> type_abbreviation("Công văn") is None
    True
    """
    if type_name in UNABBREVIATED_TYPES:
        return None
    try:
        return TYPE_ABBREVIATIONS[type_name]
    except KeyError:
        raise ValueError(f"loại văn bản không có trong Phụ lục III: {type_name!r}") from None


def symbol(type_name: str, issuer_code: str, unit_code: str | None = None) -> str:
    """Return the ký hiệu: type code then issuer code joined by '-' without spaces.

    >>> symbol("Quyết định", "UBND")
    'QĐ-UBND'
    >>> symbol("Công văn", "UBND", "KGVX")
    'UBND-KGVX'
    """
    abbreviation = type_abbreviation(type_name)
    parts = [abbreviation, issuer_code] if abbreviation else [issuer_code, unit_code]
    if any(not part for part in parts):
        raise ValueError("công văn cần mã đơn vị soạn thảo trong ký hiệu")
    return "-".join(parts)


def number_text(number: int | None) -> str:
    """Return a document number, zero-padded below ten; blank for a draft.

    >>> number_text(5)
    '05'
    >>> number_text(2113)
    '2113'
    >>> number_text(None)
    '      '
    """
    return DRAFT_NUMBER_BLANK if number is None else f"{number:02d}"


def number_line(number: int | None, symbol_text: str) -> str:
    """Return the ô 3 line.

    >>> number_line(5, "QĐ-UBND")
    'Số: 05/QĐ-UBND'
    >>> number_line(None, "TB-BCĐ")
    'Số:      /TB-BCĐ'
    """
    if number is None:
        return f"Số:{DRAFT_NUMBER_BLANK}/{symbol_text}"
    return f"Số: {number_text(number)}/{symbol_text}"


def reference(number: int | None, symbol_text: str) -> str:
    """Return number/ký hiệu as cited in text ('2113/QĐ-UBND'); a draft leaves dots.

    >>> reference(2113, "QĐ-UBND")
    '2113/QĐ-UBND'
    >>> reference(None, "QĐ-UBND")
    '…/QĐ-UBND'
    """
    return f"{'…' if number is None else number_text(number)}/{symbol_text}"


def point_letter(index: int) -> str:
    """Return the điểm letter for a 0-based index, from the Vietnamese alphabet.

    >>> [point_letter(i) for i in range(6)]
    ['a', 'b', 'c', 'd', 'đ', 'e']
    """
    if not 0 <= index < len(POINT_LETTERS):
        raise ValueError(f"chỉ có {len(POINT_LETTERS)} điểm a) … y) trong một khoản")
    return POINT_LETTERS[index]


def roman(value: int) -> str:
    """Return ``value`` in Roman numerals (Phần, Chương, Phụ lục, mục I., II.).

    >>> [roman(n) for n in (1, 2, 4, 9, 14, 40)]
    ['I', 'II', 'IV', 'IX', 'XIV', 'XL']
    """
    if not 0 < value < 4000:
        raise ValueError("Roman numerals run from 1 to 3999")
    table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for amount, letters in table:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)

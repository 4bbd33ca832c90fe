"""Text hygiene: NFC normalisation, XML-illegal characters, Vietnamese upper-casing."""

from __future__ import annotations

import re
import unicodedata

# Characters XML 1.0 forbids (C0 controls except tab, newline, carriage return; lone surrogates;
# U+FFFE/U+FFFF). They cannot appear in DOCX or HTML and are dropped at the boundary.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0]+")


def nfc(text: str) -> str:
    r"""Return ``text`` in Unicode NFC (precomposed), the form TCVN 6909 fonts render well.

    >>> nfc("Vie\u0323\u0302t Nam") == "Việt Nam"
    True
    """
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    r"""Return ``text`` as NFC with XML-illegal control characters removed and CRLF folded.

    >>> clean_text("A\x00B\x1bC\r\nD")
    'ABC\nD'
    >>> clean_text("{{ x }} & <b>")
    '{{ x }} & <b>'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_ILLEGAL.sub("", nfc(text))


def squash_spaces(text: str) -> str:
    """Return ``text`` with runs of spaces collapsed and the ends stripped.

    >>> squash_spaces("  Sở   Nội vụ ")
    'Sở Nội vụ'
    >>> squash_spaces("Sở\xa0Nội\tvụ")
    'Sở Nội vụ'
    """
    if "  " not in text and "\t" not in text and "\xa0" not in text:
        # Every run is then one plain space, replaced by itself: most texts, 20 times faster.
        return text.strip()
    return _SPACES.sub(" ", text).strip()


def upper(text: str) -> str:
    """Return ``text`` in upper case, keeping the Vietnamese letters precomposed.

    >>> upper("ủy ban nhân dân tỉnh bắc giang")
    'ỦY BAN NHÂN DÂN TỈNH BẮC GIANG'
    >>> upper("đ")
    'Đ'
    """
    return nfc(nfc(text).upper())


def capitalize_first(text: str) -> str:
    """Return ``text`` with its first letter upper-cased and the rest untouched.

    >>> capitalize_first("về việc phê duyệt")
    'Về việc phê duyệt'
    """
    return text[:1].upper() + text[1:] if text else text


def ascii_slug(text: str) -> str:
    """Return an ASCII file-name slug of Vietnamese text.

    >>> ascii_slug("Quyết định 2113/QĐ-UBND")
    'quyet-dinh-2113-qd-ubnd'
    """
    stripped = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = stripped.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


# What the signing column holds in 14 pt bold capitals (DOCX and PDF alike), with some room.
TITLE_WIDTH = 26
# Where a long title breaks best: between the office and the body ("GIÁM ĐỐC" | "SỞ …").
_BODY_WORDS = ("SỞ", "UBND", "ỦY", "HĐND", "BAN", "CỤC", "CHI", "PHÒNG", "VĂN", "TRUNG", "BỘ")


def title_lines(title: str, width: int = TITLE_WIDTH) -> tuple[str, ...]:
    """Return a signing title as the lines it prints on, never one word alone on a line.

    Left to the word processor, "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ" ends with "NGHỆ" alone; the
    renderers break where this says, inside the same paragraph.

    >>> title_lines("GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    ('GIÁM ĐỐC', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ')
    >>> title_lines("PHÓ CHỦ TỊCH")
    ('PHÓ CHỦ TỊCH',)
    >>> title_lines("TRƯỞNG ĐOÀN KIỂM TRA LIÊN NGÀNH CẤP TỈNH")
    ('TRƯỞNG ĐOÀN KIỂM TRA', 'LIÊN NGÀNH CẤP TỈNH')
    """
    words = title.split()
    if len(title) <= width or len(words) < 4:
        return (title,)
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(2, len(words) - 1)]
    fitting = [pair for pair in splits if max(map(len, pair)) <= width]
    at_body = [pair for pair in fitting if pair[1].split()[0] in _BODY_WORDS]
    if at_body:
        return at_body[0]
    if fitting:  # the most even split that fits
        return min(fitting, key=lambda pair: abs(len(pair[0]) - len(pair[1])))
    head, rest = min(splits, key=lambda pair: max(map(len, pair)))
    return (head, *title_lines(rest, width))

"""Python's JSON parser explains itself in English ("Expecting value"); say it in Vietnamese."""

from __future__ import annotations

import json

MESSAGES = {
    "Expecting value": "thiếu giá trị (hoặc có ký tự không thuộc JSON)",
    "Expecting property name enclosed in double quotes": (
        "tên trường phải đặt trong dấu ngoặc kép (hoặc thừa dấu phẩy trước “}”)"
    ),
    "Expecting ':' delimiter": "thiếu dấu hai chấm “:” sau tên trường",
    "Expecting ',' delimiter": "thiếu dấu phẩy “,” giữa hai phần tử",
    "Unterminated string starting at": "chuỗi chưa có dấu ngoặc kép đóng",
    "Invalid control character at": "có ký tự điều khiển trong chuỗi",
    "Invalid \\escape": "ký tự thoát “\\” không hợp lệ",
    "Invalid \\uXXXX escape": "mã “\\uXXXX” không hợp lệ",
    "Extra data": "thừa dữ liệu sau khi JSON đã kết thúc",
    "Illegal trailing comma before end of object": "thừa dấu phẩy trước “}”",
    "Illegal trailing comma before end of array": "thừa dấu phẩy trước “]”",
}


def describe(error: json.JSONDecodeError) -> str:
    """Return where and why ``error`` happened, in Vietnamese.

    >>> try:
    ...     json.loads('{"kind": }')
    ... except json.JSONDecodeError as error:
    ...     describe(error)
    'dòng 1, cột 10: thiếu giá trị (hoặc có ký tự không thuộc JSON)'
    """
    return f"dòng {error.lineno}, cột {error.colno}: {reason(error)}"


def reason(error: json.JSONDecodeError) -> str:
    """Return why ``error`` happened, in Vietnamese."""
    return next(
        (vi for en, vi in MESSAGES.items() if error.msg.startswith(en)), "cú pháp không hợp lệ"
    )

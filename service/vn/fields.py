"""Field paths as a clerk reads them: "groups.0.agencies.3.score" → "Nhóm 1 › Cơ quan 4 (Sở Y tế)
› Tổng điểm". Counted from 1, named in Vietnamese, with the name of the agency or group when the
input gives one. The web form says the same (service/web/static/labels.js)."""

from __future__ import annotations

from typing import Any

# A list's items: "Nhóm 1", "Cơ quan 4", "Điều 2".
ITEMS = {
    "groups": "Nhóm",
    "agencies": "Cơ quan",
    "articles": "Điều",
    "clauses": "Khoản",
    "points": "Điểm",
    "items": "Nơi nhận",
    "citations": "Căn cứ",
    "sections": "Mục",
    "paragraphs": "Đoạn",
    "bullets": "Ý",
    "appendices": "Phụ lục",
    "objectives": "Mục tiêu",
    "criteria": "Tiêu chí",
    "chain": "Thẩm quyền ký",
    "extra_titles": "Chức danh khác",
    "name": "Dòng",
    "units": "Đơn vị lưu",
    "rows": "Dòng",
    "columns": "Cột",
    "members": "Thành viên",
    "schedule": "Lịch",
}
FIELDS = {
    "kind": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "name": "Tên",
    "code": "Chữ viết tắt tên cơ quan",
    "place": "Địa danh",
    "parent": "Cơ quan chủ quản",
    "number": "Số",
    "date": "Ngày ban hành",
    "authority": "Thẩm quyền ban hành",
    "summary": "Trích yếu",
    "citations": "Căn cứ",
    "proposal": "Theo đề nghị của",
    "recipients": "Nơi nhận",
    "archive": "Lưu",
    "signature": "Người ký",
    "title": "Chức vụ",
    "level_scheme": "Thang xếp loại",
    "year": "Năm chấm điểm",
    "groups": "Nhóm cơ quan",
    "score": "Tổng điểm",
    "text": "Nội dung",
    "attached": "Văn bản kèm theo",
    "": "Toàn văn bản",
}


def readable_path(path: str, payload: Any = None) -> str:
    """Return a field path as a clerk reads it.

    >>> data = {"groups": [{"name": "Cấp tỉnh", "agencies": [{"name": "Sở Y tế"}]}]}
    >>> readable_path("groups.0.agencies.0.score", data)
    'Nhóm 1 (Cấp tỉnh) › Cơ quan 1 (Sở Y tế) › Tổng điểm'
    >>> readable_path("signature.title")
    'Người ký › Chức vụ'
    >>> readable_path("")
    'Toàn văn bản'
    """
    parts = path.split(".") if path else [""]
    names, node, index = [], payload, 0
    while index < len(parts):
        key = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else None
        child = node.get(key) if isinstance(node, dict) else None
        if following is not None and following.isdigit():
            number = int(following)
            item = child[number] if isinstance(child, list) and number < len(child) else None
            name = item.get("name") if isinstance(item, dict) else None
            label = f"{ITEMS.get(key, FIELDS.get(key, key))} {number + 1}"
            names.append(f"{label} ({name})" if isinstance(name, str) and name else label)
            node, index = item, index + 2
        else:
            names.append(FIELDS.get(key, key))
            node, index = child, index + 1
    return " › ".join(names)

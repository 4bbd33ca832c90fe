"""Write a ready-to-edit site folder: empty data files to fill, the packaged defaults beside them."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

from ..render import PACKAGED, SHARED_DOCX

DEFAULTS = "mac-dinh"  # the packaged data and templates, exported for reading and copying
STARTERS = {
    "registry/dia-phuong.json": {
        "about": "Văn bản pháp lý của địa phương (hoặc trung ương còn thiếu). Mẫu mục: xem "
        "mac-dinh/registry.json; mã văn bản địa phương có dạng 'tinh:số/ký hiệu'.",
        "documents": [],
    },
    "bodies/co-quan.json": {
        "about": "Cơ quan, đơn vị trên địa bàn và thời gian tồn tại (since, until, replaced_by). "
        "Mẫu mục: xem mac-dinh/bodies.json.",
        "bodies": [],
        "provinces": [],
    },
    "level-schemes/thang-xep-loai.json": {
        "about": "Thang xếp loại kết quả (mức và điểm tối thiểu, từ cao xuống thấp). Mẫu: xem "
        "mac-dinh/level-schemes.json.",
        "schemes": [],
    },
}
README = """# Thư mục site của đơn vị

vanban đọc thư mục này khi được chỉ bằng `--site THƯ_MỤC` hoặc biến môi trường `VANBAN_SITE_DIR`.
Dữ liệu ở đây được đặt chồng lên dữ liệu có sẵn của vanban: mục có cùng mã (`id`) thay mục có sẵn,
mục mới được thêm vào.

| thư mục | nội dung |
|---|---|
| `registry/*.json` | văn bản pháp lý để trích dẫn ở phần căn cứ: số, ngày ban hành, trích yếu, ngày có hiệu lực và hết hiệu lực, văn bản thay thế (`replaced_by`), nguồn (`source`); điều gì chưa xác nhận thì ghi `"confidence": "unconfirmed"` và giải thích trong `note` |
| `bodies/*.json` | cơ quan, đơn vị trên địa bàn: ngày thành lập (`since`), ngày cuối cùng tồn tại (`until`), cơ quan kế thừa (`replaced_by`); văn bản ghi ngày sau `until` mà còn nêu tên cơ quan đó sẽ bị từ chối |
| `level-schemes/*.json` | thang xếp loại (mức và điểm tối thiểu) cho quyết định xếp hạng |
| `templates/<loại>.docx` | mẫu Word của đơn vị cho một loại văn bản (hoặc `templates/document.docx` cho mọi loại) |
| `templates/<loại>.html` | (không bắt buộc) mẫu HTML cho bản xem trước và PDF |

Thư mục `mac-dinh/` chứa dữ liệu và mẫu có sẵn của vanban để tham khảo và sao chép; vanban không đọc
thư mục này.

Sửa mẫu Word: chép `mac-dinh/document.docx` thành `templates/<loại>.docx` (ví dụ
`templates/ranking-decision.docx`), mở bằng Word hoặc LibreOffice, sửa định dạng (cỡ chữ, lề, ...)
nhưng giữ nguyên các thẻ `{{ ... }}` và `{% ... %}`. Khi chỉ có mẫu Word riêng, tệp DOCX theo mẫu của
đơn vị; bản xem trước trên trang web và tệp PDF vẫn theo bố cục chuẩn của vanban, trừ khi có thêm
`templates/<loại>.html`.

Sau mỗi lần sửa, kiểm tra:

    vanban site check THƯ_MỤC

Lệnh liệt kê mọi lỗi với tệp, mục và trường (trùng mã, văn bản thay thế không có trong danh mục, ngày
hết hiệu lực trước ngày có hiệu lực, thẻ mẫu sai cú pháp, biến mà loại văn bản không có). Máy chủ
không khởi động với thư mục site có lỗi. Loại văn bản: ranking-decision, decision,
quality-objectives-decision, conclusion-notice, inspection-plan.
"""


def init_site(target: Path) -> list[Path]:
    """Write the site folder at ``target``; return the files written."""
    written = []
    for name, content in STARTERS.items():
        written.append(_write(target / name, json.dumps(content, ensure_ascii=False, indent=2)))
    (target / "templates").mkdir(parents=True, exist_ok=True)
    written.append(_write(target / "README.md", README))
    for package, name in (
        ("service.legal", "registry.json"),
        ("service.directory", "bodies.json"),
        ("service", "data/level-schemes.json"),
    ):
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
        written.append(_write(target / DEFAULTS / Path(name).name, text))
    for path in sorted(PACKAGED.iterdir()):
        if path.suffix in (".docx", ".html", ".css"):
            written.append(target / DEFAULTS / path.name)
            shutil.copyfile(path, written[-1])
    return written


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
    return path


__all__ = ["DEFAULTS", "SHARED_DOCX", "init_site"]

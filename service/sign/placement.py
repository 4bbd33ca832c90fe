"""Where ND30 Phụ lục I puts each signature, computed from the laid-out signing block (pure).

- signer (ô 7c, PL I, I.II.7.d): the person's signature image, centred between the chức vụ line
  and the họ tên line;
- body (ô 8, PL I, I.II.8.a): the seal at its real size, covering about a third of the signer's
  image on its left side;
- attachment in a separate file (I.II.8.b) and electronic copy (Phần II, mục I, ô 14): no image,
  a 10 pt text block at the top right of the first page.

Rules as summarised in docs/nd30-signatures.md (copied from the shared research notes).
"""

from __future__ import annotations

from dataclasses import dataclass

from service.render.positions import Positions, Rect

MM = 72 / 25.4  # PDF points per millimetre
ROLES = ("signer", "body", "attachment", "copy")
FIELD_NAMES = {
    "signer": "NguoiKy",
    "body": "CoQuanBanHanh",
    "attachment": "VanBanKemTheo",
    "copy": "BanSaoDienTu",
}
ROLE_TITLES = {
    "signer": "chữ ký của người có thẩm quyền",
    "body": "chữ ký của cơ quan, tổ chức",
    "attachment": "chữ ký của cơ quan trên văn bản kèm theo",
    "copy": "chữ ký của cơ quan trên bản sao điện tử",
}
DEFAULT_SEAL_MM = 36.0  # a common round seal; the body's real size is a setting (VANBAN_SEAL_MM)
SIGNER_ASPECT = 2.0  # width : height of the signer's image box
GAP_PADDING = 2.0  # points kept clear above the name line and below the title line
SEAL_COVER = 1 / 3  # share of the signer's image the seal covers (PL I: "khoảng 1/3")
TOLERANCE = 3.0  # points a placed signature may differ from the computed place
CORNER_WIDTH = 220.0  # points: room for "05/QĐ-UBND" and an ISO 8601 time at 10 pt


@dataclass(frozen=True)
class Finding:
    """One placement rule a signature breaks."""

    rule: str
    message: str


def signer_rect(at: Positions) -> Rect:
    """Return the box of the signer's image: centred between the chức vụ and họ tên lines."""
    top = at.title.y0 if at.title.page == at.name.page else at.name.y1 + 24 * MM
    bottom = at.name.y1
    height = max(top - bottom - 2 * GAP_PADDING, 10 * MM)
    width = min(SIGNER_ASPECT * height, at.block.width)
    centre_x, centre_y = at.block.centre_x, (top + bottom) / 2
    return Rect(
        at.name.page,
        centre_x - width / 2,
        centre_y - height / 2,
        centre_x + width / 2,
        centre_y + height / 2,
    )


def seal_rect(at: Positions, seal_mm: float = DEFAULT_SEAL_MM) -> Rect:
    """Return the box of the seal: real size, over the left third of the signer's image."""
    signer = signer_rect(at)
    size = seal_mm * MM
    right = signer.x0 + signer.width * SEAL_COVER
    centre_y = (signer.y0 + signer.y1) / 2
    return Rect(signer.page, right - size, centre_y - size / 2, right, centre_y + size / 2)


def corner_rect(top_right: Rect) -> Rect:
    """Return the box of the attachment/copy text: top right of the first page, in the margin."""
    return Rect(
        0,
        max(top_right.x0, top_right.x1 - CORNER_WIDTH),
        top_right.y0 + 1 * MM,
        top_right.x1,
        top_right.y1 - 3 * MM,
    )


def corner_of_page(width: float, height: float) -> Rect:
    """Return the top-right margin of a page not made by vanban (ND30 margins: 20 mm, 15 mm)."""
    return Rect(0, width / 2, height - 20 * MM, width - 15 * MM, height)


def expected_rect(role: str, at: Positions, seal_mm: float = DEFAULT_SEAL_MM) -> Rect:
    """Return where the signature of ``role`` belongs."""
    if role == "signer":
        return signer_rect(at)
    if role == "body":
        return seal_rect(at, seal_mm)
    return corner_rect(at.top_right)


def check(
    role: str, placed: Rect, at: Positions, seal_mm: float = DEFAULT_SEAL_MM
) -> list[Finding]:
    """Return the placement rules the signature of ``role`` at ``placed`` breaks."""
    if role in ("attachment", "copy"):
        return _check_corner(placed, at.top_right)
    want = expected_rect(role, at, seal_mm)
    if placed.page != want.page:
        return [
            Finding(
                "placement.page",
                f"{ROLE_TITLES[role].capitalize()} nằm ở trang {placed.page + 1}, "
                f"không ở trang có khối chữ ký (trang {want.page + 1}).",
            )
        ]
    return _check_signer(placed, at) if role == "signer" else _check_seal(placed, at)


def _check_signer(placed: Rect, at: Positions) -> list[Finding]:
    """The signer's image: centred on the signing column, between the title and the name."""
    top = at.title.y0 if at.title.page == at.name.page else at.name.y1 + 24 * MM
    off_centre = abs(placed.centre_x - at.block.centre_x)
    off_middle = abs(_middle(placed) - (top + at.name.y1) / 2)
    if off_centre <= TOLERANCE and off_middle <= TOLERANCE:
        return []
    return [
        Finding(
            "placement.signer",
            f"Hình chữ ký của người ký lệch {max(off_centre, off_middle) / MM:.1f} mm: phải ở "
            "chính giữa, giữa dòng chức vụ và dòng họ tên (Phụ lục I, mục 7d).",
        )
    ]


def _check_seal(placed: Rect, at: Positions) -> list[Finding]:
    """The seal: square, over the left third of the signer's image, centred on its height."""
    signer = signer_rect(at)
    off_cover = abs(placed.x1 - (signer.x0 + signer.width * SEAL_COVER))
    off_middle = abs(_middle(placed) - _middle(signer))
    off_square = abs(placed.width - placed.height)
    if max(off_cover, off_middle, off_square) <= TOLERANCE:
        return []
    return [
        Finding(
            "placement.body",
            f"Hình con dấu lệch {max(off_cover, off_middle) / MM:.1f} mm: phải trùm lên khoảng "
            "1/3 hình chữ ký của người ký về phía bên trái, đúng kích thước thật "
            "(Phụ lục I, mục 8a).",
        )
    ]


def _middle(rect: Rect) -> float:
    return (rect.y0 + rect.y1) / 2


def _check_corner(placed: Rect, top_right: Rect) -> list[Finding]:
    """Return a finding when an attachment/copy signature is not at the first page's top right."""
    inside = (
        placed.page == 0
        and placed.x0 >= top_right.x0 - TOLERANCE
        and placed.x1 <= top_right.x1 + TOLERANCE
        and placed.y0 >= top_right.y0 - TOLERANCE
        and placed.y1 <= top_right.y1 + TOLERANCE
    )
    if inside:
        return []
    return [
        Finding(
            "placement.corner",
            "Chữ ký của cơ quan trên văn bản kèm theo hoặc bản sao phải ở góc trên, bên phải "
            "trang đầu.",
        )
    ]

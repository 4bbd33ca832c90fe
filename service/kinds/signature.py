"""The signature block (ô 7) and the ND30 rules on signing authority (TM., KT., TL., TUQ., Q.)."""

from __future__ import annotations

from ..errors import InvalidInput
from ..model import MARK, Signature
from ..vn.text import upper
from .inputs import SignatureInput

AUTHORITIES = ("TM", "KT", "TL", "TUQ", "Q")
# Deputy titles that are not "PHÓ " + the head's title.
DEPUTY_EXCEPTIONS = {"BỘ TRƯỞNG": "THỨ TRƯỞNG"}


def is_deputy_of(title: str, head: str) -> bool:
    """Return True when ``title`` is a deputy of ``head`` (PHÓ CHỦ TỊCH of CHỦ TỊCH).

    >>> is_deputy_of("PHÓ CHỦ TỊCH", "CHỦ TỊCH")
    True
    >>> is_deputy_of("PHÓ VỤ TRƯỞNG", "VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG HỌC")
    True
    >>> is_deputy_of("THỨ TRƯỞNG", "BỘ TRƯỞNG")
    True
    >>> is_deputy_of("CHÁNH VĂN PHÒNG", "CHỦ TỊCH")
    False
    """
    for head_title, deputy in DEPUTY_EXCEPTIONS.items():
        if head.startswith(head_title) and title.startswith(deputy):
            return True
    if not title.startswith("PHÓ "):
        return False
    base = title[4:]
    return head.startswith(base) or base.startswith(head)


def _chain_errors(sig: SignatureInput) -> dict[str, list[str]]:
    """Return the rule violations of the authority chain, keyed by field path."""
    errors: dict[str, list[str]] = {}

    def add(path: str, message: str) -> None:
        errors.setdefault(f"signature.{path}", []).append(message)

    kinds = [link.authority for link in sig.chain]
    for index, link in enumerate(sig.chain):
        where = f"chain.{index}.authority"
        if kinds.count(link.authority) > 1 and kinds.index(link.authority) != index:
            add(where, f"'{link.authority}.' chỉ được dùng một lần trong một khối chữ ký.")
        if link.authority == "TM" and index != 0:
            add(where, "'TM.' (thay mặt tập thể) phải đứng đầu khối chữ ký.")
        if link.authority in ("KT", "Q") and index != len(sig.chain) - 1:
            add(
                where,
                f"'{link.authority}.' phải là quyền hạn cuối cùng, ngay trên chức vụ của người ký.",
            )
        if link.authority == "TL" and any(k in ("TM", "TUQ") for k in kinds[index + 1 :]):
            add(where, "Sau 'TL.' chỉ có thể là 'KT.' của người đứng đầu đơn vị.")
        if link.authority == "TUQ" and index != len(sig.chain) - 1:
            add(where, "Việc ký thừa ủy quyền không được ủy quyền lại: 'TUQ.' phải đứng cuối.")
    last = sig.chain[-1] if sig.chain else None
    if last and last.authority == "Q":
        if sig.title:
            add("title", "Người ký 'Q.' (quyền) dùng chức danh ở dòng 'Q. …'; bỏ trống chức vụ.")
    elif not sig.title:
        add("title", "Thiếu chức vụ của người ký.")
    if (
        last
        and last.authority == "KT"
        and sig.title
        and MARK not in sig.title  # a preview's title not yet typed
        and not is_deputy_of(upper(sig.title), upper(last.of))
    ):
        add(
            "title",
            f"Ký thay (KT.) {upper(last.of)} thì người ký phải là cấp phó của chức danh "
            f"đó (ví dụ PHÓ {upper(last.of)}), không phải {upper(sig.title)}.",
        )
    return errors


def compose_signature(sig: SignatureInput) -> Signature:
    """Return the signature block, or raise InvalidInput naming the broken rule."""
    errors = _chain_errors(sig)
    if errors:
        raise InvalidInput("Khối chữ ký không đúng quy định tại Nghị định 30/2020/NĐ-CP.", errors)
    lines = [f"{link.authority}. {upper(link.of)}" for link in sig.chain]
    if sig.title:
        lines.append(upper(sig.title))
    lines += [upper(title) for title in sig.extra_titles]
    return Signature(lines=tuple(lines), name=sig.name)


def issuing_head(sig: SignatureInput) -> str:
    """Return whom the document is issued by: the collective after TM., else the head's title."""
    if sig.chain:
        return upper(sig.chain[0].of)
    return upper(sig.title or "")

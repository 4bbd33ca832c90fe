"""Signature blocks: the ND30 authority chain and its rules."""

from __future__ import annotations

import pytest

from service.errors import InvalidInput
from service.kinds.inputs import ChainLink, SignatureInput
from service.kinds.signature import compose_signature, issuing_head


def sig(chain, title, extra=()):
    """Return a signature input from (authority, of) pairs."""
    return SignatureInput(
        tuple(ChainLink(a, o) for a, o in chain), title, "Nguyễn Văn A", tuple(extra)
    )


@pytest.mark.parametrize(
    ("signature", "lines"),
    [
        (sig([("KT", "Chủ tịch")], "Phó Chủ tịch"), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
        (sig([("TM", "Ủy ban nhân dân")], "Chủ tịch"), ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        (
            sig([("TM", "Ủy ban nhân dân"), ("KT", "Chủ tịch")], "Phó Chủ tịch"),
            ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ),
        (
            sig([("TL", "Bộ trưởng"), ("KT", "Vụ trưởng Vụ Giáo dục Trung học")], "Phó Vụ trưởng"),
            ("TL. BỘ TRƯỞNG", "KT. VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG HỌC", "PHÓ VỤ TRƯỞNG"),
        ),
        (sig([("KT", "Bộ trưởng")], "Thứ trưởng"), ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG")),
        (sig([("TUQ", "Giám đốc")], "Chánh Văn phòng"), ("TUQ. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG")),
        (sig([("Q", "Giám đốc")], None), ("Q. GIÁM ĐỐC",)),
        (sig([], "Giám đốc"), ("GIÁM ĐỐC",)),
        (
            sig(
                [("TM", "Ban Chỉ đạo"), ("KT", "Trưởng ban")],
                "Phó Trưởng ban",
                ["Giám đốc Sở Khoa học và Công nghệ"],
            ),
            (
                "TM. BAN CHỈ ĐẠO",
                "KT. TRƯỞNG BAN",
                "PHÓ TRƯỞNG BAN",
                "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            ),
        ),
    ],
)
def test_valid_chains_print_upper_case_lines(signature, lines):
    block = compose_signature(signature)
    assert block.lines == lines
    assert block.name == "Nguyễn Văn A"


@pytest.mark.parametrize(
    ("signature", "path", "fragment"),
    [
        (sig([("KT", "Chủ tịch")], "Chánh Văn phòng"), "signature.title", "cấp phó"),
        (
            sig([("KT", "Chủ tịch"), ("TL", "Bộ trưởng")], "Vụ trưởng"),
            "signature.chain.0.authority",
            "cuối cùng",
        ),
        (
            sig([("KT", "Chủ tịch"), ("TM", "Ủy ban nhân dân")], "Phó Chủ tịch"),
            "signature.chain.1.authority",
            "đứng đầu",
        ),
        (
            sig([("TUQ", "Giám đốc"), ("KT", "Chánh Văn phòng")], "Phó Chánh Văn phòng"),
            "signature.chain.0.authority",
            "không được ủy quyền lại",
        ),
        (sig([("Q", "Giám đốc")], "Phó Giám đốc"), "signature.title", "Q."),
        (sig([("TM", "Ủy ban nhân dân")], None), "signature.title", "Thiếu chức vụ"),
        (
            sig([("KT", "Chủ tịch"), ("KT", "Chủ tịch")], "Phó Chủ tịch"),
            "signature.chain.1.authority",
            "một lần",
        ),
    ],
)
def test_broken_chains_are_refused_with_the_field_named(signature, path, fragment):
    with pytest.raises(InvalidInput) as caught:
        compose_signature(signature)
    assert path in caught.value.errors
    assert any(fragment in message for message in caught.value.errors[path])


def test_issuing_head_is_the_collective_after_tm():
    assert issuing_head(sig([("TM", "Ủy ban nhân dân")], "Chủ tịch")) == "ỦY BAN NHÂN DÂN"
    assert issuing_head(sig([("KT", "Chủ tịch")], "Phó Chủ tịch")) == "CHỦ TỊCH"

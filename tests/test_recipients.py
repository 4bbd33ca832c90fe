"""Nơi nhận: marks, punctuation, groups, 'Như Điều N', the Lưu line last."""

from __future__ import annotations

import pytest

from service.errors import InvalidInput
from service.kinds.inputs import (
    Archive,
    LikeArticle,
    RecipientGroup,
    RecipientItem,
    RecipientsInput,
)
from service.kinds.recipients import compose_recipients


def printed(lines):
    """Return the lines as printed, with their marks."""
    return [f"{line.bullet} {line.text}" for line in lines]


def test_seed_000_list_with_the_archive_inside_the_last_group():
    data = RecipientsInput(
        items=(
            LikeArticle(None),
            RecipientItem("Chủ tịch, các PCT UBND tỉnh"),
            RecipientGroup("VP UBND tỉnh", (RecipientItem("LĐVP, TH, TTTT"),)),
        ),
        archive=Archive(("VT", "KGVX"), "Dũng", in_last_group=True),
    )
    assert printed(compose_recipients(data, article_count=3, implementers=3)) == [
        "- Như Điều 3;",
        "- Chủ tịch, các PCT UBND tỉnh;",
        "- VP UBND tỉnh:",
        "+ LĐVP, TH, TTTT;",
        "+ Lưu: VT, KGVX.Dũng.",
    ]


def test_annotations_typed_punctuation_and_top_level_archive():
    data = RecipientsInput(
        items=(
            RecipientItem("Đ/c Mai Sơn PCT TT UBND tỉnh", "b/c"),
            RecipientItem("Thành viên BCĐ ISO tỉnh;"),
            RecipientItem("Lãnh đạo Sở."),
        ),
        archive=Archive(("TĐC",)),
    )
    assert printed(compose_recipients(data, 0, None)) == [
        "- Đ/c Mai Sơn PCT TT UBND tỉnh (b/c);",
        "- Thành viên BCĐ ISO tỉnh;",
        "- Lãnh đạo Sở;",
        "- Lưu: VT, TĐC.",
    ]


@pytest.mark.parametrize(
    ("item", "count", "implementers", "fragment"),
    [
        (LikeArticle(4), 3, 3, "Như Điều 4"),
        (LikeArticle(1), 0, None, "không có điều nào"),
        (LikeArticle(None), 3, None, "implementers"),
    ],
)
def test_like_article_pointing_nowhere_is_refused(item, count, implementers, fragment):
    data = RecipientsInput(items=(RecipientItem("A"), item), archive=Archive(("VT",)))
    with pytest.raises(InvalidInput) as caught:
        compose_recipients(data, count, implementers)
    assert any(fragment in m for m in caught.value.errors["recipients.items.1"])


def test_archive_in_a_group_needs_a_group_last():
    data = RecipientsInput(
        items=(RecipientItem("A"),), archive=Archive(("VT",), in_last_group=True)
    )
    with pytest.raises(InvalidInput) as caught:
        compose_recipients(data, 1, 1)
    assert "recipients.archive.in_last_group" in caught.value.errors

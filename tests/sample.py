"""A hand-built Document for renderer tests, independent of any compose step."""

from __future__ import annotations

from datetime import date

from service.model import (
    Appendix,
    Block,
    Cell,
    Column,
    Document,
    Header,
    Meta,
    RecipientLine,
    Run,
    Signature,
    Table,
)

HOSTILE = "A & B <c> \"q\" 'a' {{ x }} {% if 1 %}y{% endif %} {#c#} {_{"


def article(number: int, text: str) -> Block:
    """Return an article block."""
    return Block("article", (Run(f"Điều {number}. ", bold=True), Run(text)))


def ranking_table(rows: list[tuple[str, str, str, str]]) -> Table:
    """Return a four-column ranking table."""
    center = "center"
    return Table(
        columns=(Column(20, center), Column(85, "left"), Column(25, center), Column(35, center)),
        header=((Cell("THỨ HẠNG", bold=True, align=center), Cell("TÊN CƠ QUAN", bold=True,
                 align=center), Cell("TỔNG ĐIỂM", bold=True, align=center),
                 Cell("MỨC ĐỘ", bold=True, align=center)),),
        rows=tuple(
            (Cell(r, align=center), Cell(n), Cell(s, align=center), Cell(lv, align=center))
            for r, n, s, lv in rows
        ),
    )


def sample_document(extra_text: str = "") -> Document:
    """Return a two-appendix decision shaped like seed 000; ``extra_text`` lands in Điều 2."""
    attribution = "(Kèm theo Quyết định số 2113/QĐ-UBND ngày 31/12/2023 của Chủ tịch UBND tỉnh)"
    return Document(
        meta=Meta(kind="ranking-decision", title="Quyết định 2113/QĐ-UBND",
                  issued=date(2023, 12, 31), year=2023,
                  file_stem="quyet-dinh-2113-qd-ubnd-2023-12-31",
                  issuer_name="Ủy ban nhân dân tỉnh Bắc Giang"),
        header=Header(parent=None, issuer=("ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"),
                      number_line="Số: 2113/QĐ-UBND",
                      place_date="Bắc Giang, ngày 31 tháng 12 năm 2023"),
        type_name="QUYẾT ĐỊNH",
        summary=("Về việc phê duyệt và công bố xếp hạng kết quả áp dụng ISO 9001 năm 2023",),
        authority="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
        bases=(
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
            "Theo đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số 87/TTr-KHCN "
            "ngày 29/12/2023.",
        ),
        enacting="QUYẾT ĐỊNH:",
        body=(
            article(1, "Phê duyệt và công bố xếp hạng (Có Phụ lục kèm theo)."),
            article(2, "Các cơ quan có trách nhiệm thực hiện. " + extra_text),
            Block("clause", (Run("1. Khoản một có "), Run("chữ nghiêng", italic=True), Run("."))),
            Block("point", (Run("a) Điểm a."),)),
            Block("point", (Run("đ) Điểm đ."),)),
            article(3, "Giám đốc sở, Thủ trưởng các cơ quan căn cứ Quyết định thi hành./."),
        ),
        recipients=(
            RecipientLine("Như Điều 3;"),
            RecipientLine("Chủ tịch, các PCT UBND tỉnh;"),
            RecipientLine("VP UBND tỉnh:"),
            RecipientLine("LĐVP, TH, TTTT;", level=1),
            RecipientLine("Lưu: VT, KGVX.Dũng.", level=1),
        ),
        signature=Signature(lines=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), name="Mai Sơn"),
        appendices=(
            Appendix(label="Phụ lục I", title="KẾT QUẢ XẾP HẠNG CỦA CÁC CƠ QUAN CẤP TỈNH NĂM 2023",
                     attribution=attribution,
                     table=ranking_table([("1", "Sở Khoa học và Công nghệ", "107", "Tốt"),
                                          ("2", "Sở Giáo dục và Đào tạo", "105", "Tốt"),
                                          ("", "Sở Xây dựng", "105", "Tốt"),
                                          ("3", "Sở Y tế", "101,5", "Tốt")])),
            Appendix(label="Phụ lục II", title="KẾT QUẢ XẾP HẠNG CỦA UBND CẤP HUYỆN NĂM 2023",
                     attribution=attribution,
                     table=ranking_table([("1", "Huyện Tân Yên", "103", "Tốt"),
                                          ("2", "Huyện Yên Thế", "82,5", "Tốt")])),
        ),
    )

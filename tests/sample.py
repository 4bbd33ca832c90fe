"""A hand-built Document for renderer tests, independent of any compose step."""

from __future__ import annotations

from dataclasses import replace
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
        header=(
            (
                Cell("THỨ HẠNG", bold=True, align=center),
                Cell("TÊN CƠ QUAN", bold=True, align=center),
                Cell("TỔNG ĐIỂM", bold=True, align=center),
                Cell("MỨC ĐỘ", bold=True, align=center),
            ),
        ),
        rows=tuple(
            (Cell(r, align=center), Cell(n), Cell(s, align=center), Cell(lv, align=center))
            for r, n, s, lv in rows
        ),
    )


def sample_document(extra_text: str = "") -> Document:
    """Return a two-appendix decision shaped like seed 000; ``extra_text`` lands in Điều 2."""
    attribution = "(Kèm theo Quyết định số 2113/QĐ-UBND ngày 31/12/2023 của Chủ tịch UBND tỉnh)"
    return Document(
        meta=Meta(
            kind="ranking-decision",
            title="Quyết định 2113/QĐ-UBND",
            issued=date(2023, 12, 31),
            year=2023,
            file_stem="quyet-dinh-2113-qd-ubnd-2023-12-31",
            issuer_name="Ủy ban nhân dân tỉnh Bắc Giang",
        ),
        header=Header(
            parent=None,
            issuer=("ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"),
            number_line="Số: 2113/QĐ-UBND",
            place_date="Bắc Giang, ngày 31 tháng 12 năm 2023",
        ),
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
            Appendix(
                label="Phụ lục I",
                title="KẾT QUẢ XẾP HẠNG CỦA CÁC CƠ QUAN CẤP TỈNH NĂM 2023",
                attribution=attribution,
                table=ranking_table(
                    [
                        ("1", "Sở Khoa học và Công nghệ", "107", "Tốt"),
                        ("2", "Sở Giáo dục và Đào tạo", "105", "Tốt"),
                        ("", "Sở Xây dựng", "105", "Tốt"),
                        ("3", "Sở Y tế", "101,5", "Tốt"),
                    ]
                ),
            ),
            Appendix(
                label="Phụ lục II",
                title="KẾT QUẢ XẾP HẠNG CỦA UBND CẤP HUYỆN NĂM 2023",
                attribution=attribution,
                table=ranking_table(
                    [("1", "Huyện Tân Yên", "103", "Tốt"), ("2", "Huyện Yên Thế", "82,5", "Tốt")]
                ),
            ),
        ),
    )


# ---- one sample per document kind and shape (seeds 001-004)

BAC_GIANG = ("ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG")
NOTES = (
    "Chỉ tiêu này dành cho khối huyện báo cáo.",
    "Chỉ tiêu về kinh tế số dành cho khối huyện báo cáo.",
    "Chỉ tiêu về xã hội số dành cho khối huyện báo cáo.",
)


def para(role: str, *texts: str | Run) -> Block:
    """Return a block of ``role`` from texts (plain runs) and runs."""
    return Block(role, tuple(Run(t) if isinstance(t, str) else t for t in texts))


def lines(*texts: str, level: int = 0) -> tuple[RecipientLine, ...]:
    """Return recipient lines of one level."""
    return tuple(RecipientLine(text, level=level) for text in texts)


def meta(kind: str, title: str, stem: str, issued: date | None = date(2023, 12, 25)) -> Meta:
    """Return the meta of a sample."""
    return Meta(
        kind=kind,
        title=title,
        issued=issued,
        year=2023,
        file_stem=stem,
        issuer_name="Ủy ban nhân dân tỉnh Bắc Giang",
    )


def sample_notice() -> Document:
    """Return a Thông báo kết luận shaped like seed 001: no authority, căn cứ or enacting line."""
    return Document(
        meta=meta("conclusion-notice", "Thông báo 05/TB-BCĐ", "thong-bao-05-tb-bcd-2023-12-25"),
        header=Header(
            parent="UBND TỈNH BẮC GIANG",
            issuer=("BAN CHỈ ĐẠO ISO",),
            number_line="Số: 05/TB-BCĐ",
            place_date="Bắc Giang, ngày 25 tháng 12 năm 2023",
        ),
        type_name="THÔNG BÁO",
        summary=("Kết luận Hội nghị họp Ban Chỉ đạo ISO tỉnh ngày 20/12/2023",),
        authority=None,
        bases=(),
        enacting=None,
        body=(
            para(
                "text",
                "Ngày 20/12/2023, Ban chỉ đạo ISO tỉnh tổ chức Hội nghị đánh giá “",
                Run("Kết quả hoạt động xây dựng, áp dụng HTQLCL", italic=True),
                "”. Phó Trưởng Ban chỉ đạo ISO tỉnh kết luận:",
            ),
            para("heading", "1. Các thành viên Ban chỉ đạo ISO tỉnh"),
            para("text", "Tiếp tục nâng cao vai trò, trách nhiệm của mỗi thành viên."),
            para("heading", "2. Sở Khoa học và Công nghệ - Cơ quan thường trực"),
            para(
                "text",
                "Ban chỉ đạo ISO tỉnh thông báo kết luận đến các cơ quan, đơn vị biết "
                "và thực hiện./.",
            ),
        ),
        recipients=(
            *lines("Thành viên BCĐ ISO tỉnh;", "UBND các huyện, thành phố;"),
            *lines("Lưu: VT, TĐC."),
        ),
        signature=Signature(
            lines=(
                "TM. BAN CHỈ ĐẠO",
                "KT. TRƯỞNG BAN",
                "PHÓ TRƯỞNG BAN",
                "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            ),
            name="Nguyễn Thanh Bình",
        ),
    )


def statistics_form() -> Table:
    """Return seed 003's 16-column form: a three-level merged header and a row of (1) … (16)."""

    def head(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
        return Cell(text, colspan, rowspan, bold=True, align="center")

    level3 = (
        "Số mới tiếp nhận trực tuyến",
        "Số kỳ trước chuyển qua",
        "Tiếp nhận trực tiếp",
        "Qua dịch vụ BCCI",
        "Tổng số",
        "Trả đúng thời hạn",
        "Trả quá hạn",
        "Tổng số",
        "Chưa đến hạn",
        "Quá hạn",
        "Yêu cầu bổ sung",
        "Trả lại",
    )
    empty = tuple(Cell("") for _ in range(14))
    return Table(
        columns=(Column(10, "center"), Column(37), *(Column(15, "center") for _ in range(14))),
        header=(
            (
                head("STT", rowspan=3),
                head("Lĩnh vực, công việc giải quyết theo cấp", rowspan=3),
                head("Số hồ sơ nhận giải quyết", 5),
                head("Kết quả giải quyết", 8),
                head("Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích", rowspan=3),
            ),
            (
                head("Tổng số", rowspan=2),
                head("Trong đó", 4),
                head("Số hồ sơ đã giải quyết", 3),
                head("Số hồ sơ đang giải quyết", 5),
            ),
            tuple(head(text) for text in level3),
            tuple(Cell(f"({n})", align="center") for n in range(1, 17)),
        ),
        rows=(
            (Cell("1", align="center"), Cell("Cấp tỉnh"), *empty),
            (Cell("2", align="center"), Cell("Cấp huyện"), *empty),
            (Cell("Tổng số", colspan=2, bold=True, align="center"), *empty),
        ),
    )


def sample_plan_with_form() -> Document:
    """Return a Kế hoạch shaped like seed 003: an outline with three footnotes, a 16-column form."""
    attribution = (
        "(Kèm theo Kế hoạch số 45/KH-UBND ngày 15 tháng 3 năm 2023 của Chủ tịch UBND tỉnh)"
    )
    outline = Appendix(
        label=None,
        title="ĐỀ CƯƠNG KIỂM TRA",
        attribution=attribution,
        subtitle="Công tác cải cách hành chính, thực hiện ISO và chuyển đổi số",
        blocks=(
            para("heading", "5.1. Phát triển chính quyền số"),
            para(
                "bullet",
                Run("- Số UBND xã xây dựng Cổng TTĐT thành phần, đạt tỉ lệ", footnote=NOTES[0]),
                ": …… %",
            ),
            para("heading", Run("5.2. Phát triển kinh tế số", footnote=NOTES[1])),
            para("bullet", "- Tỷ trọng thương mại điện tử trong tổng mức bán lẻ: …… %."),
            para("heading", Run("5.3. Phát triển xã hội số", footnote=NOTES[2])),
            para("bullet", "- Tỷ lệ hộ gia đình có Internet cáp quang băng rộng: …… %."),
        ),
    )
    form = Appendix(
        label=None,
        title="THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        attribution=None,
        subtitle="Từ ngày … tháng … năm … đến ngày … tháng … năm …",
        table=statistics_form(),
        landscape=True,
    )
    return Document(
        meta=meta(
            "inspection-plan",
            "Kế hoạch 45/KH-UBND",
            "ke-hoach-45-kh-ubnd-2023-03-15",
            date(2023, 3, 15),
        ),
        header=Header(
            parent=None,
            issuer=BAC_GIANG,
            number_line="Số: 45/KH-UBND",
            place_date="Bắc Giang, ngày 15 tháng 3 năm 2023",
        ),
        type_name="KẾ HOẠCH",
        summary=(
            "Kiểm tra thực hiện nhiệm vụ Cải cách hành chính nhà nước,",
            "thực hiện ISO, chuyển đổi số năm 2023",
        ),
        authority=None,
        bases=(),
        enacting=None,
        body=(
            para("text", "Chủ tịch UBND tỉnh ban hành Kế hoạch kiểm tra như sau:"),
            para("section", "I. MỤC ĐÍCH, YÊU CẦU"),
            para("heading", "1. Mục đích"),
            para("bullet", "- Đánh giá chính xác, toàn diện tình hình triển khai thực hiện."),
            para("heading", "2. Yêu cầu"),
            para("bullet", "- Việc kiểm tra phải thực hiện nghiêm túc, đúng quy trình."),
            para("section", "II. NỘI DUNG KIỂM TRA"),
            para("clause", "1. Cải cách thủ tục hành chính (theo Đề cương kiểm tra)."),
            para("text", "Trong quá trình thực hiện, các cơ quan báo cáo kịp thời./."),
        ),
        recipients=(
            *lines("Vụ CCHC, Bộ Nội vụ;", "VP UBND tỉnh:"),
            *lines("LĐVP, TH;", level=1),
            RecipientLine("Bản điện tử:", label=True),
            *lines("Các Sở, cơ quan thuộc UBND tỉnh;", "Lưu: VT, NC."),
        ),
        signature=Signature(lines=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), name="Mai Sơn"),
        appendices=(outline, form),
    )


def sample_decision_with_attachment() -> Document:
    """Return a Quyết định issuing a Quy chế (Mẫu 1.3), one footnote in each."""
    issuer = ("SỞ KHOA HỌC VÀ CÔNG NGHỆ",)
    regulation = Appendix(
        label=None,
        title="QUY CHẾ",
        subtitle="Làm việc của Tổ giúp việc Ban Chỉ đạo ISO tỉnh",
        attribution="(Kèm theo Quyết định số 15/QĐ-KHCN ngày 05 tháng 01 năm 2024 của Giám đốc"
        " Sở Khoa học và Công nghệ)",
        header=Header(
            parent="UBND TỈNH BẮC GIANG", issuer=issuer, number_line=None, place_date=None
        ),
        blocks=(
            para("centered", "Chương I"),
            para("centered", "QUY ĐỊNH CHUNG"),
            para("article", Run("Điều 1. Phạm vi điều chỉnh", bold=True)),
            para(
                "text",
                Run(
                    "Quy chế này quy định việc làm của Tổ giúp việc",
                    footnote="Thành lập theo Quyết định số 02/QĐ-BCĐ.",
                ),
                ".",
            ),
        ),
    )
    return Document(
        meta=meta(
            "decision",
            "Quyết định 15/QĐ-KHCN",
            "quyet-dinh-15-qd-khcn-2024-01-05",
            date(2024, 1, 5),
        ),
        header=Header(
            parent="UBND TỈNH BẮC GIANG",
            issuer=issuer,
            number_line="Số: 15/QĐ-KHCN",
            place_date="Bắc Giang, ngày 05 tháng 01 năm 2024",
        ),
        type_name="QUYẾT ĐỊNH",
        summary=("Ban hành Quy chế làm việc của Tổ giúp việc Ban Chỉ đạo ISO tỉnh",),
        authority="GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        bases=(
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Theo đề nghị của Chi cục trưởng Chi cục Tiêu chuẩn Đo lường Chất lượng.",
        ),
        enacting="QUYẾT ĐỊNH:",
        body=(
            article(1, "Ban hành kèm theo Quyết định này Quy chế làm việc của Tổ giúp việc."),
            para(
                "article",
                Run("Điều 2. ", bold=True),
                Run("Quyết định có hiệu lực kể từ ngày ký", footnote="Ngày 05/01/2024."),
                ".",
            ),
            article(3, "Chánh Văn phòng Sở và các thành viên Tổ giúp việc thi hành./."),
        ),
        recipients=(*lines("Như Điều 3;", "Lưu: VT, TĐC."),),
        signature=Signature(lines=("GIÁM ĐỐC",), name="Nguyễn Đức Kiên"),
        appendices=(regulation,),
    )


def sample_quality_decision() -> Document:
    """Return a Quyết định phê duyệt mục tiêu chất lượng shaped like seed 004, no appendix."""
    doc = sample_document()
    return replace(
        doc,
        meta=replace(doc.meta, kind="quality-objectives-decision"),
        summary=("Về việc phê duyệt Mục tiêu chất lượng năm 2022 áp dụng tại UBND tỉnh",),
        authority="ỦY BAN NHÂN DÂN TỈNH",
        body=(
            article(1, "Phê duyệt Mục tiêu chất lượng năm 2022 với các nội dung sau:"),
            para("clause", "1. Tiếp tục duy trì, cải tiến Hệ thống quản lý chất lượng;"),
            para("clause", "2. 100% hồ sơ một cửa được xử lý đúng quy trình."),
            article(2, "Chánh Văn phòng UBND tỉnh thi hành Quyết định này./."),
        ),
        recipients=lines("Như Điều 2;", "Lưu: VT, TKISO."),
        signature=Signature(lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), name="Nguyễn Văn Phương"),
        appendices=(),
    )


SAMPLES = {
    "ranking-decision": sample_document,
    "decision": sample_decision_with_attachment,
    "quality-objectives-decision": sample_quality_decision,
    "conclusion-notice": sample_notice,
    "inspection-plan": sample_plan_with_form,
}

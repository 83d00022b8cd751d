"""The shared administrative-document renderer (Decree 30/2020 layout), read back with ordinary readers."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pypdf
import pytest

from bmnn.documents import fonts
from bmnn.documents.administrative import (
    AdminDocument,
    Heading,
    Paragraph,
    Signatures,
    Signer,
    Table,
    render_docx,
    render_docx_bundle,
    render_pdf,
    render_pdf_bundle,
)
from bmnn.documents.errors import FontMissing
from bmnn.documents.text import number_line, place_date

from .readers import docx_text, pdf_pages, pdf_text


def plan(**overrides: object) -> AdminDocument:
    values: dict[str, object] = dict(
        superior="Ủy ban nhân dân tỉnh Quảng Ninh",
        agency="Sở Giáo dục và Đào tạo",
        number="5/KH-SGDĐT",
        place="Quảng Ninh",
        date=dt.date(2027, 1, 5),
        kind="Kế hoạch",
        title="Công tác bảo vệ bí mật nhà nước năm 2027",
        body=[
            Heading("I. MỤC ĐÍCH, YÊU CẦU"),
            Paragraph("Quán triệt Luật Bảo vệ bí mật nhà nước."),
            Table(["STT", "Nội dung", "Đơn vị chủ trì"], [["1", "Tự kiểm tra", "Văn phòng Sở"]]),
        ],
        recipients=["Công an tỉnh", "Lưu: VT, VP"],
        signer_authority="KT. Giám đốc",
        signer_title="Phó Giám đốc",
        signer_name="Nguyễn Văn An",
        secrecy="TOI_MAT",
        copy_number=3,
    )
    values.update(overrides)
    return AdminDocument(**values)  # type: ignore[arg-type]


def test_dates_and_numbers_follow_decree_30() -> None:
    """Days pad to two digits, months only for January and February; numbers below 10 take a leading 0."""
    assert place_date("Quảng Ninh", dt.date(2027, 1, 5)) == "Quảng Ninh, ngày 05 tháng 01 năm 2027"
    assert place_date("Hà Nội", dt.date(2026, 6, 29)) == "Hà Nội, ngày 29 tháng 6 năm 2026"
    assert number_line("5/KH-SGDĐT") == "Số: 05/KH-SGDĐT"
    assert number_line("12/KH-SGDĐT") == "Số: 12/KH-SGDĐT"


@pytest.mark.parametrize("render,read", [(render_pdf, pdf_text), (render_docx, docx_text)])
def test_every_element_of_the_layout_is_printed(render, read) -> None:  # type: ignore[no-untyped-def]
    """Agency block, national motto, number, place and date, kind, title, body, recipients, signer, stamp."""
    text = read(render(plan()))
    for expected in (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/KH-SGDĐT",
        "Quảng Ninh, ngày 05 tháng 01 năm 2027",
        "KẾ HOẠCH",
        "Công tác bảo vệ bí mật nhà nước năm 2027",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Quán triệt Luật Bảo vệ bí mật nhà nước.",
        "Tự kiểm tra",
        "Nơi nhận:",
        "- Công an tỉnh;",
        "- Lưu: VT, VP.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Văn An",
        "TỐI MẬT",
        "Bản sao số: 3",
    ):
        assert expected in text, expected


def test_secrecy_stamp_is_red_in_pdf_and_docx() -> None:
    """R43: the secrecy stamp prints in red ink, on paper and in the Word file."""
    page = pypdf.PdfReader(io.BytesIO(render_pdf(plan()))).pages[0]
    assert b"0.7843 0 0 rg" in page.get_contents().get_data()  # text colour (200, 0, 0)
    document = docx.Document(io.BytesIO(render_docx(plan())))
    runs = [
        r
        for t in document.tables
        for row in t.rows
        for c in row.cells
        for inner in c.tables
        for irow in inner.rows
        for ic in irow.cells
        for p in ic.paragraphs
        for r in p.runs
    ]
    stamp = [r for r in runs if r.text == "TỐI MẬT"]
    assert stamp and str(stamp[0].font.color.rgb) == "C80000" and stamp[0].bold


def test_document_without_secrecy_has_no_stamp() -> None:
    text = pdf_text(render_pdf(plan(secrecy=None, copy_number=None)))
    assert "MẬT" not in text.replace("BÍ MẬT", "").replace("bí mật", "")
    assert "Bản sao số" not in text


def test_cong_van_prints_subject_under_number_and_kinh_gui() -> None:
    doc = plan(kind="", title="Thông báo gia hạn thời hạn bảo vệ", kinh_gui=["Phòng Giáo dục A", "Trường B"])
    for text in (pdf_text(render_pdf(doc)), docx_text(render_docx(doc))):
        assert "V/v Thông báo gia hạn thời hạn bảo vệ" in text
        assert "Kính gửi:" in text and "- Phòng Giáo dục A;" in text and "- Trường B." in text


def test_bundle_restarts_page_numbers_and_signature_grid() -> None:
    """A dossier: each document starts on a new page and numbers its own pages (none on its first page)."""
    long_body = [Paragraph("Nội dung dài. " * 80) for _ in range(6)]
    members = Signatures(
        [Signer("Chủ tịch hội đồng", "Nguyễn A"), Signer("Thành viên", "Trần B"), Signer("Thành viên", "Lê C")]
    )
    first, second = plan(body=long_body), plan(kind="Biên bản", title="Tiêu hủy", body=[members])
    pages = pdf_pages(render_pdf_bundle([first, second]))
    starts = [i for i, p in enumerate(pages) if "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in p]
    assert len(starts) == 2 and starts[0] == 0
    assert pages[1].startswith("2 ") and not pages[starts[1]].startswith(str(starts[1] + 1))
    assert "Nguyễn A" in pages[-1] and "Trần B" in pages[-1] and "Lê C" in pages[-1]
    assert "Lê C" in docx_text(render_docx_bundle([first, second]))


def test_missing_font_gives_a_vietnamese_error(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BMNN_FONT_DIR", str(tmp_path))
    monkeypatch.setattr(fonts, "_SYSTEM_DIRS", ())
    fonts._locate.cache_clear()
    try:
        with pytest.raises(FontMissing, match="Không tìm thấy phông chữ Liberation Serif"):
            render_pdf(plan())
    finally:
        fonts._locate.cache_clear()


def test_font_dir_override_is_used(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = fonts.serif_fonts()
    for path in real.values():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.setenv("BMNN_FONT_DIR", str(tmp_path))
    fonts._locate.cache_clear()
    try:
        assert fonts.serif_fonts()[""].parent == tmp_path
    finally:
        fonts._locate.cache_clear()

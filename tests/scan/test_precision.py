"""Precision on what agencies hold: handbooks, training slides, blank forms, "Thường", mật mã guidance.

Each stays clean in Word, PowerPoint and PDF (what "export to PDF" gives: the same lines on pages),
while a real stamp next to such material is still found.
"""

from __future__ import annotations

import pytest

from bmnn.scan import Level, Verdict, scan_file

from . import builders

EXPLAIN = "Là bí mật nhà nước mà nếu bị lộ, bị mất có thể gây nguy hại đến lợi ích quốc gia, dân tộc."
HANDBOOK = [
    line for level in ("TUYỆT MẬT", "TỐI MẬT", "MẬT") for line in [level, *(f"{n}. {EXPLAIN}" for n in range(1, 13))]
]
CLEAN = {
    "handbook": ["SỔ TAY CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC", "Phân loại độ mật", *HANDBOOK],
    "stamp_guide": ["Dấu độ mật được đóng như sau:", "Dấu “TUYỆT MẬT”: chữ in hoa.", "Dấu “MẬT”: chữ in hoa."],
    "blank_form": ["PHIẾU ĐỀ XUẤT ĐỘ MẬT", "Tên văn bản: ..........", "Độ mật:", "Độ mật: ……", "Người đề xuất: ...."],
    "ordinary": ["CÔNG VĂN", "Độ mật: Thường", "Độ khẩn: Thường", "Kính gửi: các đơn vị"],
    "cryptography": ["HƯỚNG DẪN SỬ DỤNG MẬT MÃ", "MẬT MÃ", "Mật mã dân sự bảo vệ thông tin.", "Sản phẩm mật mã"],
    "ascending_list": ["Các độ mật từ thấp đến cao:", "Mật", "Tối mật", "Tuyệt mật"],
}


def _files(tmp_path, name, lines):
    pages = [lines[i : i + 14] for i in range(0, len(lines), 14)]
    return [
        builders.docx(tmp_path / f"{name}.docx", lines),
        builders.pdf(tmp_path / f"{name}.pdf", pages),
        builders.pptx(tmp_path / f"{name}.pptx", pages),
    ]


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_agency_material_about_levels_stays_clean_in_word_powerpoint_and_pdf(tmp_path, name):
    for path in _files(tmp_path, name, CLEAN[name]):
        result = scan_file(path)
        assert result.verdict is Verdict.CLEAN, (path.suffix, [m.text for m in result.marks])


def test_training_deck_with_one_level_per_slide_is_clean(tmp_path):
    slides = [[level, EXPLAIN, EXPLAIN, EXPLAIN] for level in ("TUYỆT MẬT", "TỐI MẬT", "MẬT")]
    assert scan_file(builders.pptx(tmp_path / "deck.pptx", slides)).verdict is Verdict.CLEAN
    assert scan_file(builders.pdf(tmp_path / "deck.pdf", slides)).verdict is Verdict.CLEAN


def test_a_real_stamp_above_a_handbook_section_is_still_found(tmp_path):
    for path in _files(tmp_path, "stamped", ["Số: 7/HD", "TỐI MẬT", *HANDBOOK]):
        result = scan_file(path)
        assert (result.verdict, result.level) == (Verdict.SECRET, Level.TOI_MAT), path.suffix


def test_a_document_with_an_annex_of_a_lower_level_keeps_the_highest(tmp_path):
    lines = ["TUYỆT MẬT", EXPLAIN, *[EXPLAIN] * 20, "Phụ lục", "MẬT", EXPLAIN]
    for path in _files(tmp_path, "annex", lines):
        result = scan_file(path)
        assert (result.verdict, result.level) == (Verdict.SECRET, Level.TUYET_MAT), path.suffix


def test_a_filled_field_is_a_mark_even_beside_a_list_of_levels(tmp_path):
    lines = ["Độ mật: Tối mật", *HANDBOOK]
    result = scan_file(builders.docx(tmp_path / "f.docx", lines))
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TOI_MAT)

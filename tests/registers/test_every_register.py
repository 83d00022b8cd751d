"""Every register in every format, read back with ordinary readers: columns, values, R18, covers, volumes.

R18 (no TUYET_MAT abstract in any print), R19 (numbers restart on 1 January), R20 (volume covers),
R21 (every official column of the layout in force, every value), R42 (the yearly statistics).
"""

from __future__ import annotations

import pytest

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.registers.books import build_book
from bmnn.registers.choices import Field, RegisterKind
from bmnn.registers.downloads import register_export
from bmnn.registers.selectors import Selection
from bmnn.registers.services import volume_close
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs
from tests.documents import readers
from tests.helpers import at

from .conftest import TM_ABSTRACT

FORMATS = ["pdf", "docx", "xlsx"]
KINDS = [
    RegisterKind.OUTGOING,
    RegisterKind.INCOMING,
    RegisterKind.DELIVERY,
    RegisterKind.COPY,
    RegisterKind.STATISTICS,
]


def export(cast, kind, fmt, year=2026, **filters):
    with clock.frozen_at(at(2027, 1, 3)):
        return register_export(
            actor=cast.clerk, selection=Selection(cast.department, kind, year, **filters), fmt=fmt
        ).content


def expected(cast, kind, year=2026, **filters):
    with clock.frozen_at(at(2027, 1, 3)):
        book, layout, _ = build_book(cast.clerk, Selection(cast.department, kind, year, **filters))
    return book, [col.field for col in layout.columns.all()]


def read_rows(content, fmt, columns):
    """The register's rows as a reader sees them: exact cells for DOCX and XLSX, per-column text for PDF."""
    if fmt == "xlsx":
        return [[cell if cell is not None else "" for cell in row] for row in readers.xlsx_sheets(content)["Sổ"]]
    if fmt == "docx":
        return readers.docx_tables(content)[-1]
    return readers.pdf_register_columns(content)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_register_prints_every_column_and_value_R21(cast, full_year, leaky_abstracts, kind, fmt):
    """R21: each column of the layout in force, in order, and each row's value in its column; R18 everywhere."""
    book, fields = expected(cast, kind)
    headings = [c.heading for c in book.columns]
    assert book.rows and all(any(row) for row in book.rows)
    content = export(cast, kind, fmt)
    found = read_rows(content, fmt, len(headings))
    if fmt == "pdf":
        assert len(found) == len(headings)
        for row in book.rows:
            for column, value in enumerate(row):
                assert readers.squeeze(value) in readers.squeeze(found[column]), (headings[column], value)
        words = readers.squeeze(readers.pdf_pages(content)[1])
        assert all(readers.squeeze(word) in words for heading in headings for word in heading.split())
        text = readers.pdf_text(content)
    else:
        assert found[0] == headings
        assert found[1] == [f"({i})" for i in range(1, len(headings) + 1)]
        assert found[2:] == book.rows
        text = readers.docx_text(content) if fmt == "docx" else str(readers.xlsx_sheets(content))
    assert TM_ABSTRACT not in text  # R18: the leaked abstract reaches no print
    if kind == RegisterKind.STATISTICS:
        return
    level = fields.index(Field.LEVEL)
    abstract_columns = [i for i, f in enumerate(fields) if f in (Field.TYPE_ABSTRACT, Field.ABSTRACT)]
    tuyet_rows = [row for row in book.rows if row[level] == "Tuyệt mật"]
    assert tuyet_rows or kind == RegisterKind.COPY  # TUYET_MAT is never copied in this year
    for row in tuyet_rows:
        assert all(row[i] in ("", "Phương án", "Công văn") for i in abstract_columns), row


def test_values_of_the_copy_register_R16(cast, full_year):
    """R16: one copy-register entry per job: form, count and copy numbers, recipients, approver, operator."""
    rows = readers.xlsx_sheets(export(cast, RegisterKind.COPY, "xlsx"))["Sổ"][2:]
    assert len(rows) == 1
    row = rows[0]
    assert row[0] == "01" and row[1] == "31/12/2026" and full_year.mat.doc_number in row[2]
    assert row[3] == "Phương án vận chuyển đề thi tốt nghiệp THPT năm 2026" and row[4] == "Mật"
    assert row[5] == "Sao y" and row[6] == "2 bản (số 1–2)" and row[7] == "Hội đồng thi"
    assert row[8] == "Nguyễn Văn An" and row[9] == "Lê Thị Chi"


def test_statistics_count_each_level_by_day_in_every_format_R42(cast, full_year):
    """R42: received and issued per day and level, with the year's total, the same in PDF, DOCX and XLSX."""
    book, _ = expected(cast, RegisterKind.STATISTICS)
    assert [r[1] for r in book.rows] == ["30/12/2026", "31/12/2026", "Cộng cả năm"]
    assert book.rows[-1][2:] == ["1", "0", "1", "2", "1", "1", "1", "3"]
    assert read_rows(export(cast, RegisterKind.STATISTICS, "docx"), "docx", 10)[-1] == book.rows[-1]
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(export(cast, RegisterKind.STATISTICS, "xlsx")))["Sổ"]
    assert sheet.cell(row=sheet.max_row, column=2).font.b and not sheet.cell(row=3, column=2).font.b  # the total
    columns = read_rows(export(cast, RegisterKind.STATISTICS, "pdf"), "pdf", 10)
    assert columns[1].split()[-3:] == ["Cộng", "cả", "năm"] and columns[-1].split()[-1] == "3"


def cover_lines(content, fmt):
    if fmt == "pdf":
        return readers.pdf_pages(content)[0]
    if fmt == "docx":
        return " ".join(" ".join(cell for cell in row) for row in readers.docx_tables(content)[0])
    return " ".join(str(row[0]) for row in readers.xlsx_sheets(content)["Bìa sổ"] if row[0])


def first_column(content, fmt):
    found = read_rows(content, fmt, 10)
    return found[0].split() if fmt == "pdf" else [row[0] for row in found[2:]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_numbers_and_covers_across_the_year_boundary_R19_R20(cast, fmt):
    """R19: numbering restarts on 1 January; R20: each year's and each volume's cover, in every format."""
    with clock.frozen_at(at(2026, 12, 30)):
        outgoing_register(**outgoing_kwargs(cast))
    with clock.frozen_at(at(2026, 12, 31, 16)):
        outgoing_register(**outgoing_kwargs(cast))
    with clock.frozen_at(at(2027, 1, 2)):
        first_2027 = outgoing_register(**outgoing_kwargs(cast))
        volume_close(actor=cast.clerk, agency=cast.department, kind=RegisterKind.OUTGOING, year=2027)
    with clock.frozen_at(at(2027, 1, 5)):
        second_2027 = outgoing_register(**outgoing_kwargs(cast))
    old = export(cast, RegisterKind.OUTGOING, fmt, year=2026)
    cover = cover_lines(old, fmt)
    for line in (
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI",
        "Năm: 2026",
        "Từ ngày 30/12/2026 đến ngày 31/12/2026",
        "Từ số 01 đến số 02",
        "Quyển số: 1",
    ):
        assert line in cover, line
    assert first_column(old, fmt) == ["01", "02"] and "TỈNH THỬ NGHIỆM" in cover  # the superior body
    if fmt == "pdf":  # the running title names the volume; pages are counted without the cover
        assert "Quyển số 1" in readers.pdf_pages(old)[1] and readers.pdf_pages(old)[1].endswith("Trang 1/1")
    one = export(cast, RegisterKind.OUTGOING, fmt, year=2027, volume=1)
    two = export(cast, RegisterKind.OUTGOING, fmt, year=2027, volume=2)
    for content, lines in (
        (one, ("Năm: 2027", "Từ ngày 02/01/2027 đến ngày 02/01/2027", "Từ số 01 đến số 01", "Quyển số: 1")),
        (two, ("Năm: 2027", "Từ ngày 05/01/2027 đến ngày 05/01/2027", "Từ số 02 đến số 02", "Quyển số: 2")),
    ):
        cover = cover_lines(content, fmt)
        assert all(line in cover for line in lines), (cover, lines)
    assert first_column(one, fmt) == ["01"] and first_column(two, fmt) == ["02"]
    assert (first_2027.reg_number, second_2027.reg_number) == (1, 2)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_level_column_is_red_and_no_tuyet_mat_abstract_in_a_filtered_print_R18_R43(
    cast, full_year, leaky_abstracts, fmt
):
    """R18: a print filtered to TUYET_MAT shows the type only; the level's words are there (red, R43)."""
    content = export(cast, RegisterKind.OUTGOING, fmt, level=Level.TUYET_MAT)
    rows = read_rows(content, fmt, 10)
    if fmt == "pdf":
        assert readers.squeeze(rows[3]) == "Phươngán" and readers.squeeze(rows[4]) == "Tuyệtmật"
    else:
        assert [r[3] for r in rows[2:]] == ["Phương án"] and [r[4] for r in rows[2:]] == ["Tuyệt mật"]

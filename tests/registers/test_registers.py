"""Registers printed from the data: columns, values, R18 blank abstracts, covers and volumes (R18–R21, R42)."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.registers.choices import Field, RegisterKind
from bmnn.registers.downloads import register_export
from bmnn.registers.models import RegisterColumn, RegisterLayout
from bmnn.registers.selectors import Selection, layout_for
from bmnn.registers.services import volume_close
from bmnn.registry.services import handover_confirm, handover_create, incoming_receive, outgoing_register
from tests.conftest import outgoing_kwargs
from tests.documents.readers import (
    docx_tables,
    docx_text,
    pdf_pages,
    pdf_register_columns,
    pdf_text,
    squeeze,
    xlsx_sheets,
)
from tests.helpers import at, clear_for_tuyet_mat, tuyet_mat_item

TM_ABSTRACT = "Phương án bảo vệ đề thi dự phòng"


@pytest.fixture
def year_2026(cast):
    """Three outgoing secrets of 30/12/2026: MAT, TOI_MAT and TUYET_MAT (its abstract refused at entry)."""
    clear_for_tuyet_mat(cast.clerk, cast.director)
    tm = tuyet_mat_item()
    with clock.frozen_at(at(2026, 12, 30)):
        mat = outgoing_register(**outgoing_kwargs(cast))
        toi = outgoing_register(
            **outgoing_kwargs(
                cast, item_ids=[cast.exam_paper_item.pk], doc_type="Đề thi", abstract="Đề thi chính thức môn Toán"
            )
        )
        tuyet = outgoing_register(**outgoing_kwargs(cast, item_ids=[tm.pk], doc_type="Phương án", abstract=""))
    return mat, toi, tuyet


def export(cast, kind=RegisterKind.OUTGOING, year=2026, fmt="pdf", actor=None, **filters):
    with clock.frozen_at(at(2027, 1, 3)):
        return register_export(
            actor=actor or cast.clerk, selection=Selection(cast.department, kind, year, **filters), fmt=fmt
        ).content


def headings(kind, year):
    with clock.frozen_at(at(2027, 1, 3)):
        return [c.heading for c in layout_for(kind, year).columns.all()]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_outgoing_register_prints_every_column_and_value_R21(cast, year_2026, fmt):
    """R21, R45: entries registered in the system print in the official register layout, every column of the
    layout in force with every entry's values; R43 level."""
    content = export(cast, fmt=fmt)
    mat, toi, tuyet = year_2026
    if fmt == "xlsx":
        sheets = xlsx_sheets(content)
        rows = sheets["Sổ"]
        assert rows[0] == headings(RegisterKind.OUTGOING, 2026)
        assert rows[1][:3] == ["(1)", "(2)", "(3)"]
        body = rows[2:]
        assert [r[0] for r in body] == ["01", "02", "03"]
        assert body[0][1] == mat.doc_number and body[1][4] == "Tối mật" and body[2][4] == "Tuyệt mật"
        assert body[0][3] == "Kế hoạch – Phương án vận chuyển đề thi tốt nghiệp THPT năm 2026"
        assert body[0][5] == "Nguyễn Văn An" and body[0][8] == "3" and body[0][2] == "30/12/2026"
        return
    if fmt == "pdf":  # each value in its own column, whatever the wrapping (pypdf with positions)
        columns = [squeeze(c) for c in pdf_register_columns(content)]
        squeezed = squeeze(pdf_pages(content)[1])
        assert all(squeeze(word) in squeezed for h in headings(RegisterKind.OUTGOING, 2026) for word in h.split())
        assert columns[0] == "010203" and columns[1] == squeeze(mat.doc_number + toi.doc_number + tuyet.doc_number)
        assert columns[4] == squeeze("Mật Tối mật Tuyệt mật") and columns[8] == "333"
        for column, value in (
            (3, "Kế hoạch – Phương án vận chuyển đề thi tốt nghiệp THPT năm 2026"),
            (3, "Đề thi – Đề thi chính thức môn Toán"),
            (5, "Nguyễn Văn An"),
            (6, "Phòng Khảo thí"),
            (7, "Sở Giáo dục và Đào tạo"),
            (2, "30/12/2026"),
        ):
            assert squeeze(value) in columns[column], value
        return
    text = docx_text(content)
    for heading in headings(RegisterKind.OUTGOING, 2026):
        assert heading in text, heading
    for value in (
        mat.doc_number,
        toi.doc_number,
        tuyet.doc_number,
        "Tối mật",
        "Tuyệt mật",
        "Mật",
        "Phương án vận chuyển đề thi tốt nghiệp THPT năm 2026",
        "Đề thi chính thức môn Toán",
        "Nguyễn Văn An",
        "Phòng Khảo thí",
        "30/12/2026",
        "Sở Giáo dục và Đào tạo",
    ):
        assert value in text, value


def test_tuyet_mat_rows_carry_no_abstract_in_any_export_R18(cast, year_2026):
    """R18: a TUYET_MAT row shows its type only, even if an abstract were somehow stored; other rows keep theirs."""
    _mat, _toi, tuyet = year_2026
    # Storage already refuses an abstract for TUYET_MAT (database constraint); the print must not rely on it.
    from bmnn.registers import selectors

    class Leaky:
        level, doc_type, abstract = Level.TUYET_MAT, "Phương án", TM_ABSTRACT

    assert selectors.type_abstract(Leaky()) == ("Phương án", "")
    rows = xlsx_sheets(export(cast, fmt="xlsx"))["Sổ"][2:]
    assert rows[2][3] == "Phương án" and rows[2][4] == "Tuyệt mật"
    tables = docx_tables(export(cast, fmt="docx"))
    register_rows = tables[-1][2:]
    assert register_rows[2][3] == "Phương án"
    assert register_rows[1][3] == "Đề thi – Đề thi chính thức môn Toán"
    page = pdf_pages(export(cast, fmt="pdf"))[1]
    assert "03 " + tuyet.doc_number in page and "Phương án Tuyệt mật" in page


def test_level_column_prints_in_red_R43(cast, year_2026):
    """R43: the level column is red in the PDF, the DOCX and the XLSX."""
    import io

    import openpyxl
    import pypdf

    page = pypdf.PdfReader(io.BytesIO(export(cast))).pages[1]
    assert b"0.7843 0 0 rg" in page.get_contents().get_data()
    assert 'w:color w:val="C80000"' in _docx_xml(export(cast, fmt="docx"))
    sheet = openpyxl.load_workbook(io.BytesIO(export(cast, fmt="xlsx")))["Sổ"]
    assert sheet.cell(row=3, column=5).font.color.rgb.endswith("C80000")
    assert not (
        sheet.cell(row=3, column=4).font.color and str(sheet.cell(row=3, column=4).font.color.rgb).endswith("C80000")
    )


def _docx_xml(content):
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()


def test_a_closed_volume_ends_its_range_and_the_next_volume_starts_after_it_R20(cast):
    """R20: closing a full volume records its range; the next volume's cover starts at the following number."""
    with clock.frozen_at(at(2027, 1, 2)):
        first = outgoing_register(**outgoing_kwargs(cast))
        second = outgoing_register(**outgoing_kwargs(cast))
        with pytest.raises(PermissionDenied) as refused:
            volume_close(actor=cast.director, agency=cast.department, kind=RegisterKind.OUTGOING, year=2027)
        assert refused.value.rule == "R20" and not AuditEvent.objects.filter(action="registers.volume.closed")
        volume = volume_close(actor=cast.clerk, agency=cast.department, kind=RegisterKind.OUTGOING, year=2027)
        assert (volume.number, volume.first_number, volume.last_number) == (1, 1, 2)
        with pytest.raises(DomainError):  # the open volume is empty: nothing to close
            volume_close(actor=cast.clerk, agency=cast.department, kind=RegisterKind.OUTGOING, year=2027)
    with clock.frozen_at(at(2027, 1, 5)):
        third = outgoing_register(**outgoing_kwargs(cast))
    assert AuditEvent.objects.filter(action="registers.volume.closed").count() == 1
    one = pdf_pages(export(cast, year=2027, volume=1))
    two = pdf_pages(export(cast, year=2027, volume=2))
    assert "Từ số 01 đến số 02" in one[0] and "Quyển số: 1" in one[0]
    assert first.doc_number in one[1] and second.doc_number in one[1] and third.doc_number not in one[1]
    assert "Từ số 03 đến số 03" in two[0] and "Quyển số: 2" in two[0] and "Từ ngày 05/01/2027" in two[0]
    assert third.doc_number in two[1] and first.doc_number not in two[1]


def test_each_year_prints_with_the_layout_in_force_and_a_new_layout_needs_no_code_R21(cast):
    """R21: layouts are dated data: 2025 books print the 2020 columns, 2026 books the 2026 ones; a new row wins."""
    assert "Ngày tháng" in headings(RegisterKind.OUTGOING, 2025)
    assert "Nơi nhận và ký nhận" in headings(RegisterKind.OUTGOING, 2026)
    newer = RegisterLayout.objects.create(
        kind=RegisterKind.OUTGOING,
        name="Phụ lục chính thức",
        title="Sổ đi",
        effective_from=dt.date(2027, 1, 1),
        legal_basis="Công văn 2663/VPCP-NC",
        unverified=False,
    )
    RegisterColumn.objects.create(layout=newer, order=1, heading="STT", field=Field.SEQ)
    RegisterColumn.objects.create(layout=newer, order=2, heading="Ký hiệu chính thức", field=Field.DOC_NUMBER)
    with clock.frozen_at(at(2027, 1, 2)):
        carrier = outgoing_register(**outgoing_kwargs(cast))
    text = pdf_text(export(cast, year=2027))
    assert "Ký hiệu chính thức" in text and carrier.doc_number in text and "Công văn 2663/VPCP-NC" in text
    assert headings(RegisterKind.OUTGOING, 2026)[1] == "Số, ký hiệu tài liệu, vật chứa BMNN"


def test_only_the_clerk_and_the_head_print_registers_and_printing_is_audited_R21(cast, year_2026):
    """R21, S2: a staff member is refused and nothing is logged; the clerk's print is an audit event."""
    before = AuditEvent.objects.count()
    for person in (cast.officer, cast.deputy, cast.outsider):
        with pytest.raises(PermissionDenied) as refused:
            export(cast, actor=person)
        assert refused.value.rule == "R21"
    assert AuditEvent.objects.count() == before
    export(cast, fmt="xlsx")
    event = AuditEvent.objects.filter(action="registers.register.exported").get()
    assert event.actor_id == cast.clerk.pk and event.data["rows"] == 3 and event.data["format"] == "xlsx"


def test_rows_follow_the_visibility_policy_S2(cast, year_2026):
    """S2: the head cleared only to TOI_MAT sees no TUYET_MAT row in the register he prints."""
    cast.director.clearance = Level.TOI_MAT
    cast.director.save()
    rows = xlsx_sheets(export(cast, fmt="xlsx", actor=cast.director))["Sổ"][2:]
    assert [r[4] for r in rows] == ["Mật", "Tối mật"]


def test_filters_by_period_unit_and_level(cast, year_2026):
    """A print filtered by level, unit or period keeps only matching rows and says so on its cover."""
    rows = xlsx_sheets(export(cast, fmt="xlsx", level=Level.TOI_MAT))["Sổ"][2:]
    assert [r[4] for r in rows] == ["Tối mật"]
    cover = pdf_pages(export(cast, level=Level.TOI_MAT))[0]
    assert "Bản in trích theo bộ lọc: độ Tối mật" in cover
    assert len(xlsx_sheets(export(cast, fmt="xlsx", unit=cast.exams_division))["Sổ"]) == 2  # header rows only
    assert len(xlsx_sheets(export(cast, fmt="xlsx", unit=cast.department))["Sổ"]) == 5
    assert len(xlsx_sheets(export(cast, fmt="xlsx", date_from=dt.date(2026, 12, 31)))["Sổ"]) == 2


def test_incoming_delivery_and_statistics_registers_R23_R42(cast, year_2026):
    """R23: the delivery register shows envelope letter, recipient and signature; R42: counts by date and level."""
    _mat, toi, _tuyet = year_2026
    with clock.frozen_at(at(2026, 12, 31)):
        incoming = incoming_receive(
            actor=cast.clerk,
            sender="Bộ Giáo dục và Đào tạo",
            doc_number="215/BGDĐT-QLCL",
            level=Level.MAT,
            doc_type="Công văn",
            abstract="Hướng dẫn bảo quản đề thi",
        )
        handover = handover_create(actor=cast.clerk, carrier=toi, to_person=cast.exams_head)
        handover_confirm(actor=cast.exams_head, handover=handover)
    incoming_text = pdf_text(export(cast, kind=RegisterKind.INCOMING))
    assert "Sốđến" in "".join(incoming_text.split())
    for value in (
        "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN",
        "215/BGDĐT-QLCL",
        "Bộ Giáo dục và Đào tạo",
        "Công văn – Hướng dẫn bảo quản đề thi",
        "31/12/2026",
    ):
        assert "".join(value.split()) in "".join(incoming_text.split()), value  # narrow cells wrap
    assert incoming.reg_number == 1
    delivery = xlsx_sheets(export(cast, kind=RegisterKind.DELIVERY, fmt="xlsx"))["Sổ"]
    assert delivery[0] == headings(RegisterKind.DELIVERY, 2026)
    row = delivery[2]
    assert row[2] == toi.doc_number and row[4] == "Tối mật" and row[5].startswith("B, 1 bì")
    assert row[7] == "Phạm Văn Dũng" and row[8] == "Phạm Văn Dũng (31/12/2026)"
    stats = xlsx_sheets(export(cast, kind=RegisterKind.STATISTICS, fmt="xlsx"))["Sổ"]
    assert stats[0][2:] == [
        "Đến – Tuyệt mật",
        "Đến – Tối mật",
        "Đến – Mật",
        "Đến – Cộng",
        "Đi – Tuyệt mật",
        "Đi – Tối mật",
        "Đi – Mật",
        "Đi – Cộng",
    ]
    by_day = {r[1]: r for r in stats[2:]}
    assert by_day["30/12/2026"][6:] == ["1", "1", "1", "3"] and by_day["30/12/2026"][5] == "0"
    assert by_day["31/12/2026"][4:6] == ["1", "1"]
    assert by_day["Cộng cả năm"][2:] == ["0", "0", "1", "1", "1", "1", "1", "3"]
    assert "Thống kê bí mật nhà nước".upper() in pdf_pages(export(cast, kind=RegisterKind.STATISTICS))[0]


def test_recipients_and_senders_that_look_like_formulas_stay_text_in_the_xlsx_register(cast):
    """A recipient or sender beginning with =, +, - or @ is printed as the text typed, not a live formula."""
    formula = '=HYPERLINK("http://attacker.example/","Mở")'
    with clock.frozen_at(at(2026, 3, 2)):
        outgoing_register(**outgoing_kwargs(cast, recipients=formula))
        incoming_receive(
            actor=cast.clerk,
            sender="@SUM(1+1)*cmd|' /C calc'!A0",
            doc_number="1/X",
            level=Level.MAT,
            doc_type="Công văn",
            abstract="Thử",
        )
    from io import BytesIO

    from openpyxl import load_workbook

    for kind, value in ((RegisterKind.OUTGOING, formula), (RegisterKind.INCOMING, "@SUM(1+1)*cmd|' /C calc'!A0")):
        sheet = load_workbook(BytesIO(export(cast, kind=kind, fmt="xlsx")))["Sổ"]
        cells = [c for row in sheet.iter_rows() for c in row if c.value == value]
        assert cells, kind
        assert all(c.data_type == "s" and c.quotePrefix for c in cells)

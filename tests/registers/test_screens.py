"""The "Sổ sách" and "Biểu mẫu" screens, the API and the `bmnn registers` command call the same services (R21)."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from bmnn.core import clock
from bmnn.registers.models import RegisterVolume
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs
from tests.documents.readers import pdf_text, xlsx_sheets
from tests.helpers import at, command, operation_events


@pytest.fixture
def entry(cast):
    with clock.frozen_at(at(2026, 12, 30)):
        return outgoing_register(**outgoing_kwargs(cast))


def test_clerk_sees_the_registers_page_prints_and_downloads_R21(client, cast, entry):
    """R21: the clerk lists the registers, opens the print view and downloads PDF, DOCX, XLSX of the same rows."""
    client.force_login(cast.clerk)
    page = client.get("/so-sach/?nam=2026").content.decode()
    assert "Sổ đăng ký BMNN đi năm 2026" in page and "Quyển số 1" in page and "Thống kê BMNN" in page
    view = client.get("/so-sach/so-di/2026/").content.decode()
    assert "Nơi nhận và ký nhận" in view and entry.doc_number in view and 'class="lv"' in view
    assert "Quyển số: 1" in view and '<button type="button" data-print>In</button>' in view
    pdf = client.get("/so-sach/so-di/2026/tai-ve.pdf")
    assert pdf["Content-Type"] == "application/pdf" and entry.doc_number in pdf_text(pdf.getvalue())
    assert pdf.streaming and pdf["Content-Disposition"] == 'attachment; filename="so-di-2026.pdf"'  # sent in blocks
    xlsx = client.get("/so-sach/so-di/2026/tai-ve.xlsx?do_mat=TOI_MAT")
    assert len(xlsx_sheets(xlsx.getvalue())["Sổ"]) == 2  # the MAT entry is filtered out
    assert client.get("/so-sach/so-di/2026/tai-ve.docx").status_code == 200


def test_staff_cannot_open_the_registers_R21(client, cast, entry):
    """R21, S2: a staff member gets "not found" for the registers and their downloads."""
    client.force_login(cast.officer)
    assert client.get("/so-sach/").status_code == 404
    assert client.get("/so-sach/so-di/2026/tai-ve.pdf").status_code == 404


def test_record_forms_page_and_download(client, cast, entry):
    client.force_login(cast.clerk)
    page = client.get(f"/bieu-mau/{entry.pk}/").content.decode()
    assert "Nhãn bì thư" in page and "Văn bản đề nghị mang BMNN ra khỏi nơi lưu giữ" in page
    assert "Hồ sơ tiêu hủy" not in page
    response = client.get(f"/bieu-mau/{entry.pk}/nhan-bi/?dinh-dang=docx")
    assert response.status_code == 200 and response["Content-Type"].endswith("wordprocessingml.document")
    client.force_login(cast.outsider)
    assert client.get(f"/bieu-mau/{entry.pk}/").status_code == 404  # S2: forbidden answers like missing


def test_api_rows_and_files(client, cast, entry):
    """The API returns the same rows as JSON, the file with ?dinh-dang=, and the layouts as data (R21)."""
    client.force_login(cast.clerk)
    data = client.get("/api/registers/so-di/2026/").json()
    assert data["columns"][1] == "Số, ký hiệu tài liệu, vật chứa BMNN" and data["rows"][0][1] == entry.doc_number
    assert client.get("/api/registers/so-di/2026/?dinh-dang=pdf")["Content-Type"] == "application/pdf"
    layouts = client.get("/api/registers/layouts/").json()
    outgoing = [lay for lay in layouts if lay["kind"] == "OUTGOING"]
    assert [lay["effective_from"] for lay in outgoing] == ["2026-03-01", "2020-07-01"]
    assert outgoing[0]["columns"][1]["heading"] == data["columns"][1] and outgoing[0]["unverified"]
    client.force_login(cast.officer)
    refused = client.get("/api/registers/so-di/2026/")  # S2, R21: refused as the page refuses, with a 404
    assert refused.status_code == 404 == client.get("/so-sach/so-di/2026/").status_code
    assert refused.json() == client.get("/api/registers/khong-co/2026/").json()


def test_command_exports_a_register_and_dry_runs_a_volume_close_R20(cast, entry, tmp_path, capsys):
    """R20: `bmnn registers volume-close` is a dry run without --apply; export writes the file."""
    out = tmp_path / "so-di.pdf"
    command("registers", "vanthu", "export", "--kind", "so-di", "--year", "2026", "--format", "pdf", "-o", str(out))
    assert entry.doc_number in pdf_text(out.read_bytes())
    assert "Chạy thử" in command("registers", "vanthu", "volume-close", "kind=so-di", "year=2026")
    assert not RegisterVolume.objects.exists()
    assert "Đã khóa quyển số 1" in command("registers", "vanthu", "volume-close", "kind=so-di", "year=2026", "--apply")
    refusal = "^Chỉ văn thư giữ sổ và người đứng đầu cơ quan được in sổ BMNN của cơ quan.$"
    with pytest.raises(CommandError, match=refusal):  # R21
        command("registers", "chuyenvien", "export", "--kind", "so-di", "--year", "2026", "-o", str(out))


def test_commitment_through_the_page_the_api_and_the_command_R39(client, cast, tmp_path):
    """R39: the commitment from the "Biểu mẫu" page, GET /api/forms/commitment/ and `bmnn registers commitment`."""
    client.force_login(cast.officer)
    page = client.get("/bieu-mau/cam-ket/?dinh-dang=docx")
    assert page.status_code == 200 and page["Content-Type"].endswith("wordprocessingml.document")
    api = client.get("/api/forms/commitment/")
    assert api["Content-Type"] == "application/pdf" and "Đỗ Thu Hà" in pdf_text(api.content)
    refused = client.get(f"/api/forms/commitment/?nguoi={cast.clerk.pk}")  # a colleague's: clerk or head only
    # S2, R39: refused as the page refuses it (404), so the API does not tell a colleague exists.
    assert refused.status_code == 404 == client.get(f"/bieu-mau/cam-ket/?nguoi={cast.clerk.pk}").status_code
    assert refused.json() == client.get("/api/forms/commitment/?nguoi=999999").json()
    out = tmp_path / "cam-ket.pdf"
    command("registers", "vanthu", "commitment", "--person", "chuyenvien", "-o", str(out))
    assert "BẢN CAM KẾT" in pdf_text(out.read_bytes()) and "Đỗ Thu Hà" in pdf_text(out.read_bytes())


def test_another_agencys_commitment_answers_not_found_S2_R39(client, cast):
    """S2, R39: asking for the commitment of a person of another agency answers 404 like a missing person,
    on the page and in the API; nothing is exported or audited."""

    before = operation_events().count()
    client.force_login(cast.clerk)
    missing = client.get("/api/forms/commitment/?nguoi=999999")
    forbidden = client.get(f"/api/forms/commitment/?nguoi={cast.outsider.pk}")
    assert missing.status_code == forbidden.status_code == 404
    assert forbidden.json() == missing.json()
    assert client.get(f"/bieu-mau/cam-ket/?nguoi={cast.outsider.pk}").status_code == 404
    assert operation_events().count() == before

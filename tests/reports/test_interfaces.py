"""The same report operations through the screens, the REST API and `bmnn reports` (R41, R42, P5)."""

import io
import json
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError

from bmnn.audit.checkpoint import public_key_b64
from bmnn.core import clock
from bmnn.reports import services
from bmnn.reports.models import ImportedReport, PeriodicReport, ReportStatus
from tests.helpers import at, command
from tests.reports.conftest import TEXTS, submitted


def run(username, *args):
    return command("reports", username, *args)


def test_a_head_builds_writes_and_submits_on_the_screens(client, tree):
    """R41: the four sections a–d, the R42 table, then signing locks the report."""
    client.force_login(tree.principal)
    with clock.frozen_at(at(2026, 12, 10)):
        response = client.post("/bao-cao/lap/", {"year": 2026})
        report = PeriodicReport.objects.get()
        assert response.url == f"/bao-cao/{report.pk}/"
        page = client.get(response.url).content.decode()
        assert "Thống kê bí mật nhà nước theo độ mật" in page and "(R42)" not in page
        assert "a) Đánh giá tình hình" in page
        assert "Trường THPT Chuyên" in page and "15/12/2025 – 14/12/2026" in page
        refused = client.post(f"/bao-cao/{report.pk}/ky-gui/", follow=True).content.decode()
        assert "Báo cáo còn thiếu nội dung" in refused
        client.post(f"/bao-cao/{report.pk}/noi-dung/", {**TEXTS, "incidents_text": ""})
        done = client.post(f"/bao-cao/{report.pk}/ky-gui/", follow=True).content.decode()
        assert "Đã ký gửi báo cáo lên cấp trên" in done and "nội dung đã khóa" in done
        again = client.post(f"/bao-cao/{report.pk}/ky-gui/", follow=True).content.decode()
        assert "không gửi lại được" in again
        locked = client.post(f"/bao-cao/{report.pk}/noi-dung/", {**TEXTS, "situation": "Sửa"})
        assert locked.status_code == 400 and "đã khóa" in locked.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.situation == TEXTS["situation"]


def test_the_report_prints_as_pdf_and_docx(client, tree):
    """R41: printable in the administrative layout."""
    report = submitted(tree.school, tree.principal)
    client.force_login(tree.principal)
    pdf = client.get(f"/bao-cao/{report.pk}/in.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(f"/bao-cao/{report.pk}/in.docx")
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "BÁO CÁO" in xml and "Kết quả công tác bảo vệ bí mật nhà nước năm 2026" in xml
    assert "TÌNH HÌNH LỘ, MẤT BÍ MẬT NHÀ NƯỚC" in xml and "DỰ BÁO, PHƯƠNG HƯỚNG" in xml


def test_the_superior_uploads_a_package_and_a_tampered_one_is_refused_on_screen(client, tree):
    """P5: the import screen verifies the signature; a tampered upload shows the Vietnamese reason."""
    report = submitted(tree.department, tree.cast.director)
    blob = services.package_export(actor=tree.cast.director, report=report)
    services.trusted_key_register(actor=tree.admin, organisation=tree.department, public_key=public_key_b64())
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data.replace("Tình hình ổn định".encode(), "Tình hình tốt".encode()))
    client.force_login(tree.police_officer)
    refused = client.post(
        "/bao-cao/nhap-goi/", {"package": SimpleUploadedFile("goi.zip", buffer.getvalue())}, follow=True
    ).content.decode()
    assert "Chữ ký số không hợp lệ" in refused and not ImportedReport.objects.exists()
    done = client.post("/bao-cao/nhap-goi/", {"package": SimpleUploadedFile("goi.zip", blob)}, follow=True)
    page = done.content.decode()
    assert "Đã kiểm tra chữ ký số và nhập báo cáo năm 2026 của Sở Giáo dục và Đào tạo" in page
    assert "Tình hình ổn định." in page
    assert client.get(f"/bao-cao/da-nhan/{ImportedReport.objects.get().pk}/ban-in.pdf").content.startswith(b"%PDF")


def test_the_api_builds_edits_submits_and_refuses_a_second_submission(client, tree):
    """R41 through the API: same services, same Vietnamese refusals."""
    client.force_login(tree.principal)
    with clock.frozen_at(at(2026, 12, 10)):
        made = client.post("/api/reports/", {"year": 2026}, content_type="application/json")
        assert made.status_code == 201, made.json()
        pk = made.json()["id"]
        edited = client.post(f"/api/reports/{pk}/text/", TEXTS, content_type="application/json")
        assert edited.json()["situation"] == TEXTS["situation"]
        assert client.post(f"/api/reports/{pk}/submit/").json()["status"] == "SUBMITTED"
        twice = client.post(f"/api/reports/{pk}/submit/")
        assert twice.status_code == 400 and twice.json()["rule"] == "R41"
        assert "không gửi lại được" in twice.json()["detail"]
    client.force_login(tree.cast.outsider)
    assert client.get(f"/api/reports/{pk}/").status_code == 404


def test_the_api_refuses_a_tampered_package(client, tree):
    """P5 through the API: 400 with the reason; nothing stored."""
    report = submitted(tree.department, tree.cast.director)
    blob = services.package_export(actor=tree.cast.director, report=report)
    services.trusted_key_register(actor=tree.admin, organisation=tree.department, public_key=public_key_b64())
    parts = {}
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    body = json.loads(parts["data.json"])
    body["year"] = 2025
    parts["data.json"] = json.dumps(body).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    client.force_login(tree.police_officer)
    refused = client.post("/api/reports/packages/", {"package": SimpleUploadedFile("g.zip", buffer.getvalue())})
    assert refused.status_code == 400 and refused.json()["rule"] == "P5"
    assert "Chữ ký số không hợp lệ" in refused.json()["detail"] and not ImportedReport.objects.exists()
    ok = client.post("/api/reports/packages/", {"package": SimpleUploadedFile("g.zip", blob)})
    assert ok.status_code == 201 and ok.json()["year"] == 2026


def test_the_command_line_builds_submits_exports_and_imports(tree, tmp_path):
    """R41, P5 from `bmnn reports`: a tampered file is refused with the Vietnamese reason."""
    with clock.frozen_at(at(2026, 12, 16)):
        out = run("giamdoc", "report-build", "year=2026")
        pk = re.search(r"Báo cáo số (\d+):", out).group(1)
        run(
            "giamdoc",
            "report-edit",
            pk,
            f"situation={TEXTS['situation']}",
            f"results={TEXTS['results']}",
            f"proposals={TEXTS['proposals']}",
        )
        assert "Đã ký gửi" in run("giamdoc", "report-submit", pk)
        with pytest.raises(CommandError, match="không gửi lại được"):
            run("giamdoc", "report-submit", pk)
        package = tmp_path / "goi.zip"
        run("vanthu", "report-package", pk, "-o", str(package))
        run("giamdoc", "print", pk, "--format", "docx", "-o", str(tmp_path / "bc.docx"))
        assert (tmp_path / "bc.docx").read_bytes()[:2] == b"PK"
    key = run("quantri", "public-key").strip()
    with pytest.raises(CommandError, match="Chỉ quản trị viên"):
        run("giamdoc", "trusted-key-register", "organisation=SGDĐT", f"public_key={key}")
    run("quantri", "trusted-key-register", "organisation=SGDĐT", f"public_key={key}")
    tampered = tmp_path / "sua.zip"
    tampered.write_bytes(package.read_bytes()[:-40] + b"\0" * 40)
    with pytest.raises(CommandError, match="Gói báo cáo bị từ chối"):
        run("canbocongan", "report-import", f"package=@{tampered}")
    assert "Đã kiểm tra chữ ký số và nhập" in run("canbocongan", "report-import", f"package=@{package}")


def test_the_head_dashboard_lists_overdue_reports(client, tree):
    """R41: the head's dashboard flags subordinates whose report is overdue, and the own report's due date."""
    submitted(tree.school, tree.principal)
    client.force_login(tree.cast.director)
    with clock.frozen_at(at(2026, 12, 22)):
        page = client.get("/thu-truong/").content.decode()
    assert "Bảng theo dõi của thủ trưởng" in page
    assert "Trường THPT Nguyễn Trãi chưa gửi báo cáo năm 2026" in page
    assert "Báo cáo năm 2026 của đơn vị" in page and "quá hạn" in page

"""Signed report packages between installations (P5): export, verification against a registered key,
refusal of a tampered or wrongly signed package with nothing stored."""

import base64
import io
import json
import zipfile

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bmnn.audit.checkpoint import public_key_b64
from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.reports import services
from bmnn.reports.models import ImportedReport
from tests.helpers import at
from tests.reports.conftest import submitted


def _package(tree):
    report = submitted(tree.department, tree.cast.director)
    with clock.frozen_at(at(2026, 12, 16, 15)):
        return report, services.package_export(actor=tree.cast.clerk, report=report)


def _trust(tree, key=None):
    return services.trusted_key_register(
        actor=tree.admin, organisation=tree.department, public_key=key or public_key_b64(), label="Sở GDĐT"
    )


def _parts(blob):
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _refused(tree, blob, message):
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError, match=message) as refused:
        services.package_import(actor=tree.police_officer, recipient=tree.police, blob=blob)
    assert refused.value.rule == "P5"
    assert "Gói báo cáo bị từ chối, không lưu dữ liệu nào." in refused.value.message
    assert ImportedReport.objects.count() == 0 and AuditEvent.objects.count() == events


def test_the_package_holds_the_data_its_signature_and_the_printed_report(tree):
    """P5: data.json signed with the installation's Ed25519 key, the PDF's hash inside the signed data."""
    report, blob = _package(tree)
    parts = _parts(blob)
    assert set(parts) == {"data.json", "data.sig", "bao-cao.pdf"}
    body = json.loads(parts["data.json"])
    assert body["unit"]["name"] == tree.department.name and body["year"] == 2026
    assert body["figures"] == report.figures and body["sections"]["situation"] == report.situation
    assert body["public_key"] == public_key_b64()
    assert parts["bao-cao.pdf"].startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="reports.package.exported").count() == 1


def test_the_police_import_a_package_verified_against_the_department_key(tree):
    """P5: the superior imports the package; it counts in the police's own annual report."""
    _report, blob = _package(tree)
    key = _trust(tree)
    with clock.frozen_at(at(2026, 12, 17)):
        imported = services.package_import(actor=tree.police_officer, recipient=tree.police, blob=blob)
    assert imported.organisation == tree.department and imported.key == key and imported.year == 2026
    assert bytes(imported.pdf).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="reports.package.imported").count() == 1
    with clock.frozen_at(at(2026, 12, 18)):
        police = services.report_build(actor=tree.police_officer, unit=tree.police, year=2026)
    assert police.figures["subordinates"][0]["source"] == "imported"
    assert police.figures["subordinates"][0]["ref"] == imported.pk


def test_a_tampered_package_is_refused_and_nothing_is_stored(tree):
    """P5: one changed figure in data.json breaks the signature; the message says so in Vietnamese."""
    _report, blob = _package(tree)
    _trust(tree)
    parts = _parts(blob)
    body = json.loads(parts["data.json"])
    body["figures"]["total"]["incidents"]["total"] = 0
    body["sections"]["incidents_text"] = "Không có vụ việc."
    parts["data.json"] = json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1).encode()
    _refused(tree, _zip(parts), "Chữ ký số không hợp lệ: gói đã bị sửa đổi sau khi ký")


def test_a_swapped_printed_copy_is_refused(tree):
    """P5: the PDF is covered by the signature through its hash."""
    _report, blob = _package(tree)
    _trust(tree)
    parts = _parts(blob)
    parts["bao-cao.pdf"] = parts["bao-cao.pdf"].replace(b"%PDF", b"%PDF ", 1)
    _refused(tree, _zip(parts), "Bản in PDF trong gói không khớp với dữ liệu đã ký")


def test_a_package_signed_with_another_key_is_refused(tree):
    """P5: the department's registered key is not the one that signed (wrong key)."""
    _report, blob = _package(tree)
    other = (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    _trust(tree, base64.b64encode(other).decode())
    _refused(tree, blob, "không được ký bằng khóa đã đăng ký của Sở Giáo dục và Đào tạo")


def test_a_package_from_a_unit_without_a_registered_key_is_refused(tree):
    """P5: an administrator must register the sender's public key first."""
    _report, blob = _package(tree)
    _refused(tree, blob, "Chưa đăng ký khóa công khai của Sở Giáo dục và Đào tạo")


def test_a_revoked_key_no_longer_verifies(tree):
    """P5: once an administrator withdraws trust in a key, its packages are refused."""
    _report, blob = _package(tree)
    key = _trust(tree)
    services.trusted_key_revoke(actor=tree.admin, key=key)
    _refused(tree, blob, "Chưa đăng ký khóa công khai")


def test_garbage_and_incomplete_packages_are_refused(tree):
    """P5: a file that is not a package, or lacks a part, is refused with a clear message."""
    _trust(tree)
    _refused(tree, b"not a zip", "Tệp không phải gói báo cáo ký số")
    _report, blob = _package(tree)
    parts = _parts(blob)
    del parts["data.sig"]
    _refused(tree, _zip(parts), "Gói báo cáo thiếu tệp: data.sig")


def test_importing_twice_or_at_the_wrong_unit_is_refused(tree):
    """P5: a package is imported once, by the unit it is addressed to."""
    _report, blob = _package(tree)
    _trust(tree)
    with pytest.raises(DomainError, match="không gửi cho Sở Y tế"):
        services.package_import(actor=tree.cast.outsider, recipient=tree.cast.other_department, blob=blob)
    services.package_import(actor=tree.police_officer, recipient=tree.police, blob=blob)
    with pytest.raises(DomainError, match="Đã nhập báo cáo năm 2026 của Sở Giáo dục và Đào tạo trước đó"):
        services.package_import(actor=tree.police_officer, recipient=tree.police, blob=blob)
    assert ImportedReport.objects.count() == 1


def test_only_an_administrator_registers_keys_and_only_valid_ones(tree):
    """P5: the trusted-key table is kept by an administrator; a malformed key is refused."""
    with pytest.raises(PermissionDenied, match="Chỉ quản trị viên"):
        services.trusted_key_register(
            actor=tree.cast.director, organisation=tree.department, public_key=public_key_b64()
        )
    with pytest.raises(DomainError, match="Khóa công khai không hợp lệ"):
        services.trusted_key_register(actor=tree.admin, organisation=tree.department, public_key="abc")


def test_a_draft_cannot_be_exported(tree):
    """P5: only a signed and submitted report leaves the installation."""
    with clock.frozen_at(at(2026, 12, 10)):
        report = services.report_build(actor=tree.cast.director, unit=tree.department, year=2026)
    with pytest.raises(DomainError, match="Chỉ xuất gói ký số cho báo cáo đã ký gửi"):
        services.package_export(actor=tree.cast.director, report=report)


def test_an_administrator_registers_a_key_in_the_admin_and_a_malformed_one_is_refused(client, tree):
    """P5: the admin page goes through the audited service; a malformed key is refused on the form."""
    client.force_login(tree.admin)
    bad = client.post(
        "/admin/reports/trustedkey/add/", {"organisation": tree.department.pk, "public_key": "abc", "label": ""}
    )
    assert "Khóa công khai không hợp lệ" in bad.content.decode()
    client.post(
        "/admin/reports/trustedkey/add/",
        {"organisation": tree.department.pk, "public_key": public_key_b64(), "label": "Sở GDĐT"},
    )
    key = tree.department.trusted_keys.get()
    assert key.registered_by == tree.admin
    assert AuditEvent.objects.filter(action="reports.key.registered", target_id=str(key.pk)).exists()


def test_p5_a_package_with_malformed_fields_is_refused_not_a_server_error(tree):
    """P5: a package whose sender or year is not what the format says (a sender that is text, a year that
    is no number or missing, even under a valid signature) is refused in Vietnamese with nothing stored."""
    from bmnn.audit.checkpoint import signing_key

    _trust(tree)
    _report, blob = _package(tree)
    parts = _parts(blob)
    body = json.loads(parts["data.json"])
    for unit in ("Sở Giáo dục và Đào tạo", ["Sở Giáo dục và Đào tạo"]):
        _refused(
            tree, _zip({**parts, "data.json": json.dumps({**body, "unit": unit}).encode()}), "Gói không đúng định dạng"
        )
    for year in ("hai nghìn", None, [2026]):
        changed = {**body, "year": year} if year is not None else {k: v for k, v in body.items() if k != "year"}
        data = json.dumps(changed, ensure_ascii=False).encode()
        signed = {**parts, "data.json": data, "data.sig": base64.b64encode(signing_key().sign(data))}
        _refused(tree, _zip(signed), "Gói không đúng định dạng")

"""The superior holds an outside witness of each subordinate's audit log (S5, P5): every package carries a
signed checkpoint, and the next package must extend the one already imported."""

import base64
import json

import pytest
from django.db import connection

from bmnn.audit.chain import GENESIS, compute_hash, verify
from bmnn.audit.checkpoint import public_key_b64
from bmnn.audit.models import AuditEvent, ChainHead
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.reports import services
from bmnn.reports.models import ImportedReport
from tests.helpers import at
from tests.reports.conftest import submitted
from tests.reports.test_packages import _parts, _trust


def _export(tree, year):
    report = submitted(tree.department, tree.cast.director, year=year)
    with clock.frozen_at(at(year, 12, 17)):
        return services.package_export(actor=tree.cast.clerk, report=report)


def _import(tree, blob, year):
    with clock.frozen_at(at(year, 12, 18)):
        return services.package_import(actor=tree.police_officer, recipient=tree.police, blob=blob)


def _rewrite_chain(statement, params):
    """What an operator with database access (but not the signing key) can do: edit, then rehash the chain."""
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
    prev = GENESIS
    for event in AuditEvent.objects.order_by("seq"):
        event.prev_hash = prev
        prev = compute_hash(event)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE audit_auditevent SET prev_hash = %s, hash = %s WHERE seq = %s",
                [event.prev_hash, prev, event.seq],
            )
    ChainHead.objects.update(hash=prev)
    assert verify().ok


def test_the_package_carries_a_signed_checkpoint_of_the_subordinates_log_S5_P5(tree):
    _trust(tree)
    blob = _export(tree, 2025)
    audit = json.loads(_parts(blob)["data.json"])["audit"]
    checkpoint = audit["checkpoint"]
    assert checkpoint["public_key"] == public_key_b64() and audit["anchors"] == []
    assert checkpoint["hash"] == AuditEvent.objects.get(seq=checkpoint["seq"]).hash
    exported = AuditEvent.objects.get(action="reports.package.exported")
    assert (exported.data["checkpoint_seq"], exported.data["checkpoint_hash"]) == (
        checkpoint["seq"],
        checkpoint["hash"],
    )


def test_a_later_package_extending_the_held_checkpoint_is_imported_S5_P5(tree):
    _trust(tree)
    first = _import(tree, _export(tree, 2025), 2025)
    held = first.data["audit"]["checkpoint"]
    blob = _export(tree, 2026)
    anchors = json.loads(_parts(blob)["data.json"])["audit"]["anchors"]
    assert anchors == [{"seq": held["seq"], "hash": held["hash"]}]
    assert _import(tree, blob, 2026).year == 2026


def test_a_rewritten_chain_is_refused_against_the_superiors_witness_S5_P5(tree):
    """S5: an edit rehashed through the whole chain verifies alone, and the installation still signs a fresh
    checkpoint; the superior, holding last year's checkpoint, refuses the package and stores nothing."""
    _trust(tree)
    held = _import(tree, _export(tree, 2025), 2025).data["audit"]["checkpoint"]
    _rewrite_chain("UPDATE audit_auditevent SET actor_repr = %s WHERE seq = %s", ["Người khác (nguoikhac)", 2])
    blob = _export(tree, 2026)
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        _import(tree, blob, 2026)
    assert refused.value.message == (
        f"Nhật ký kiểm tra của {tree.department.name} không nối tiếp điểm kiểm tra đã nhận trước đó "
        f"(sự kiện #{held['seq']}): nhật ký đã bị viết lại hoặc cắt bớt. "
        "Gói báo cáo bị từ chối, không lưu dữ liệu nào."
    )
    assert ImportedReport.objects.filter(year=2026).count() == 0 and AuditEvent.objects.count() == events


def test_a_package_whose_exports_were_erased_from_the_log_is_refused_S5_P5(tree):
    """S5: deleting the record of earlier exports (so no anchor is sent) does not get past the witness."""
    _trust(tree)
    _import(tree, _export(tree, 2025), 2025)
    _rewrite_chain(
        "UPDATE audit_auditevent SET action = %s WHERE action = %s",
        ["reports.report.edited", "reports.package.exported"],
    )
    blob = _export(tree, 2026)
    assert json.loads(_parts(blob)["data.json"])["audit"]["anchors"] == []
    with pytest.raises(DomainError, match="không nối tiếp điểm kiểm tra đã nhận"):
        _import(tree, blob, 2026)


def test_a_package_without_a_valid_checkpoint_is_refused_S5_P5(tree):
    from bmnn.audit.checkpoint import signing_key
    from tests.reports.test_packages import _refused, _zip

    _trust(tree)
    parts = _parts(_export(tree, 2026))
    body = json.loads(parts["data.json"])
    forged = {**body["audit"], "checkpoint": {**body["audit"]["checkpoint"], "seq": 1}}
    for changed, message in (
        ({k: v for k, v in body.items() if k != "audit"}, "không mang điểm kiểm tra"),
        ({**body, "audit": forged}, "không có chữ ký hợp lệ"),
    ):
        data = json.dumps(changed, ensure_ascii=False).encode()
        signed = {**parts, "data.json": data, "data.sig": base64.b64encode(signing_key().sign(data))}
        _refused(tree, _zip(signed), message)


def test_a_broken_chain_exports_no_package_S5(tree):
    report = submitted(tree.department, tree.cast.director, year=2026)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET basis = 'R99' WHERE seq = 1")
    with pytest.raises(DomainError, match="Chuỗi nhật ký hỏng tại sự kiện #1"):
        services.package_export(actor=tree.cast.clerk, report=report)


def test_without_a_signing_key_production_exports_no_package_and_says_why_S5(tree, settings):
    report = submitted(tree.department, tree.cast.director, year=2026)
    settings.BMNN_SIGNING_KEY_GENERATE, settings.BMNN_SIGNING_KEY_FILE = False, ""
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        services.package_export(actor=tree.cast.clerk, report=report)
    assert refused.value.message.startswith("Không xuất được gói báo cáo: Chưa cấu hình khóa ký nhật ký")
    assert AuditEvent.objects.count() == events

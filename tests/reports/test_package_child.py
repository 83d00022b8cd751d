"""Issue 12: the web process never opens an uploaded report package. The capped child that checks it also
opens it, parses it and verifies its signatures; the web process reads only the child's answer. A malformed,
oversize or zip-bomb package is refused in Vietnamese with nothing imported (P5)."""

from __future__ import annotations

import io
import zipfile

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from bmnn.core import clock
from bmnn.core.uploadscan import ScanBusy, scan_slot
from bmnn.reports import services
from bmnn.reports.models import ImportedReport
from tests.helpers import at, operation_events

from .test_packages import _package, _parts, _refused, _trust, _zip


def _forbid_opening_here(monkeypatch) -> None:
    """Any zip opened or Ed25519 signature verified in this (the web) process fails the test."""

    def opened_here(*_args, **_kwargs):
        raise AssertionError("the web process opened the uploaded package itself")

    monkeypatch.setattr(zipfile.ZipFile, "__init__", opened_here)
    monkeypatch.setattr(Ed25519PublicKey, "from_public_bytes", opened_here)


def test_a_valid_package_is_imported_though_the_web_process_neither_opens_it_nor_verifies_it(tree, monkeypatch):
    """P5: the package is opened and its signature and checkpoint verified in the child; the import stands."""
    _report, blob = _package(tree)
    key = _trust(tree)
    _forbid_opening_here(monkeypatch)
    with clock.frozen_at(at(2026, 12, 17)):
        imported = services.package_import(actor=tree.police_officer, recipient=tree.police, blob=blob)
    assert imported.organisation == tree.department and imported.key == key and imported.year == 2026
    assert bytes(imported.pdf).startswith(b"%PDF") and len(imported.data_sha256) == 64 and imported.signature


def test_a_tampered_package_is_still_refused_by_the_child_s_verification(tree, monkeypatch):
    """P5: one digit changed in data.json: the child finds no registered key that signed it."""
    _report, blob = _package(tree)
    _trust(tree)
    parts = _parts(blob)
    assert b"2026" in parts["data.json"]
    parts["data.json"] = parts["data.json"].replace(b"2026", b"2025", 1)
    tampered = _zip(parts)
    _forbid_opening_here(monkeypatch)
    _refused(tree, tampered, "Chữ ký số không hợp lệ")


def test_malformed_packages_are_refused_in_vietnamese_and_nothing_is_imported(tree):
    """P5: data that is not JSON, JSON nested 100,000 deep, a truncated archive: each refused, nothing stored."""
    _report, blob = _package(tree)
    _trust(tree)
    parts = _parts(blob)
    _refused(tree, _zip({**parts, "data.json": b"{khong phai json"}), "Dữ liệu báo cáo trong gói không đọc được")
    _refused(tree, _zip({**parts, "data.json": b"[" * 100_000}), "Dữ liệu báo cáo trong gói không đọc được")
    _refused(tree, blob[: len(blob) // 2], "Gói báo cáo bị từ chối")


def test_a_package_too_large_once_opened_is_refused_before_it_is_read(tree, settings):
    """P5: with packages limited to 1 MB, a package holding 2 MB of data is refused before its data is read
    (a highly compressed one is refused by the check itself: the next test)."""
    settings.BMNN_UPLOAD_MAX_BYTES = {**settings.BMNN_UPLOAD_MAX_BYTES, "package": 1024 * 1024}
    _report, blob = _package(tree)
    _trust(tree)
    parts = _parts(blob)
    padded = parts["data.json"] + b" " * 2 * 1024 * 1024
    _refused(tree, _zip({**parts, "data.json": padded}), "quá lớn khi giải nén")


def test_a_zip_bomb_is_refused_and_nothing_is_imported(tree):
    """P5: a 400 KB archive that inflates to 400 MB (past the package limit and the child's memory cap)."""
    _report, blob = _package(tree)
    _trust(tree)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _parts(blob).items():
            if name != "bao-cao.pdf":
                archive.writestr(name, data)
        with archive.open("bao-cao.pdf", "w", force_zip64=True) as member:
            zeros = bytes(1024 * 1024)
            for _ in range(400):
                member.write(zeros)
    bomb = buffer.getvalue()
    assert len(bomb) < 1024 * 1024
    _refused(tree, bomb, "Gói báo cáo bị từ chối")


def test_with_every_check_slot_taken_a_package_is_refused_at_once(tree, settings):
    """Issue 12: no slot free: "try again later", nothing imported, nothing audited."""
    _report, blob = _package(tree)
    _trust(tree)
    settings.BMNN_UPLOAD_SCAN_CONCURRENCY = 1
    before = list(operation_events())
    with scan_slot(), pytest.raises(ScanBusy, match="đang kiểm tra tệp khác"):
        services.package_import(actor=tree.police_officer, recipient=tree.police, blob=blob)
    assert ImportedReport.objects.count() == 0 and list(operation_events()) == before

"""Sending an electronic secret to another installation and receiving it there (R27, R28, R47)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.exchange import package as fmt
from bmnn.exchange import services
from bmnn.exchange.models import Package, PackageKind, PackageStatus
from bmnn.org.models import SigningAuthority
from bmnn.registry.choices import Direction, Medium
from bmnn.registry.models import Carrier
from bmnn.vault import services as vault
from bmnn.vault.models import StoredFile
from bmnn.vault.reading import plaintext
from tests.vault.conftest import MARKER, secret_pdf

from .conftest import electronic_secret, members, rezip, send


def incoming_at(agency):
    return Carrier.objects.filter(agency=agency, direction=Direction.INCOMING)


def test_a_sent_package_is_verified_and_registered_by_the_second_installation_R27_R28(cast, pair):
    """R27, R28: A signs (signer and agency) and encrypts; B checks integrity, signatures, recipient, document and
    page counts and attachments, gives its "đến" number and keeps the files in its own vault."""
    carrier = electronic_secret(cast, pair, pages=(3, 2))
    blob = send(pair, carrier)
    assert MARKER not in blob  # encrypted to B: nothing of the content in clear
    sent = Package.objects.get(direction=Package.Direction.OUT, kind=PackageKind.DOCUMENT)
    assert (sent.status, sent.carrier, sent.peer) == (PackageStatus.SENT, carrier, pair.a_knows_b)
    assert sent.content is None and sent.sha256 == fmt.sha256(blob)  # the package is not kept, only its hash
    event = AuditEvent.objects.get(action="exchange.package.sent")
    assert event.data["signer"] == "Nguyễn Văn An" and event.data["pages"] == [3, 2] and "R27" in event.basis

    received = pair.b.import_(blob)
    assert received.status == PackageStatus.RECEIVED
    record = received.carrier
    assert (record.agency, record.direction, record.reg_number) == (cast.other_department, Direction.INCOMING, 1)
    assert (record.doc_number, record.level, record.medium) == (carrier.doc_number, Level.TOI_MAT, Medium.ELECTRONIC)
    assert record.sender == "Sở Giáo dục và Đào tạo" and record.custodian == cast.outsider
    assert received.checks["integrity"] and received.checks["recipient"] and received.checks["signer_signature"]
    assert received.checks["document_count"] == {"declared": 2, "listed": 2, "received": 2}
    assert received.checks["attachments"] == ["phu-luc-1.pdf"]
    assert [p["counted"] for p in received.checks["pages"]] == [3, 2]
    files = list(StoredFile.objects.filter(carrier=record).order_by("pk"))
    assert [f.name for f in files] == ["de-thi.pdf", "phu-luc-1.pdf"]
    with pair.b.active():
        assert MARKER in plaintext(files[0])  # readable in B's vault, with B's keys
    actions = set(AuditEvent.objects.filter(target_id=str(record.pk)).values_list("action", flat=True))
    assert {"registry.incoming.registered", "vault.file.stored", "exchange.package.received"} <= actions

    with pytest.raises(DomainError) as again:  # the same package twice registers nothing more
        pair.b.import_(blob)
    assert again.value.rule == "R28" and incoming_at(cast.other_department).count() == 1


def assert_rejected(cast, pair, blob, reason_part):
    """Answered with a signed error package; nothing registered at B; A learns why when it imports the reply."""
    before = StoredFile.objects.count()
    rejected = pair.b.import_(blob)
    assert rejected.status == PackageStatus.REJECTED and reason_part in rejected.reason
    assert not incoming_at(cast.other_department).exists() and StoredFile.objects.count() == before
    assert AuditEvent.objects.filter(action="exchange.package.rejected").count() == 1
    assert not AuditEvent.objects.filter(action="registry.incoming.registered").exists()
    reply = fmt.open_sealed(bytes(rejected.content))
    assert reply.envelope["kind"] == PackageKind.ERROR
    assert reason_part in " ".join(json.loads(reply.payload)["reasons"])
    error = pair.a.import_(bytes(rejected.content))
    sent = Package.objects.get(direction=Package.Direction.OUT, kind=PackageKind.DOCUMENT)
    assert error.refers_to == sent and sent.status == PackageStatus.REJECTED_BY_RECIPIENT
    assert reason_part in sent.reason
    return rejected


def test_a_tampered_package_is_answered_with_an_error_package_R28(cast, pair):
    """R28: one byte of the encrypted payload changed: the agency's signature no longer verifies."""
    parts = members(send(pair, electronic_secret(cast, pair)))
    payload = bytearray(parts[fmt.PAYLOAD])
    payload[len(payload) // 2] ^= 0x01
    parts[fmt.PAYLOAD] = bytes(payload)
    assert_rejected(cast, pair, rezip(parts), "gói đã bị sửa đổi sau khi ký")


def test_a_package_for_another_recipient_is_answered_with_an_error_package_R28(cast, pair, tmp_path):
    """R28: A sent it, correctly signed, to a third installation; B cannot open it and says so."""
    from .conftest import Installation

    third = Installation("Hệ thống của Công an tỉnh", tmp_path / "c", cast.school, cast.clerk, pair.a.settings)
    police = pair.a.register_peer(pair.admin, third, name="Công an tỉnh Thử Nghiệm")
    blob = send(pair, electronic_secret(cast, pair), peer=police)
    assert_rejected(cast, pair, blob, "Gói gửi cho Công an tỉnh Thử Nghiệm, không phải Sở Y tế: gửi nhầm nơi nhận.")


def test_a_page_count_mismatch_is_answered_with_an_error_package_R28(cast, pair, monkeypatch):
    """R28: a package signed by a faulty sender declares 5 pages for a file of 3: refused, nothing registered."""
    from bmnn.exchange.services import sending

    real = sending.document_metadata

    def wrong_pages(*args, **kwargs):
        document = real(*args, **kwargs)
        document["files"][0]["pages"] = 5
        return document

    monkeypatch.setattr(sending, "document_metadata", wrong_pages)
    blob = send(pair, electronic_secret(cast, pair, pages=(3,)))
    assert_rejected(cast, pair, blob, "Số trang của tệp de-thi.pdf không khớp: ghi 5 trang, thực tế 3 trang.")


def test_a_file_whose_mark_differs_from_the_signed_level_is_answered_with_an_error_package_R28_R4(cast, pair):
    """R28, R4: A's clerk kept a file stamped Mật on a Tối mật record (with a reason); B checks each file's mark
    against the level the package was signed for and registers nothing."""
    carrier = electronic_secret(cast, pair, pages=())
    with pair.a.active():
        vault.file_store(
            actor=cast.clerk,
            carrier=carrier,
            reason="Bản dự thảo còn dấu cũ",
            upload=SimpleUploadedFile("de-thi.pdf", secret_pdf(2, stamp="MẬT"), "application/pdf"),
        )
    blob = send(pair, carrier)
    assert_rejected(cast, pair, blob, "Tệp de-thi.pdf: Dấu độ mật trong tệp (Mật) khác độ mật của hồ sơ (Tối mật).")


def test_a_missing_attachment_is_answered_with_an_error_package_R28(cast, pair, monkeypatch):
    """R28: the attachments listed must be the files in the package."""
    from bmnn.exchange.services import sending

    real = sending.document_metadata

    def extra_attachment(*args, **kwargs):
        document = real(*args, **kwargs)
        document["attachments"] = [*document["attachments"], "phu-luc-thieu.pdf"]
        return document

    monkeypatch.setattr(sending, "document_metadata", extra_attachment)
    blob = send(pair, electronic_secret(cast, pair, pages=(1, 1)))
    assert_rejected(cast, pair, blob, "Danh sách phụ lục, tài liệu kèm theo không khớp")


def test_an_unknown_sender_or_a_broken_file_is_refused_and_nothing_is_recorded_R28(cast, pair):
    blob = send(pair, electronic_secret(cast, pair))
    pair.b_knows_a.delete()
    with pytest.raises(DomainError) as unknown:
        pair.b.import_(blob)
    assert "chưa được quản trị viên đăng ký khóa công khai" in unknown.value.message
    with pytest.raises(DomainError) as broken:
        pair.b.import_(b"PK not a zip")
    assert broken.value.rule == "R28"
    assert not Package.objects.filter(agency=cast.other_department).exists()


def test_issuing_without_a_signer_in_the_table_is_refused_R47(cast, pair):
    """R47: no issue, so nothing to send, without a signer in the table; a signer dropped from the table since
    cannot have the package signed either."""
    with pytest.raises(DomainError) as refused:
        electronic_secret(cast, pair, signer=cast.exams_head)
    assert refused.value.rule == "R47"
    carrier = electronic_secret(cast, pair)
    SigningAuthority.objects.filter(agency=cast.department).delete()
    with pytest.raises(DomainError) as unsigned:
        send(pair, carrier)
    assert unsigned.value.rule == "R47"
    assert not Package.objects.exists() and not AuditEvent.objects.filter(action="exchange.package.sent").exists()


def test_only_the_clerk_sends_and_only_a_record_with_files_R27(cast, pair):
    carrier = electronic_secret(cast, pair, pages=())
    with pytest.raises(DomainError) as empty, pair.a.active():
        services.package_send(actor=cast.clerk, carrier=carrier, peer=pair.a_knows_b)
    assert "chưa có tệp điện tử" in empty.value.message
    with pytest.raises(PermissionDenied), pair.a.active():
        services.package_send(actor=cast.officer, carrier=carrier, peer=pair.a_knows_b)
    assert not Package.objects.exists()


def test_only_an_administrator_registers_a_peer_and_only_valid_keys_R27(cast, pair):
    card = pair.b.key_card()
    with pytest.raises(PermissionDenied):
        services.peer_register(
            actor=cast.clerk,
            name="X",
            signing_public_key=card["signing_public_key"],
            transport_public_key=card["transport_public_key"],
        )
    with pytest.raises(DomainError) as bad:
        services.peer_register(
            actor=pair.admin,
            name="X",
            signing_public_key="khong-phai-khoa",
            transport_public_key=card["transport_public_key"],
        )
    assert bad.value.field == "signing_public_key"
    assert AuditEvent.objects.filter(action="exchange.peer.registered").count() == 2  # the fixture's two

"""Recall of an electronic secret sent to other installations, with confirmations (R46)."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.exchange import package as fmt
from bmnn.exchange import services
from bmnn.exchange.models import Package, PackageKind, PackageStatus
from bmnn.vault.models import StoredFile
from bmnn.vault.reading import plaintext

from .conftest import electronic_secret, send


def a_third_installation(pair):
    """A third recipient: only its public keys are known here (it never answers in this test)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from bmnn.exchange.keys import public_b64

    return services.peer_register(
        actor=pair.admin,
        name="Công an tỉnh Thử Nghiệm",
        signing_public_key=public_b64(Ed25519PrivateKey.generate()),
        transport_public_key=public_b64(X25519PrivateKey.generate()),
    )


def test_one_recall_covers_every_recipient_and_the_sender_sees_who_confirmed_R46(cast, pair, client):
    """R46: A recalls the record once: one signed recall package per installation it was sent to (B and a third);
    B imports its recall (files erased at once, a signed confirmation back); A imports B's confirmation; the due
    page and the record page show B confirmed and the third one not yet."""
    carrier = electronic_secret(cast, pair, pages=(2, 1))
    police = a_third_installation(pair)
    blob = send(pair, carrier)
    send(pair, carrier, peer=police)
    to_b = Package.objects.get(kind=PackageKind.DOCUMENT, peer=pair.a_knows_b)
    received = pair.b.import_(blob)
    files = list(StoredFile.objects.filter(carrier=received.carrier))
    with pair.b.active():
        assert plaintext(files[0])  # readable before the recall

    before = list(Package.objects.values_list("pk", "status"))
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied), pair.a.active():  # R46: a sender with authority, not any officer
        services.document_recall(actor=cast.officer, carrier=carrier, reason="x")
    assert list(Package.objects.values_list("pk", "status")) == before and AuditEvent.objects.count() == events
    with pair.a.active():
        recalls = services.document_recall(actor=cast.director, carrier=carrier, reason="Phát hiện sai sót")
    assert sorted(str(r.peer) for r in recalls) == sorted([str(pair.a_knows_b), str(police)])
    recall_b = next(r for r in recalls if r.peer == pair.a_knows_b)
    recall_police = next(r for r in recalls if r.peer == police)
    assert fmt.open_sealed(bytes(recall_b.content)).envelope["kind"] == PackageKind.RECALL
    assert fmt.open_sealed(bytes(recall_police.content)).envelope["recipient"]["name"] == police.name
    assert set(Package.objects.filter(kind=PackageKind.DOCUMENT, direction="OUT").values_list("status", flat=True)) == {
        PackageStatus.RECALLED
    }
    issued = AuditEvent.objects.get(action="exchange.recall.issued")
    assert issued.target_id == str(carrier.pk) and len(issued.data["recipients"]) == 2
    before = list(Package.objects.values_list("pk", "status"))
    with pytest.raises(DomainError, match="Không có nơi nhận nào"), pair.a.active():  # recalled once
        services.document_recall(actor=cast.clerk, carrier=carrier)
    assert list(Package.objects.values_list("pk", "status")) == before

    applied = pair.b.import_(bytes(recall_b.content))
    for stored in files:
        stored.refresh_from_db()
        assert stored.erased and stored.wrapped_key is None
        with pytest.raises(DomainError), pair.b.active():
            plaintext(stored)  # access removed at once
    received.refresh_from_db()
    assert received.status == PackageStatus.ERASED
    assert AuditEvent.objects.filter(action="exchange.recall.applied", target_id=str(received.carrier_id)).exists()
    assert AuditEvent.objects.filter(action="vault.file.erased", basis="R46, R44").count() == len(files) == 2
    assert fmt.open_sealed(bytes(applied.content)).envelope["kind"] == PackageKind.CONFIRMATION
    with pytest.raises(DomainError):  # the same recall again: refused, nothing more
        pair.b.import_(bytes(recall_b.content))

    pair.a.import_(bytes(applied.content))
    recall_b.refresh_from_db()
    recall_police.refresh_from_db()
    to_b.refresh_from_db()
    assert recall_b.confirmed_at is not None and recall_police.confirmed_at is None
    assert to_b.status == PackageStatus.RECALL_CONFIRMED
    assert AuditEvent.objects.filter(action="exchange.recall.confirmed").count() == 1

    client.force_login(cast.clerk)
    page = client.get(reverse("lifecycle:due")).content.decode()
    assert "Tài liệu điện tử mật đã thu hồi: xác nhận xóa của nơi nhận" in page
    assert page.count("Đã xác nhận xóa lúc") == 1 and page.count("Chưa xác nhận xóa") == 1
    assert "Sở Y tế" in page and "Công an tỉnh Thử Nghiệm" in page
    record = client.get(reverse("registry:carrier", args=[carrier.pk])).content.decode()
    assert "Gửi điện tử và thu hồi: từng nơi nhận" in record
    assert record.count("Đã xác nhận xóa lúc") == 1 and record.count("chưa xác nhận xóa") == 1
    assert reverse("exchange:package", args=[recall_police.pk]) in record  # where its package is downloaded again
    client.force_login(cast.junior)  # a Mật-cleared officer does not see the Tối mật record's recalls
    assert "xác nhận xóa của nơi nhận" not in client.get(reverse("lifecycle:due")).content.decode()


def test_the_recall_screen_of_a_record_makes_a_package_per_recipient_R46(cast, pair, client):
    """R46: the record offers the recall while a recipient holds it; the screen makes every package at once; each
    is downloaded from its own page; a record never sent is not offered the recall."""
    carrier = electronic_secret(cast, pair)
    client.force_login(cast.clerk)
    url = reverse("ops:exchange-recall", args=[carrier.pk])
    assert url not in client.get(reverse("registry:carrier", args=[carrier.pk])).content.decode()
    refused = client.post(url, {"reason": "x"})
    assert refused.status_code in (400, 403) and "Không có nơi nhận nào" in refused.content.decode()
    send(pair, carrier)
    send(pair, carrier, peer=a_third_installation(pair))
    assert url in client.get(reverse("registry:carrier", args=[carrier.pk])).content.decode()
    with pair.a.active():
        done = client.post(url, {"reason": "Thay thế văn bản"}, follow=True).content.decode()
    assert "Đã lập 2 gói thu hồi, mỗi nơi nhận một gói" in done
    for recall in Package.objects.filter(kind=PackageKind.RECALL):
        with pair.a.active():
            got = client.post(reverse("ops:exchange-package-file", args=[recall.pk]))
        assert got["Content-Disposition"].startswith('attachment; filename="goi-thu-hoi-')
        assert fmt.open_sealed(got.content).envelope["recipient"]["name"] == recall.peer.name


def test_a_recall_or_confirmation_signed_by_someone_else_is_refused_R46(cast, pair):
    carrier = electronic_secret(cast, pair)
    blob = send(pair, carrier)
    pair.b.import_(blob)
    with pair.a.active():
        (recall,) = services.document_recall(actor=cast.clerk, carrier=carrier)
    parts = fmt.open_sealed(bytes(recall.content))
    forged = fmt.seal(
        {k: v for k, v in parts.envelope.items() if k != "format"}, parts.payload, Ed25519PrivateKey.generate()
    )  # B's key named in the envelope, signed by another
    with pytest.raises(DomainError) as refused:
        pair.b.import_(forged)
    assert "không hợp lệ" in refused.value.message
    assert not StoredFile.objects.filter(erased_at__isnull=False).exists()

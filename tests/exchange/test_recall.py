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


def test_recall_erases_at_the_recipient_and_the_sender_sees_who_confirmed_R46(cast, pair, client):
    """R46: A recalls from B and from a third recipient; B imports the recall (its files erased at once, a signed
    confirmation back); A imports B's confirmation; the due page shows B confirmed and the third one not yet."""
    carrier = electronic_secret(cast, pair, pages=(2, 1))
    police = a_third_installation(pair)
    blob = send(pair, carrier)
    send(pair, carrier, peer=police)
    to_b = Package.objects.get(kind=PackageKind.DOCUMENT, peer=pair.a_knows_b)
    to_police = Package.objects.get(kind=PackageKind.DOCUMENT, peer=police)
    received = pair.b.import_(blob)
    files = list(StoredFile.objects.filter(carrier=received.carrier))
    with pair.b.active():
        assert plaintext(files[0])  # readable before the recall

    with pytest.raises(PermissionDenied), pair.a.active():  # R46: a sender with authority, not any officer
        services.package_recall(actor=cast.officer, sent=to_b, reason="x")
    with pair.a.active():
        recall_b = services.package_recall(actor=cast.director, sent=to_b, reason="Phát hiện sai sót, thu hồi")
        recall_police = services.package_recall(actor=cast.clerk, sent=to_police)
    assert fmt.open_sealed(bytes(recall_b.content)).envelope["kind"] == PackageKind.RECALL
    to_b.refresh_from_db()
    assert to_b.status == PackageStatus.RECALLED
    assert AuditEvent.objects.filter(action="exchange.recall.issued").count() == 2
    with pytest.raises(DomainError), pair.a.active():  # recalled once
        services.package_recall(actor=cast.clerk, sent=to_b)

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
    assert recall_b.confirmed_at is not None and recall_police.confirmed_at is None
    assert AuditEvent.objects.filter(action="exchange.recall.confirmed").count() == 1

    client.force_login(cast.clerk)
    page = client.get(reverse("lifecycle:due")).content.decode()
    assert "Tài liệu điện tử mật đã thu hồi: xác nhận xóa của nơi nhận" in page
    assert page.count("Đã xác nhận xóa lúc") == 1 and page.count("Chưa xác nhận xóa") == 1
    assert "Sở Y tế" in page and "Công an tỉnh Thử Nghiệm" in page
    client.force_login(cast.junior)  # a Mật-cleared officer does not see the Tối mật record's recalls
    assert "xác nhận xóa của nơi nhận" not in client.get(reverse("lifecycle:due")).content.decode()


def test_a_recall_or_confirmation_signed_by_someone_else_is_refused_R46(cast, pair):
    carrier = electronic_secret(cast, pair)
    blob = send(pair, carrier)
    pair.b.import_(blob)
    sent = Package.objects.get(direction=Package.Direction.OUT, kind=PackageKind.DOCUMENT)
    with pair.a.active():
        recall = services.package_recall(actor=cast.clerk, sent=sent)
    parts = fmt.open_sealed(bytes(recall.content))
    forged = fmt.seal(
        {k: v for k, v in parts.envelope.items() if k != "format"}, parts.payload, Ed25519PrivateKey.generate()
    )  # B's key named in the envelope, signed by another
    with pytest.raises(DomainError) as refused:
        pair.b.import_(forged)
    assert "không hợp lệ" in refused.value.message
    assert not StoredFile.objects.filter(erased_at__isnull=False).exists()

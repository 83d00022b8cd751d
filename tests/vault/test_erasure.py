"""Crypto-erasure on destruction (R36): the data key destroyed, then the ciphertext; recorded; nothing readable left."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError
from bmnn.registry.choices import Status
from bmnn.registry.models import Carrier
from bmnn.vault import reading, services
from bmnn.vault.models import StoredFile

from .conftest import MARKER, every_byte_under, store


def destroyed_before_erasure(carrier):
    """A record destroyed while its files stayed (by a version that did not erase them with the record): the
    catch-up erasure is what is left for them. Today's destructions erase them at once (test_destruction)."""
    Carrier.objects.filter(pk=carrier.pk).update(status=Status.DESTROYED)


def test_erasure_waits_for_the_destruction_of_the_record_R36(cast, stored, client):
    with pytest.raises(DomainError, match="biên bản tiêu hủy"):
        services.file_erase(actor=cast.clerk, stored=stored)
    client.force_login(cast.clerk)
    refused = client.post(reverse("ops:vault-erase", args=[stored.pk]), follow=True)
    assert "Chỉ xóa tệp khi BMNN đã có biên bản tiêu hủy." in refused.content.decode()
    stored.refresh_from_db()
    assert not stored.erased and reading.plaintext(stored).startswith(b"%PDF-")


def test_crypto_erasure_destroys_the_key_then_the_ciphertext_and_leaves_no_readable_byte_R36(
    cast, exam_paper, client, settings, django_capture_on_commit_callbacks
):
    stored, other = store(cast, exam_paper), store(cast, exam_paper)
    blob = Path(settings.BMNN_VAULT_DIR) / f"{stored.blob}.enc"
    assert blob.exists()
    destroyed_before_erasure(exam_paper)
    client.force_login(cast.officer)  # not the custodian nor the clerk: refused
    refused = client.post(reverse("ops:vault-erase", args=[stored.pk]), follow=True)
    assert "Chỉ người quản lý BMNN hoặc văn thư" in refused.content.decode()
    stored.refresh_from_db()
    assert not stored.erased and blob.exists()
    client.force_login(cast.clerk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("ops:vault-erase", args=[stored.pk]))
        assert blob.exists()  # the ciphertext goes only once the key's destruction is committed
    assert response.status_code == 302 and len(callbacks) == 1
    stored.refresh_from_db()
    assert stored.erased and stored.wrapped_key is None and stored.kek_id == "" and stored.erased_by == cast.clerk
    assert not blob.exists()
    remaining = every_byte_under(Path(settings.BMNN_VAULT_DIR))
    assert remaining == (Path(settings.BMNN_VAULT_DIR) / f"{other.blob}.enc").read_bytes()  # only the other file
    assert MARKER not in remaining
    dump = io.StringIO()
    call_command("dumpdata", "vault", stdout=dump)
    assert MARKER.decode() not in dump.getvalue()
    with pytest.raises(DomainError, match="xóa không khôi phục"):
        reading.plaintext(stored)
    assert client.get(reverse("vault:page", args=[stored.pk, 1])).status_code == 404
    event = AuditEvent.objects.get(action="vault.file.erased")
    assert event.data["file_id"] == stored.pk and event.basis.startswith("R36")
    with pytest.raises(DomainError, match="đã được xóa"):
        services.file_erase(actor=cast.clerk, stored=stored)
    assert StoredFile.objects.filter(erased_at__isnull=False).count() == 1


def test_a_rolled_back_erasure_leaves_the_key_and_the_ciphertext_R36(cast, exam_paper, settings):
    from django.db import transaction

    stored = store(cast, exam_paper)
    destroyed_before_erasure(exam_paper)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.file_erase(actor=cast.clerk, stored=stored)
        raise RuntimeError("the surrounding transaction fails")
    stored.refresh_from_db()
    assert not stored.erased and (Path(settings.BMNN_VAULT_DIR) / f"{stored.blob}.enc").exists()
    assert reading.plaintext(stored).startswith(b"%PDF-")

"""Key rotation (S6): every data key re-wrapped under a new key-encryption key, files untouched; audited; only
administrators."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import PermissionDenied
from bmnn.vault import crypto, keys, reading, services
from bmnn.vault.models import StoredFile
from tests.helpers import command

from .conftest import store


def test_rotation_rewraps_every_data_key_without_touching_the_files_S6(
    cast, exam_paper, settings, django_capture_on_commit_callbacks
):
    files = [store(cast, exam_paper), store(cast, exam_paper)]
    before = {f.pk: (Path(settings.BMNN_VAULT_DIR) / f"{f.blob}.enc").read_bytes() for f in files}
    plain = {f.pk: reading.plaintext(f) for f in files}
    old = keys.current_key()
    cast.director.is_superuser = True
    cast.director.save(update_fields=["is_superuser"])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.key_rotate(actor=cast.director) == 2
    new = keys.current_key()
    assert new != old and not keys.pending_path().exists()
    for f in StoredFile.objects.all():
        assert f.kek_id == crypto.fingerprint(new)
        assert (Path(settings.BMNN_VAULT_DIR) / f"{f.blob}.enc").read_bytes() == before[f.pk]  # not re-encrypted
        assert reading.plaintext(f) == plain[f.pk]
        with pytest.raises(crypto.CorruptCiphertext):  # the old key opens nothing any more
            crypto.unwrap(old, bytes(f.wrapped_key), f.blob)
    keys.startup_check()
    event = AuditEvent.objects.get(action="vault.key.rotated")
    assert event.data == {"old_key": crypto.fingerprint(old), "new_key": crypto.fingerprint(new), "rewrapped": 2}


def test_an_interrupted_rotation_leaves_every_file_readable_S6(cast, stored, settings):
    """The commit happened but the new key was not moved into place yet: both key files are read."""
    cast.director.is_superuser = True
    cast.director.save(update_fields=["is_superuser"])
    services.key_rotate(actor=cast.director)  # on_commit is not run inside the test's transaction
    assert keys.pending_path().exists()
    stored.refresh_from_db()
    keys.startup_check()
    assert reading.plaintext(stored).startswith(b"%PDF-")
    keys.finish_pending_rotation()
    assert reading.plaintext(stored).startswith(b"%PDF-")


def test_only_an_administrator_rotates_the_key_from_the_screen_or_the_command_S6(cast, stored, client):
    old = keys.current_key()
    with pytest.raises(PermissionDenied):
        services.key_rotate(actor=cast.clerk)
    client.force_login(cast.clerk)
    refused = client.post(reverse("ops:vault-rotate-key"))
    assert refused.status_code == 400 and "Chỉ quản trị hệ thống" in refused.content.decode()
    assert keys.current_key() == old and not keys.pending_path().exists()
    assert not AuditEvent.objects.filter(action="vault.key.rotated").exists()
    cast.director.is_superuser = True
    cast.director.save(update_fields=["is_superuser"])
    out = command("vault", cast.director.username, "vault-rotate-key")
    assert "bọc lại 1 khóa dữ liệu" in out
    assert AuditEvent.objects.filter(action="vault.key.rotated").count() == 1


def test_a_file_stored_while_a_rotation_finishes_is_wrapped_under_the_new_key_S6(cast, exam_paper, stored):
    """The rotation committed, its new key is not yet in place: a new file takes the new key, not the retiring one."""
    cast.director.is_superuser = True
    cast.director.save(update_fields=["is_superuser"])
    old = keys.current_key()
    services.key_rotate(actor=cast.director)  # on_commit (moving the key into place) has not run yet
    new = keys.keyring()[next(k for k in keys.keyring() if k != crypto.fingerprint(old))]
    late = store(cast, exam_paper)
    assert late.kek_id == crypto.fingerprint(new)
    keys.finish_pending_rotation()
    assert keys.current_key() == new
    keys.startup_check()
    assert reading.plaintext(late).startswith(b"%PDF-")


def test_a_wrong_key_is_refused_even_when_no_file_holds_a_data_key_any_more_S6(
    cast, exam_paper, stored, settings, tmp_path
):
    from bmnn.vault.models import KeyState

    StoredFile.objects.update(wrapped_key=None, kek_id="")  # as after erasing every file
    assert KeyState.objects.get().kek_id == crypto.fingerprint(keys.current_key())
    wrong = tmp_path / "khac.key"
    keys.write_key(wrong, crypto.new_key())
    settings.BMNN_VAULT_KEY_FILE = str(wrong)
    with pytest.raises(keys.VaultKeyError, match="không phải khóa"):
        keys.startup_check()
    with pytest.raises(keys.VaultKeyError, match="không phải khóa đang dùng"):
        store(cast, exam_paper)

"""Encryption at rest (S6): uploads stream into the vault encrypted; no byte of the content on disk, in the
database or in the temporary directory; a missing or wrong key refuses with a clear message."""

from __future__ import annotations

import base64
import io
import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.vault import crypto, keys, reading, services
from bmnn.vault.models import StoredFile

from .conftest import MARKER, every_byte_under, secret_pdf, store


def test_an_upload_through_the_screen_is_encrypted_as_it_arrives_nothing_in_clear_anywhere_S6(
    cast, exam_paper, client, settings, tmp_path, monkeypatch
):
    """S6: the ciphertext on disk, the database and the temporary directory hold no byte run of the marker; a file
    larger than Django's in-memory limit would otherwise have been spooled to the temp directory in clear."""
    temp = tmp_path / "temp"
    temp.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(temp)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    data = secret_pdf(padding=3 * 1024 * 1024)
    assert len(data) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    client.force_login(cast.clerk)
    response = client.post(
        reverse("ops:vault-upload", args=[exam_paper.pk]),
        {"file": SimpleUploadedFile("de-thi.pdf", data, "application/pdf")},
    )
    stored = StoredFile.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("vault:file", args=[stored.pk])
    assert stored.size == len(data) and stored.carrier == exam_paper

    on_disk = every_byte_under(Path(settings.BMNN_VAULT_DIR))
    assert len(on_disk) > len(data)  # the ciphertext is there...
    assert MARKER not in on_disk and MARKER[:12] not in on_disk  # ...and holds no run of the marker
    assert every_byte_under(temp) == b""  # nothing spooled to the temporary directory
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert MARKER.decode() not in dump.getvalue()
    assert base64.b64encode(MARKER[:12]).decode()[:12] not in dump.getvalue()
    assert reading.plaintext(stored) == data  # and it decrypts to exactly what was uploaded
    event = AuditEvent.objects.get(action="vault.file.stored")
    assert event.target_id == str(exam_paper.pk) and event.data["file_id"] == stored.pk


def test_each_file_has_its_own_data_key_and_the_database_holds_it_only_wrapped_S6(cast, exam_paper):
    one, two = store(cast, exam_paper), store(cast, exam_paper)
    assert bytes(one.wrapped_key) != bytes(two.wrapped_key)
    kek = keys.current_key()
    assert crypto.unwrap(kek, bytes(one.wrapped_key), one.blob) != crypto.unwrap(kek, bytes(two.wrapped_key), two.blob)
    assert one.kek_id == two.kek_id == crypto.fingerprint(kek)


def test_a_file_that_is_not_a_pdf_is_refused_and_leaves_no_ciphertext_behind(cast, exam_paper, settings):
    with pytest.raises(DomainError, match="chỉ nhận tệp PDF"):
        services.file_store(
            actor=cast.clerk, carrier=exam_paper, upload=SimpleUploadedFile("a.txt", b"khong phai pdf " + MARKER)
        )
    assert not StoredFile.objects.exists()
    assert every_byte_under(Path(settings.BMNN_VAULT_DIR)) == b""


def test_only_the_custodian_or_the_clerk_uploads_and_a_refusal_leaves_nothing_S6(cast, exam_paper, client, settings):
    exam_paper.custodian = cast.exams_head
    exam_paper.save(update_fields=["custodian"])
    with pytest.raises(PermissionDenied):
        store_as = services.file_store
        store_as(actor=cast.officer, carrier=exam_paper, upload=SimpleUploadedFile("a.pdf", secret_pdf()))
    client.force_login(cast.officer)
    response = client.post(
        reverse("ops:vault-upload", args=[exam_paper.pk]),
        {"file": SimpleUploadedFile("a.pdf", secret_pdf(), "application/pdf")},
    )
    assert response.status_code in (400, 403)
    assert not StoredFile.objects.exists()
    assert every_byte_under(Path(settings.BMNN_VAULT_DIR)) == b""
    assert not AuditEvent.objects.filter(action="vault.file.stored").exists()
    store(cast, exam_paper)  # the clerk (the agency's register keeper) may
    assert StoredFile.objects.count() == 1


def test_without_a_configured_key_the_vault_refuses_with_a_clear_message_S6(cast, exam_paper, settings):
    settings.BMNN_VAULT_KEY_FILE = ""
    with pytest.raises(keys.VaultKeyError, match="Chưa cấu hình khóa mã hóa") as refused:
        store(cast, exam_paper)
    assert "BMNN_VAULT_KEY" in refused.value.message
    assert not StoredFile.objects.exists()


def test_a_missing_or_malformed_key_file_is_never_replaced_in_production_S6(cast, exam_paper, settings, tmp_path):
    settings.BMNN_VAULT_KEY_CREATE = False
    settings.BMNN_VAULT_KEY_FILE = str(tmp_path / "khong-co.key")
    with pytest.raises(keys.VaultKeyError, match="Không tìm thấy tệp khóa"):
        keys.startup_check()
    with pytest.raises(keys.VaultKeyError, match="Không tìm thấy tệp khóa"):
        store(cast, exam_paper)
    assert not (tmp_path / "khong-co.key").exists()
    bad = tmp_path / "hong.key"
    bad.write_text("khong phai khoa\n")
    settings.BMNN_VAULT_KEY_FILE = str(bad)
    with pytest.raises(keys.VaultKeyError, match="không đúng định dạng"):
        keys.startup_check()


def test_a_wrong_key_refuses_to_start_and_to_read_with_a_clear_message_S6(stored, settings, tmp_path, client, cast):
    wrong = tmp_path / "khac.key"
    keys.write_key(wrong, crypto.new_key())
    settings.BMNN_VAULT_KEY_FILE = str(wrong)
    settings.BMNN_VAULT_KEY_CREATE = False
    with pytest.raises(keys.VaultKeyError, match="không phải khóa đã dùng"):
        keys.startup_check()
    with pytest.raises(keys.VaultKeyError, match="không mở được khóa dữ liệu"):
        reading.plaintext(stored)
    client.force_login(cast.clerk)
    page = client.get(reverse("vault:file", args=[stored.pk]))
    assert "không mở được khóa dữ liệu" in page.content.decode()
    assert client.get(reverse("vault:page", args=[stored.pk, 1])).status_code == 404


def test_the_key_file_is_written_for_its_owner_only(tmp_path):
    path = tmp_path / "k.key"
    keys.write_key(path, crypto.new_key())
    assert path.stat().st_mode & 0o077 == 0
    with pytest.raises(FileExistsError):
        keys.write_key(path, crypto.new_key())


def test_the_server_refuses_to_start_without_its_key_with_a_clear_message_S6(tmp_path):
    """S6: the WSGI entry point (gunicorn) exits with a Vietnamese message, never starts without the key."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("BMNN_", "DATABASE_URL"))}
    env["BMNN_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-c", "import bmnn.config.wsgi"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 3
    assert "BMNN không khởi động: Chưa cấu hình khóa mã hóa của kho tài liệu điện tử mật" in result.stderr
    assert "BMNN_VAULT_KEY" in result.stderr


def test_an_upload_through_the_api_is_encrypted_as_it_arrives_and_answers_the_stored_file_S6(
    cast, exam_paper, client, settings, tmp_path, monkeypatch
):
    temp = tmp_path / "temp"
    temp.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(temp)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    data = secret_pdf(padding=3 * 1024 * 1024)
    client.force_login(cast.clerk)
    response = client.post(
        f"/api/carriers/{exam_paper.pk}/files/", {"file": SimpleUploadedFile("de-thi.pdf", data, "application/pdf")}
    )
    assert response.status_code == 201
    stored = StoredFile.objects.get()
    assert response.json()["id"] == stored.pk and response.json()["size"] == len(data)
    assert every_byte_under(temp) == b""
    assert MARKER not in every_byte_under(Path(settings.BMNN_VAULT_DIR))
    assert reading.plaintext(stored) == data


def test_other_uploads_are_left_to_django_s_own_handlers(rf):
    """Only the vault's upload screen and endpoint are encrypted on arrival; any other upload passes through."""
    from bmnn.vault.uploads import VaultUploadHandler

    request = rf.post("/kiem-tra/")
    request.resolver_match = None
    handler = VaultUploadHandler(request)
    handler.new_file("file", "a.pdf", "application/pdf", 10)
    assert handler.receive_data_chunk(b"abc", 0) == b"abc"
    assert handler.file_complete(3) is None


def test_an_upload_from_the_command_line_is_stored_encrypted_S6(cast, exam_paper, tmp_path, settings):
    from tests.helpers import command

    source = tmp_path / "quet.pdf"
    source.write_bytes(secret_pdf())
    out = command("vault", cast.clerk.username, "vault-upload", str(exam_paper.pk), f"file=@{source}")
    stored = StoredFile.objects.get()
    assert "Đã lưu tệp quet.pdf" in out and stored.uploaded_by == cast.clerk
    assert MARKER not in every_byte_under(Path(settings.BMNN_VAULT_DIR))
    assert reading.plaintext(stored) == source.read_bytes()
    refused = tmp_path / "ghi-chu.txt"
    refused.write_bytes(b"khong phai pdf")
    with pytest.raises(Exception, match="chỉ nhận tệp PDF"):
        command("vault", cast.clerk.username, "vault-upload", str(exam_paper.pk), f"file=@{refused}")
    assert StoredFile.objects.count() == 1

"""The pre-publication gate: screen, API and service store only the verdict, hash, who and when (R29)."""

from __future__ import annotations

import hashlib
import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.gate.models import GateCheck
from bmnn.gate.services import file_check
from tests.helpers import command
from tests.scan import builders

SECRET_TEXT = "UBND TỈNH\nSố: 12/BC-UBND\nTỐI MẬT\nBÁO CÁO\n".encode()
CLEAN_TEXT = "Thông báo về công tác bảo vệ bí mật nhà nước năm 2026\n".encode()


@pytest.fixture
def scratch(tmp_path, monkeypatch, settings):
    """Every temporary file goes to one folder, so the test can see that nothing is left."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # Django spools uploads to disk too: they must go as well
    return folder


def test_a_secret_file_is_refused_and_only_verdict_hash_who_and_when_are_stored(cast, scratch):
    """R29: a file stamped TỐI MẬT may not be published; the check keeps the hash and verdict, the audit
    event records it, and the temporary file is gone."""
    outcome = file_check(actor=cast.clerk, name="bao-cao.txt", chunks=[SECRET_TEXT])
    check = GateCheck.objects.get()
    assert (check.verdict, check.level, check.may_publish) == ("secret", "TOI_MAT", False)
    assert check.sha256 == hashlib.sha256(SECRET_TEXT).hexdigest() and check.checked_by == cast.clerk
    assert [m.text for m in outcome.marks] == ["TỐI MẬT"]
    stored = {f.name for f in GateCheck._meta.get_fields()}
    assert stored == {"id", "sha256", "verdict", "level", "checked_by", "checked_at"}
    event = AuditEvent.objects.get(action="gate.file.checked")
    assert event.basis == "R29" and event.data == {"sha256": check.sha256, "verdict": "secret", "level": "TOI_MAT"}
    assert list(scratch.iterdir()) == []


def test_a_clean_file_may_be_published(cast, scratch):
    """R29: a document ABOUT protecting secrets carries no stamp and may be published."""
    file_check(actor=cast.officer, name="thong-bao.txt", chunks=[CLEAN_TEXT])
    assert GateCheck.objects.get().may_publish
    assert list(scratch.iterdir()) == []


def test_an_unreadable_file_is_refused(cast, scratch):
    """R29: a file the scanner cannot read fails closed."""
    outcome = file_check(actor=cast.officer, name="hong.pdf", chunks=[b"%PDF-1.4 broken"])
    assert outcome.check.verdict == "error" and not outcome.check.may_publish and outcome.error


def test_refusals_change_nothing(cast, scratch):
    """R29: an anonymous caller and an empty file are refused; no check and no audit event are written."""
    with pytest.raises(PermissionDenied):
        file_check(actor=None, name="a.txt", chunks=[SECRET_TEXT])
    with pytest.raises(DomainError):
        file_check(actor=cast.clerk, name="a.txt", chunks=[])
    assert not GateCheck.objects.exists() and not AuditEvent.objects.filter(action="gate.file.checked").exists()


def test_gate_screen_checks_an_upload_and_lists_only_own_checks(client, cast, scratch, tmp_path):
    """R29: the editor uploads a .docx on the screen and reads the refusal in Vietnamese; another person
    does not see that check."""
    client.force_login(cast.officer)
    page = client.get(reverse("gate:gate"))
    assert page.status_code == 200 and "Kiểm tra tệp trước khi đăng tải" in page.content.decode()
    data = builders.docx(tmp_path / "tt.docx", ["Số: 1", "MẬT"]).read_bytes()
    (tmp_path / "tt.docx").unlink()
    answer = client.post(reverse("gate:gate"), {"file": SimpleUploadedFile("tt.docx", data)}).content.decode()
    assert "Không được đăng: tệp có dấu mật" in answer and "MẬT" in answer
    assert list(scratch.iterdir()) == []
    clean = client.post(reverse("gate:gate"), {"file": SimpleUploadedFile("a.txt", CLEAN_TEXT)}).content.decode()
    assert "Được đăng: không thấy dấu độ mật" in clean
    client.force_login(cast.outsider)
    assert "Chưa có." in client.get(reverse("gate:gate")).content.decode()


def test_gate_screen_requires_login(client):
    """R29: the gate is for signed-in staff only."""
    assert client.get(reverse("gate:gate")).status_code == 302


def test_gate_api_answers_the_verdict(client, cast, scratch):
    """R29: POST /api/gate/checks/ answers 201 with verdict, level, may_publish and the marks; a missing
    file is 400; an anonymous caller is refused."""
    url = reverse("api:gate-check")
    anonymous = client.post(url, {"file": SimpleUploadedFile("a.txt", SECRET_TEXT)})
    assert anonymous.status_code in (401, 403) and not GateCheck.objects.exists()
    client.force_login(cast.clerk)
    answer = client.post(url, {"file": SimpleUploadedFile("a.txt", SECRET_TEXT)})
    assert answer.status_code == 201
    body = answer.json()
    assert (body["verdict"], body["level"], body["may_publish"]) == ("secret", "TOI_MAT", False)
    assert body["marks"] == [{"kind": "level", "level": "TOI_MAT", "text": "TỐI MẬT", "location": "line 3"}]
    assert body["sha256"] == hashlib.sha256(SECRET_TEXT).hexdigest()
    ok = client.post(url, {"file": SimpleUploadedFile("b.txt", CLEAN_TEXT)}).json()
    assert ok["may_publish"] is True and ok["verdict"] == "clean"
    assert client.post(url, {}).status_code == 400
    assert list(scratch.iterdir()) == []


def test_gate_command_calls_the_same_service(cast, scratch, tmp_path, capsys):
    """R29: `bmnn gate --as USER FILE` records a check and exits 1 for a secret file, 0 for a clean one."""

    (tmp_path / "a.txt").write_bytes(SECRET_TEXT)
    (tmp_path / "b.txt").write_bytes(CLEAN_TEXT)
    with pytest.raises(SystemExit) as refused:
        command("gate", cast.clerk.username, "gate-check", f"file=@{tmp_path / 'a.txt'}")
    assert refused.value.code == 1
    assert "ĐƯỢC ĐĂNG" in command("gate", cast.clerk.username, "gate-check", f"file=@{tmp_path / 'b.txt'}")
    assert list(GateCheck.objects.values_list("verdict", flat=True).order_by("pk")) == ["secret", "clean"]
    assert AuditEvent.objects.filter(action="gate.file.checked").count() == 2

"""The checkpoint signing key lives apart from the data directory and its backups (S5)."""

import io
import os
import stat

import pytest
from django.core.management import CommandError, call_command

from bmnn.audit.checkpoint import SigningKeyUnavailable, make_checkpoint, public_key_b64, signing_key


def audit(*args):
    out = io.StringIO()
    call_command("audit", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def production(settings):
    settings.BMNN_SIGNING_KEY_GENERATE = False
    return settings


def test_production_refuses_to_sign_without_a_configured_key_S5(db, production):
    production.BMNN_SIGNING_KEY_FILE = ""
    with pytest.raises(CommandError) as refused:
        audit("checkpoint")
    assert str(refused.value).startswith("Chưa cấu hình khóa ký nhật ký: đặt biến môi trường BMNN_SIGNING_KEY")
    with pytest.raises(SigningKeyUnavailable):
        make_checkpoint()


def test_production_never_creates_a_missing_key_S5(db, production, tmp_path):
    path = tmp_path / "keys" / "audit.pem"
    production.BMNN_SIGNING_KEY_FILE = str(path)
    with pytest.raises(CommandError, match=f"Không tìm thấy tệp khóa ký nhật ký {path}: tạo bằng lệnh bmnn audit"):
        audit("checkpoint")
    assert not path.exists()


def test_a_key_inside_the_data_directory_is_refused_S5(db, settings, tmp_path):
    """S5: the data directory goes into every backup; a key there would let a backup's holder re-sign."""
    settings.DATA_DIR = tmp_path / "data"
    settings.BMNN_SIGNING_KEY_FILE = str(tmp_path / "data" / "audit.pem")
    with pytest.raises(SigningKeyUnavailable, match="nằm trong thư mục dữ liệu"):
        signing_key()
    assert not (tmp_path / "data" / "audit.pem").exists()


def test_keygen_makes_a_private_key_once_and_production_signs_with_it_S5(db, production, tmp_path):
    path = tmp_path / "etc" / "audit.pem"
    old = os.umask(0)
    try:
        out = audit("keygen", str(path))
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    production.BMNN_SIGNING_KEY_FILE = str(path)
    assert f"Khóa công khai (gửi cấp trên đăng ký): {public_key_b64()}" in out
    assert '"seq": 0' in audit("checkpoint")
    before = path.read_bytes()
    with pytest.raises(CommandError, match="đã có; không ghi đè"):
        audit("keygen", str(path))
    assert path.read_bytes() == before


def test_a_key_readable_by_others_is_refused_S5(db, production, tmp_path):
    path = tmp_path / "audit.pem"
    audit("keygen", str(path))
    path.chmod(0o644)
    production.BMNN_SIGNING_KEY_FILE = str(path)
    with pytest.raises(SigningKeyUnavailable, match="không được để người khác đọc"):
        signing_key()


def test_development_generates_its_key_beside_not_inside_the_data_directory_S5(monkeypatch, tmp_path):
    """S5: with BMNN_DEBUG=1 and no key configured, the settings pick a path next to the data directory."""
    import importlib

    import bmnn.config.settings as module

    monkeypatch.setenv("BMNN_DATA_DIR", str(tmp_path / "bmnn"))
    monkeypatch.delenv("BMNN_SIGNING_KEY", raising=False)
    monkeypatch.delenv("BMNN_SIGNING_KEY_FILE", raising=False)
    try:
        monkeypatch.setenv("BMNN_DEBUG", "1")
        dev = importlib.reload(module)
        expected = str(tmp_path / "bmnn-audit-signing-ed25519.pem")
        assert (expected, True) == (dev.BMNN_SIGNING_KEY_FILE, dev.BMNN_SIGNING_KEY_GENERATE)
        monkeypatch.setenv("BMNN_DEBUG", "0")
        prod = importlib.reload(module)
        assert (prod.BMNN_SIGNING_KEY_FILE, prod.BMNN_SIGNING_KEY_GENERATE) == ("", False)
        monkeypatch.setenv("BMNN_SIGNING_KEY", "/etc/bmnn/audit.pem")
        assert importlib.reload(module).BMNN_SIGNING_KEY_FILE == "/etc/bmnn/audit.pem"
    finally:
        monkeypatch.undo()
        importlib.reload(module)

"""Files holding secrets are the owner's only, whatever the umask: data directory 700, files 600 (issue 12)."""

import os
import sqlite3
import stat

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from bmnn.config import settings as config


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def test_the_data_directory_is_700_even_when_it_existed_wider(tmp_path, open_umask):
    fresh = config.private_dir(tmp_path / "moi" / "bmnn")
    existing = tmp_path / "cu"
    existing.mkdir(mode=0o777)
    config.private_dir(existing)
    assert (mode(fresh), mode(existing)) == (0o700, 0o700)


def test_the_sqlite_database_and_its_wal_files_are_600(tmp_path, open_umask):
    database = config.private_file(tmp_path / "bmnn.sqlite3")
    assert mode(database) == 0o600 and database.stat().st_size == 0
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE t (x)")
    connection.execute("INSERT INTO t VALUES (1)")
    connection.commit()
    companions = [tmp_path / "bmnn.sqlite3-wal", tmp_path / "bmnn.sqlite3-shm"]
    assert all(path.exists() and mode(path) == 0o600 for path in companions)
    connection.close()
    wide = tmp_path / "cu.sqlite3"
    wide.write_bytes(b"")
    wide.chmod(0o666)
    assert mode(config.private_file(wide)) == 0o600


def test_the_generated_secret_key_is_600(tmp_path, monkeypatch, open_umask):
    monkeypatch.setattr(config, "DATA_DIR", tmp_path)
    secret = config._secret_from_file("secret_key")
    assert len(secret) > 40 and mode(tmp_path / "secret_key") == 0o600


def test_uploads_are_600_in_700_directories(settings, tmp_path, open_umask):
    assert (settings.FILE_UPLOAD_PERMISSIONS, settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS) == (0o600, 0o700)
    storage = FileSystemStorage(location=tmp_path / "media")
    name = storage.save("safeguards/commitments/2026/cam-ket.pdf", ContentFile(b"%PDF-1.4"))
    assert mode(tmp_path / "media" / name) == 0o600
    assert mode(tmp_path / "media" / "safeguards" / "commitments" / "2026") == 0o700


def test_static_files_live_outside_the_private_data_directory(settings):
    """nginx serves them; the data directory (700) is not readable by it."""
    assert not str(settings.STATIC_ROOT).startswith(str(settings.DATA_DIR) + os.sep)
    assert settings.STORAGES["staticfiles"]["OPTIONS"]["file_permissions_mode"] == 0o644

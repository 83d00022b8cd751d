"""deploy/backup.sh and deploy/restore.sh, run as an operator would: a backup from any installation path,
restored into a fresh data directory, verified (chain, signed checkpoint, every record's state: S5), and
the files of the installation private whatever the umask (issue 12)."""

import os
import sqlite3
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def run(*args, env, check=True):
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600, check=False)  # noqa: S603
    if check and done.returncode != 0:
        raise AssertionError(f"{args} exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done


PG = os.environ.get("DATABASE_URL", "") if os.environ.get("DATABASE_URL", "").startswith("postgres") else ""


@pytest.fixture
def operator_env(tmp_path):
    """A production-like environment: no BMNN_DEBUG, a signing key outside the data directory, umask 000."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BMNN_", "DATABASE_URL", "DJANGO_"))}
    env.update(
        BMNN_DATA_DIR=str(tmp_path / "bmnn"),
        BMNN_SIGNING_KEY=str(tmp_path / "keys" / "audit.pem"),
        BMNN_BACKUP_DIR=str(tmp_path / "backups"),
        BMNN_STATIC_ROOT=str(tmp_path / "static"),
        PATH=f"{VENV_BIN}:/usr/bin:/bin",
    )
    return env


@pytest.fixture
def databases():
    """Where the suite runs on PostgreSQL, the installation and its restored copy get a database each
    (pg_dump, pg_restore); otherwise both are SQLite files in their data directories."""
    if not PG:
        yield None, None
        return
    import psycopg

    base, name = PG.rsplit("/", 1)
    urls = [f"{base}/{name}_backup_src", f"{base}/{name}_backup_dst"]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        for url in urls:
            admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}"')
            admin.execute(f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')
    yield urls[0], urls[1]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        for url in urls:
            admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}"')


def tamper(restored_env, statement):
    if restored_env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(restored_env["DATABASE_URL"], autocommit=True) as db:
            db.execute(statement)
    else:
        with sqlite3.connect(Path(restored_env["BMNN_DATA_DIR"]) / "bmnn.sqlite3") as db:
            db.execute(statement)


def umask0(*args):
    return ("sh", "-c", 'umask 000 && exec "$0" "$@"', *args)


def test_backup_restore_into_a_fresh_data_directory_passes_chain_and_deep_checks_S5(operator_env, databases, tmp_path):
    source_db, restored_db = databases
    env = dict(operator_env, **({"DATABASE_URL": source_db} if source_db else {}))
    bmnn = str(VENV_BIN / "bmnn")
    run(*umask0(bmnn, "audit", "keygen", env["BMNN_SIGNING_KEY"]), env=env)
    run(*umask0(bmnn, "migrate", "--no-input", "-v0"), env=env)
    run(*umask0(bmnn, "demo"), env=env)
    data = Path(env["BMNN_DATA_DIR"])
    assert mode(data) == 0o700
    assert {p.name: mode(p) for p in data.iterdir() if p.is_file()} == {
        name: 0o600
        for name in ("bmnn.sqlite3", "bmnn.sqlite3-wal", "bmnn.sqlite3-shm", "secret_key")
        if (data / name).exists()
    }
    assert (data / "secret_key").exists() and (source_db or (data / "bmnn.sqlite3").exists())
    assert mode(Path(env["BMNN_SIGNING_KEY"])) == 0o600

    # The script finds bmnn itself (here on PATH, as after `pip install`), whatever its own location.
    out = run("bash", str(ROOT / "deploy" / "backup.sh"), env=env).stdout
    backups = list(Path(env["BMNN_BACKUP_DIR"]).iterdir())
    assert len(backups) == 1 and f"backup written to {backups[0]}" in out
    backup = backups[0]
    dump = "bmnn.pgdump" if source_db else "bmnn.sqlite3"
    assert {p.name for p in backup.iterdir()} == {"audit-checkpoint.json", dump, "data-dir.tgz"}
    assert mode(backup) == 0o700 and all(mode(p) == 0o600 for p in backup.iterdir())
    with tarfile.open(backup / "data-dir.tgz") as archive:
        names = archive.getnames()
    assert "./secret_key" in names and not any("sqlite3" in n or n.endswith(".pem") for n in names)

    restored = dict(
        env, BMNN_DATA_DIR=str(tmp_path / "restored"), **({"DATABASE_URL": restored_db} if source_db else {})
    )
    done = run("bash", str(ROOT / "deploy" / "restore.sh"), str(backup), env=restored)
    assert "Nhật ký toàn vẹn:" in done.stdout and "Dữ liệu khớp nhật ký:" in done.stdout
    assert f"restored into {tmp_path / 'restored'} and verified" in done.stdout

    # The same check fails on the restored copy once a record is changed behind the application's back.
    tamper(
        restored,
        "UPDATE registry_carrier SET reg_number = reg_number + 1000 WHERE id = (SELECT MIN(id) FROM registry_carrier)",
    )
    refused = run(bmnn, "audit", "verify", "--deep", env=restored, check=False)
    assert refused.returncode != 0 and "DỮ LIỆU KHÔNG KHỚP NHẬT KÝ: 1 đối tượng" in refused.stderr
    assert "đã bị sửa ngoài ứng dụng" in refused.stderr


def test_backup_refuses_clearly_when_no_bmnn_can_be_found(operator_env, tmp_path):
    """The old script called a fixed path and died with 127; now it says what to set."""
    copy = tmp_path / "elsewhere" / "deploy"
    copy.mkdir(parents=True)
    (copy / "backup.sh").write_text((ROOT / "deploy" / "backup.sh").read_text())
    env = dict(operator_env, PATH="/usr/bin:/bin")
    done = run("bash", str(copy / "backup.sh"), env=env, check=False)
    assert done.returncode == 2 and "bmnn not found (set BMNN_BIN" in done.stderr
    found = run("bash", str(copy / "backup.sh"), env=dict(env, BMNN_BIN=str(VENV_BIN / "bmnn")), check=False)
    assert "bmnn not found" not in found.stderr  # it went on to the chain check (no database here)


def test_restore_refuses_a_data_directory_in_use(operator_env, tmp_path):
    (tmp_path / "in-use").mkdir()
    (tmp_path / "in-use" / "secret_key").write_text("x")
    for name in ("audit-checkpoint.json", "data-dir.tgz"):
        (tmp_path / "backup" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "backup" / name).write_text("")
    env = dict(operator_env, BMNN_DATA_DIR=str(tmp_path / "in-use"))
    done = run("bash", str(ROOT / "deploy" / "restore.sh"), str(tmp_path / "backup"), env=env, check=False)
    assert done.returncode == 2 and "is not empty; restore into a new directory" in done.stderr
    assert (tmp_path / "in-use" / "secret_key").read_text() == "x"

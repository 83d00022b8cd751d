"""Installation defaults that matter for an audit of the system (S1)."""

from django.conf import settings


def test_passwords_are_hashed_with_argon2():
    from bmnn.config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_vietnamese_is_the_default_language():
    assert settings.LANGUAGE_CODE == "vi" and settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_no_template_or_stylesheet_loads_anything_from_outside_S1():
    from pathlib import Path

    import bmnn

    root = Path(bmnn.__file__).parent
    for path in [*root.rglob("*.html"), *root.rglob("*.css"), *root.rglob("*.js")]:
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, path


def test_postgresql_connections_run_without_jit_and_are_kept_and_checked(monkeypatch):
    """Issue 17: JIT off for the project's connections; one kept connection per worker, pinged before reuse."""
    from bmnn.config import settings as production

    monkeypatch.setenv("DATABASE_URL", "postgres://bmnn@127.0.0.1:5432/bmnn")
    monkeypatch.delenv("BMNN_DB_CONN_MAX_AGE", raising=False)
    config = production._database()
    assert config["OPTIONS"]["options"] == "-c jit=off"
    assert config["CONN_MAX_AGE"] == 600 and config["CONN_HEALTH_CHECKS"] is True
    monkeypatch.setenv("BMNN_DB_CONN_MAX_AGE", "0")
    assert production._database()["CONN_MAX_AGE"] == 0
    monkeypatch.delenv("DATABASE_URL")
    sqlite = production._database()
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3" and "options" not in sqlite["OPTIONS"]


def test_the_live_postgresql_connection_has_jit_off(db):
    import pytest
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no JIT; this runs with DATABASE_URL set to PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"

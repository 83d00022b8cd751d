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

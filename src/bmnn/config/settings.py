"""Settings for every environment; the environment variables below select the differences.

BMNN_DATA_DIR   where the database, keys and uploads live (default ~/.bmnn)
DATABASE_URL    optional; SQLite in the data directory when unset
BMNN_DEBUG      "1" for development (the console script sets it for runserver)
BMNN_ALLOWED_HOSTS  comma-separated host names for production
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("BMNN_DATA_DIR") or Path.home() / ".bmnn").expanduser()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_from_file(name: str) -> str:
    """Generate a random secret into the data directory on first run; never committed."""
    path = DATA_DIR / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = os.environ.get("BMNN_SECRET_KEY") or _secret_from_file("secret_key")
BMNN_SIGNING_KEY_FILE = os.environ.get("BMNN_SIGNING_KEY_FILE") or str(DATA_DIR / "audit-signing-ed25519.pem")
DEBUG = os.environ.get("BMNN_DEBUG") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("BMNN_ALLOWED_HOSTS", "").split(",") if h] or (
    ["127.0.0.1", "localhost", "testserver"]
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "bmnn.audit",
    "bmnn.legal",
    "bmnn.org",
    "bmnn.catalog",
    "bmnn.registry",
    "bmnn.approvals",
    "bmnn.lifecycle",
    "bmnn.deadlines",
    "bmnn.registers",
    "bmnn.programme",
    "bmnn.safeguards",
    "bmnn.reports",
    "bmnn.gate",
    "bmnn.api",
    "bmnn.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "bmnn.web.middleware.DomainErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "bmnn.config.urls"
WSGI_APPLICATION = "bmnn.config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bmnn.web.context_processors.header",
            ]
        },
    }
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "bmnn.sqlite3"),
        # Concurrent writers queue on the write lock instead of failing (S4).
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.Person"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
# Vietnamese for what the bundled catalogues leave in English (DRF's messages, a few of Django's); first in
# the search order, so it also corrects a poor bundled wording. Every request, the API's included (token or
# basic authentication, no session), is answered in Vietnamese: LocaleMiddleware falls back to LANGUAGE_CODE
# since "vi" is the only language offered.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
# Dates typed dd/mm/yyyy (bmnn.core.widgets.DateInput shows them so); ISO from the API and the command line.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
if os.environ.get("BMNN_HTTPS") == "1":  # behind nginx with TLS (deploy/nginx/bmnn.conf)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "bmnn.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "bmnn.api.schema.Schema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer",
                                 "rest_framework.renderers.BrowsableAPIRenderer"],
}

# The OpenAPI schema at /api/schema/, browsable at /api/docs/ with assets served from this server (no CDN).
SPECTACULAR_SETTINGS = {
    "TITLE": "BMNN API",
    "DESCRIPTION": "Quản lý bí mật nhà nước: sổ BMNN, các thao tác theo quy định, sổ sách, chương trình bảo vệ.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

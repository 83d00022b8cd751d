"""Settings for every environment; the environment variables below select the differences.

BMNN_DATA_DIR   where the database, keys and uploads live (default ~/.bmnn)
DATABASE_URL    optional; SQLite in the data directory when unset
BMNN_DEBUG      "1" for development (the console script sets it for runserver)
BMNN_ALLOWED_HOSTS  comma-separated host names for production
BMNN_HTTPS          "1" behind nginx with TLS: secure cookies, HSTS, redirect to HTTPS
BMNN_SESSION_IDLE_MINUTES   minutes of inactivity after which a session ends (default 15)
BMNN_LOGIN_FAILURE_LIMIT    failed logins before an account or an address is locked (default 5)
BMNN_LOGIN_COOLOFF_MINUTES  how long a lock lasts unless an administrator unlocks it earlier (default 30)
"""

from __future__ import annotations

import datetime as dt
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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
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
    "django_otp.middleware.OTPMiddleware",
    "bmnn.web.security.IdleTimeoutMiddleware",
    "bmnn.web.security.TwoFactorRequiredMiddleware",
    "bmnn.web.security.SecurityHeadersMiddleware",
    "bmnn.web.middleware.DomainErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees every failed login of the views below it (axes documentation).
    "axes.middleware.AxesMiddleware",
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
    {"NAME": "bmnn.org.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "bmnn.org.passwords.NotDerivedFromNameValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ("username", "first_name", "last_name", "email")}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Every channel that checks a password (login page, admin, API basic auth) goes through axes first:
# it refuses a locked account or address before the password is even looked at.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
# Vietnamese for the Django and DRF messages their own catalogues leave in English (length, range).
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600  # the longest a session lives, however active
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
BMNN_SESSION_IDLE_SECONDS = 60 * int(os.environ.get("BMNN_SESSION_IDLE_MINUTES") or 15)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Scripts and styles only from our own static files; no inline script, no plugin, no framing. Inline
# style attributes stay allowed (style-src-attr) for the data-driven column widths of register layouts.
BMNN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Anyone who approves, decides or administers must pass a TOTP second factor (org.two_factor). Tests switch
# it off by fixture; there is deliberately no environment variable for it.
BMNN_TWO_FACTOR_REQUIRED = True
OTP_TOTP_ISSUER = "BMNN"
if os.environ.get("BMNN_HTTPS") == "1":  # behind nginx with TLS (deploy/nginx/bmnn.conf)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
    # Internal LAN host names can never be on the browsers' HSTS preload list (check security.W021).
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Failed logins (axes): per account and per address, separately, on every channel.
AXES_FAILURE_LIMIT = int(os.environ.get("BMNN_LOGIN_FAILURE_LIMIT") or 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("BMNN_LOGIN_COOLOFF_MINUTES") or 30))
AXES_LOCKOUT_PARAMETERS = "bmnn.org.access.lockout_parameters"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "bmnn.web.security.lockout_response"
AXES_ENABLE_ADMIN = False  # bmnn.org.admin shows the locks with an audited unlock instead
AXES_VERBOSE = False
# Behind nginx every request comes from 127.0.0.1: the client's address is the X-Real-IP nginx sets.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_REAL_IP", "REMOTE_ADDR") if os.environ.get("BMNN_HTTPS") == "1" else ("REMOTE_ADDR",)
)
AXES_COOLOFF_MESSAGE = "Tài khoản hoặc máy này tạm bị khóa do nhập sai mật khẩu nhiều lần. Thử lại sau."

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "bmnn.api.authentication.LockableTokenAuthentication",
        "bmnn.api.authentication.PasswordOnlyBasicAuthentication",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "bmnn.api.parsers.LimitedJSONParser",
        "bmnn.api.parsers.LimitedFormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "bmnn.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer",
                                 "rest_framework.renderers.BrowsableAPIRenderer"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

"""Settings for every environment; the environment variables below select the differences.

BMNN_DATA_DIR   where the database, the secret key and uploads live (default ~/.bmnn)
BMNN_SIGNING_KEY  the audit checkpoint signing key, outside the data directory and its backups (S5);
                required in production, generated next to the data directory in development
DATABASE_URL    optional; SQLite in the data directory when unset
BMNN_DEBUG      "1" for development (the console script sets it for runserver)
BMNN_ALLOWED_HOSTS  comma-separated host names for production
BMNN_DB_CONN_MAX_AGE  seconds a worker keeps its PostgreSQL connection (default 600; 0 closes after each request)
BMNN_HTTPS          "1" behind nginx with TLS: secure cookies, HSTS, redirect to HTTPS
BMNN_SESSION_IDLE_MINUTES   minutes of inactivity after which a session ends (default 15)
BMNN_LOGIN_FAILURE_LIMIT    failed logins before an account or an address is locked (default 5)
BMNN_LOGIN_COOLOFF_MINUTES  how long a lock lasts unless an administrator unlocks it earlier (default 30)
BMNN_VAULT_KEY  the key file of the encrypted document vault; required in production, kept outside the data
                directory and the backups (development without it: a key generated beside the data directory)
BMNN_EXCHANGE_KEYS  the directory of the keys that sign and open packages exchanged with other installations;
                required in production (made with bmnn exchange_keygen), outside the data directory and backups
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def private_dir(path: Path) -> Path:
    """Create ``path`` readable by its owner only (700), whatever the umask; tighten it if it exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    _owner_only(path, 0o700)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 600 if missing (whatever the umask); tighten it if it exists."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    _owner_only(path, 0o600)
    return path


def _owner_only(path: Path, mode: int) -> None:
    with contextlib.suppress(PermissionError):  # another user's file: theirs to tighten
        path.chmod(mode)


DATA_DIR = private_dir(Path(os.environ.get("BMNN_DATA_DIR") or Path.home() / ".bmnn").expanduser())


def _secret_from_file(name: str) -> str:
    """Generate a random secret into the data directory on first run; never committed."""
    path = DATA_DIR / name
    if not path.exists():
        private_file(path).write_text(secrets.token_urlsafe(50), encoding="utf-8")
    _owner_only(path, 0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = os.environ.get("BMNN_SECRET_KEY") or _secret_from_file("secret_key")
DEBUG = os.environ.get("BMNN_DEBUG") == "1"
# S5: whoever has the database and a backup must not also have the key that signs audit checkpoints, so it
# never lives in the data directory. Production names it (and `bmnn audit keygen` creates it); development
# generates one on first use beside the data directory.
BMNN_SIGNING_KEY_FILE = (
    os.environ.get("BMNN_SIGNING_KEY")
    or os.environ.get("BMNN_SIGNING_KEY_FILE")
    or (str(DATA_DIR.with_name(DATA_DIR.name + "-audit-signing-ed25519.pem")) if DEBUG else "")
)
BMNN_SIGNING_KEY_GENERATE = DEBUG
# The vault's key-encryption key (bmnn.vault.keys): production names it, development gets one generated.
BMNN_VAULT_KEY_FILE = os.environ.get("BMNN_VAULT_KEY") or (
    str(DATA_DIR.with_name(DATA_DIR.name + "-vault.key")) if DEBUG else ""
)
BMNN_VAULT_KEY_CREATE = DEBUG and not os.environ.get("BMNN_VAULT_KEY")
BMNN_VAULT_DIR = str(DATA_DIR / "vault")
# The exchange keys (bmnn.exchange.keys): agency and signer keys, outside the data directory like the vault's key.
BMNN_EXCHANGE_KEY_DIR = os.environ.get("BMNN_EXCHANGE_KEYS") or (
    str(DATA_DIR.with_name(DATA_DIR.name + "-exchange-keys")) if DEBUG else ""
)
BMNN_EXCHANGE_KEY_CREATE = DEBUG and not os.environ.get("BMNN_EXCHANGE_KEYS")
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
    "bmnn.gate",
    "bmnn.vault",
    "bmnn.exchange",
    "bmnn.reports",  # after the apps whose demo data its demo report counts (`bmnn demo` follows this order)
    "bmnn.api",
    "bmnn.web",
]

MIDDLEWARE = [
    "bmnn.web.middleware.ChannelMiddleware",  # first: whatever is audited below knows its channel
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which reads the body: an upload past its route's limit is refused unread (bmnn.web.uploads).
    "bmnn.web.uploads.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bmnn.web.security.IdleTimeoutMiddleware",
    "bmnn.web.security.TwoFactorRequiredMiddleware",
    "bmnn.web.security.SecurityHeadersMiddleware",
    "bmnn.web.middleware.ReadOnlyVisibilityMiddleware",
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


def _database() -> dj_database_url.DBConfig | dict[str, object]:
    url = os.environ.get("DATABASE_URL")
    if url:
        # Each worker keeps one connection (a 2-core server runs 2-3 workers: a pool buys nothing) and
        # checks it before reuse, so a restarted PostgreSQL costs one failed ping, not a failed request.
        config = dj_database_url.parse(
            url, conn_max_age=int(os.environ.get("BMNN_DB_CONN_MAX_AGE", "600")), conn_health_checks=True
        )
        if config["ENGINE"] == "django.db.backends.postgresql":
            # JIT compilation costs ~1 s on large plans and never pays back on these short queries (issue 17).
            config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
        return config
    database = private_file(DATA_DIR / "bmnn.sqlite3")  # SQLite gives its -wal and -shm files the same mode
    for companion in ("bmnn.sqlite3-wal", "bmnn.sqlite3-shm"):
        if (DATA_DIR / companion).exists():
            _owner_only(DATA_DIR / companion, 0o600)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(database),
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
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "first_name", "last_name", "email")},
    },
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
# Vietnamese for what the bundled catalogues leave in English (DRF's messages, a few of Django's); first in
# the search order, so it also corrects a poor bundled wording. Every request, the API's included (token or
# basic authentication, no session), is answered in Vietnamese: LocaleMiddleware falls back to LANGUAGE_CODE
# since "vi" is the only language offered.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
# Dates typed dd/mm/yyyy (bmnn.core.widgets.DateInput shows them so); ISO from the API and the command line.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
FORM_RENDERER = "bmnn.web.forms.FormRenderer"  # one layout for every form: web/forms/form.html, field.html
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Public files for nginx, so outside the private data directory (beside it unless set).
STATIC_ROOT = Path(os.environ.get("BMNN_STATIC_ROOT") or DATA_DIR.with_name(DATA_DIR.name + "-static"))
MEDIA_ROOT = DATA_DIR / "media"
# Uploads hold secrets: owner only, whatever the umask (issue 12).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}
# Upload limits per kind of upload (issue 12), in MB in the environment: BMNN_UPLOAD_MAX_MB_<KIND>. The route
# an upload goes to decides its kind (bmnn.web.uploads.UPLOAD_KINDS); beyond it the answer is 413 in Vietnamese,
# from the Content-Length before the body is read, or as soon as the bytes received pass it.
BMNN_UPLOAD_MAX_BYTES = {
    kind: int(os.environ.get(f"BMNN_UPLOAD_MAX_MB_{kind.upper()}") or default) * 1024 * 1024
    for kind, default in (("default", 25), ("vault", 100), ("gate", 100), ("package", 50), ("scan_results", 50))
}
# Every uploaded file is checked for secrecy marks in a child process with these caps (bmnn.core.uploadscan):
# wall-clock and CPU seconds, address space, images or pages read by OCR. A cap hit: "could not be checked".
BMNN_UPLOAD_SCAN_SECONDS = float(os.environ.get("BMNN_UPLOAD_SCAN_SECONDS") or 30)
BMNN_UPLOAD_SCAN_MEMORY_MB = int(os.environ.get("BMNN_UPLOAD_SCAN_MEMORY_MB") or 512)
BMNN_UPLOAD_SCAN_OCR_PAGES = int(os.environ.get("BMNN_UPLOAD_SCAN_OCR_PAGES") or 5)
# At most this many checks run at once across the installation (a file lock each in the slot directory); with
# all taken an upload is refused at once ("đang kiểm tra tệp khác"), so at most that many web threads wait on
# checks, each at most BMNN_UPLOAD_SCAN_SECONDS + 2 s: keep that below gunicorn's --timeout (deploy/systemd).
BMNN_UPLOAD_SCAN_CONCURRENCY = int(os.environ.get("BMNN_UPLOAD_SCAN_CONCURRENCY") or 2)
BMNN_UPLOAD_SCAN_SLOT_DIR = str(DATA_DIR / "scan-slots")
# A vault file is checked for its level mark on its first pages only (where the mark stands).
BMNN_VAULT_SCAN_PAGES = int(os.environ.get("BMNN_VAULT_SCAN_PAGES") or 2)
# The vault's handler encrypts its uploads as they arrive and stops the others (S6); other uploads as usual.
FILE_UPLOAD_HANDLERS = [
    "bmnn.web.uploads.LimitedUploadHandler",  # counts every upload's bytes against its limit
    "bmnn.vault.uploads.VaultUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

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
# The second factor on the command line (bmnn.core.cli cannot import the organisation's rules itself).
BMNN_COMMAND_SECOND_FACTOR = "bmnn.org.access.command_second_factor"
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
    "DEFAULT_SCHEMA_CLASS": "bmnn.api.schema.Schema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
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
    # One name per choice set that several fields share.
    "ENUM_NAME_OVERRIDES": {
        "LevelEnum": "bmnn.core.levels.Level",
        "CarrierKindEnum": "bmnn.registry.choices.CarrierKind",
        "DecisionStatusEnum": "bmnn.org.models.AccessStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")
application = get_wsgi_application()

# Refuse to start without the vault's key, or with a key that does not open the stored files (S6).
from bmnn.vault.keys import VaultKeyError, startup_check  # noqa: E402

try:
    startup_check()
except VaultKeyError as exc:
    sys.stderr.write(f"BMNN không khởi động: {exc.message}\n")
    raise SystemExit(3) from None

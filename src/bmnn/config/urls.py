from importlib.util import find_spec

from django.contrib import admin
from django.urls import include, path

from bmnn.web import operations
from bmnn.web.urls import auth_urlpatterns

# Each app brings its own screens (urls) and REST endpoints (api_urls); the operations' screens and
# endpoints are made from their declarations (bmnn.web.operations, bmnn.api.operations).
APPS = [
    "org",
    "catalog",
    "registry",
    "lifecycle",
    "registers",
    "programme",
    "safeguards",
    "reports",
    "gate",
    "vault",
    "exchange",
]


def _has(module: str) -> bool:
    return find_spec(module) is not None


admin.site.site_header = "Quản trị BMNN"
admin.site.site_title = "Quản trị BMNN"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("bmnn.api.urls")),
    *[path("api/", include(f"bmnn.{app}.api_urls")) for app in APPS if _has(f"bmnn.{app}.api_urls")],
    path("", include("bmnn.web.urls")),
    path("", include((operations.urlpatterns(), "ops"))),
    *[path("", include(f"bmnn.{app}.urls")) for app in APPS],
    *auth_urlpatterns,
]

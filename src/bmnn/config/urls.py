from django.contrib import admin
from django.urls import include, path

from bmnn.web.urls import auth_urlpatterns

# Apps that bring their own screens and API under their own namespace.
EXTRA_APPS = ["registers", "programme", "safeguards", "reports", "gate"]

admin.site.site_header = "Quản trị BMNN"
admin.site.site_title = "Quản trị BMNN"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("bmnn.api.urls")),
    *[path("api/", include(f"bmnn.{app}.api_urls")) for app in EXTRA_APPS],
    path("", include("bmnn.web.urls")),
    path("", include("bmnn.lifecycle.urls")),
    *[path("", include(f"bmnn.{app}.urls")) for app in EXTRA_APPS],
    *auth_urlpatterns,
]

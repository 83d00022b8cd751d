from django.contrib import admin
from django.urls import include, path

from bmnn.web.urls import auth_urlpatterns

admin.site.site_header = "Quản trị BMNN"
admin.site.site_title = "Quản trị BMNN"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("bmnn.api.urls")),
    path("", include("bmnn.web.urls")),
    path("", include("bmnn.lifecycle.urls")),
    *auth_urlpatterns,
]

from django.urls import path

from . import api

app_name = "reports-api"
urlpatterns = [
    path("reports/", api.reports, name="reports"),
    path("reports/overdue/", api.overdue, name="overdue"),
    path("reports/packages/", api.package_import, name="import"),
    path("reports/<int:pk>/", api.report_detail, name="detail"),
    path("reports/<int:pk>/text/", api.report_text, name="text"),
    path("reports/<int:pk>/submit/", api.report_submit, name="submit"),
    path("reports/<int:pk>/package/", api.report_package, name="package"),
]

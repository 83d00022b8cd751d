from django.urls import path

from . import api

app_name = "reports-api"
urlpatterns = [
    path("reports/overdue/", api.overdue, name="overdue"),
    path("reports/<int:pk>/", api.report_detail, name="detail"),
]

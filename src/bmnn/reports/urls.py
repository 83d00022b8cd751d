from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("bao-cao/", views.report_list, name="list"),
    path("bao-cao/lap/", views.report_build, name="build"),
    path("bao-cao/<int:pk>/", views.report_detail, name="detail"),
    path("bao-cao/<int:pk>/noi-dung/", views.report_text, name="text"),
    path("bao-cao/<int:pk>/tinh-lai/", views.report_refresh, name="refresh"),
    path("bao-cao/<int:pk>/ky-gui/", views.report_submit, name="submit"),
    path("bao-cao/<int:pk>/in.<str:fmt>", views.report_print, name="print"),
    path("bao-cao/<int:pk>/goi-ky-so/", views.report_package, name="package"),
    path("bao-cao/nhap-goi/", views.package_import, name="import"),
    path("bao-cao/da-nhan/<int:pk>/", views.imported_detail, name="imported"),
    path("bao-cao/da-nhan/<int:pk>/ban-in.pdf", views.imported_pdf, name="imported-pdf"),
    path("thu-truong/", views.dashboard, name="dashboard"),
]

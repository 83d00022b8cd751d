from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("bao-cao/", views.report_list, name="list"),
    path("bao-cao/<int:pk>/", views.report_detail, name="detail"),
    path("bao-cao/<int:pk>/in.<str:fmt>", views.report_print, name="print"),
    path("bao-cao/da-nhan/<int:pk>/", views.imported_detail, name="imported"),
    path("bao-cao/da-nhan/<int:pk>/ban-in.pdf", views.imported_pdf, name="imported-pdf"),
    path("bao-cao-tong-ket/<int:pk>/", views.summary_detail, name="summary"),
    path("thu-truong/", views.dashboard, name="dashboard"),
]

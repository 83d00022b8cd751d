from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("danh-muc/de-nghi-bai-bo/", views.repeal_requests, name="repeal-requests"),
    path("danh-muc/de-nghi-bai-bo/<int:pk>/", views.repeal_request, name="repeal-request"),
]

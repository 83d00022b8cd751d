from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("so-bmnn/", views.carrier_list, name="carriers"),
    path("so-bmnn/<int:pk>/", views.carrier_detail, name="carrier"),
    path("cho-ky-nhan/", views.awaiting, name="awaiting"),
]

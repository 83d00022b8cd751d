from django.contrib.auth import views as auth_views
from django.urls import path

from . import two_factor, views

app_name = "web"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("so-bmnn/", views.carrier_list, name="carriers"),
    path("so-bmnn/<int:pk>/", views.carrier_detail, name="carrier"),
    path("so-bmnn/<int:pk>/ky-nhan-den/", views.incoming_sign_off, name="sign-off"),
    path("so-bmnn/<int:pk>/giao/", views.handover_new, name="handover"),
    path("dang-ky-di/", views.outgoing_new, name="outgoing"),
    path("tiep-nhan-den/", views.incoming_new, name="incoming"),
    path("cho-ky-nhan/", views.awaiting, name="awaiting"),
    path("cho-ky-nhan/<int:pk>/", views.handover_confirm, name="confirm"),
    path("don-vi/", views.organisations, name="organisations"),
    path("can-bo/", views.people, name="people"),
]

auth_urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("xac-thuc-hai-lop/", two_factor.verify, name="two-factor-verify"),
    path("xac-thuc-hai-lop/dang-ky/", two_factor.enrol, name="two-factor-enrol"),
]

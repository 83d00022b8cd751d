from django.contrib.auth import views as auth_views
from django.urls import path

from . import two_factor, views

app_name = "web"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]

auth_urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("xac-thuc-hai-lop/", two_factor.verify, name="two-factor-verify"),
    path("xac-thuc-hai-lop/dang-ky/", two_factor.enrol, name="two-factor-enrol"),
]

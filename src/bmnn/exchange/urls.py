from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("goi-trao-doi/", views.package_list, name="packages"),
    path("goi-trao-doi/<int:pk>/", views.package_detail, name="package"),
]

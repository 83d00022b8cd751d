from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("don-vi/", views.organisations, name="organisations"),
    path("can-bo/", views.people, name="people"),
]

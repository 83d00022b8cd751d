from django.urls import path

from . import views

app_name = "gate"
urlpatterns = [
    path("kiem-tra-truoc-khi-dang/", views.gate, name="gate"),
]

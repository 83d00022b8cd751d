from django.urls import path

from . import views

app_name = "lifecycle"
urlpatterns = [
    path("so-bmnn/<int:pk>/de-nghi/<slug:kind>/", views.request_new, name="request-new"),
    path("de-nghi/", views.request_list, name="requests"),
    path("de-nghi/<int:pk>/", views.request_detail, name="request"),
    path("de-nghi/<int:pk>/quyet-dinh/", views.request_decision, name="decide"),
    path("de-nghi/<int:pk>/thuc-hien/", views.request_execute, name="execute"),
    path("mang-ra/<int:pk>/tra/", views.takeout_back, name="takeout-return"),
    path("viec-den-han/", views.due, name="due"),
]

from django.urls import path

from . import views

app_name = "lifecycle"
urlpatterns = [
    path("de-nghi/", views.request_list, name="requests"),
    path("de-nghi/<int:pk>/", views.request_detail, name="request"),
    path("viec-den-han/", views.due, name="due"),
    path("hoi-dong/", views.council_list, name="councils"),
    path("hoi-dong/<int:pk>/", views.council_page, name="council"),
    path("thu-hoi/", views.recall_list, name="recalls"),
    path("thu-hoi/<int:pk>/", views.recall_page, name="recall"),
    path("hoi-nghi/", views.meeting_list, name="meetings"),
    path("hoi-nghi/<int:pk>/", views.meeting_page, name="meeting"),
]

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
    path("thao-tac/<slug:kind>/<int:pk>/<slug:slug>/", views.action, name="action"),
    path("hoi-dong/", views.council_list, name="councils"),
    path("hoi-dong/moi/", views.council_new, name="council-new"),
    path("hoi-dong/<int:pk>/", views.council_page, name="council"),
    path("thu-hoi/", views.recall_list, name="recalls"),
    path("thu-hoi/<int:pk>/", views.recall_page, name="recall"),
    path("hoi-nghi/", views.meeting_list, name="meetings"),
    path("hoi-nghi/moi/", views.meeting_new, name="meeting-new"),
    path("hoi-nghi/<int:pk>/", views.meeting_page, name="meeting"),
    path("cho-xac-dinh-do-mat/", views.pending_classification_new, name="pending-classification"),
]

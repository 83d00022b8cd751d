from django.urls import path

from . import api

app_name = "lifecycle-api"
urlpatterns = [
    path("requests/", api.requests_mine, name="requests"),
    path("requests/awaiting/", api.requests_awaiting, name="requests-awaiting"),
    path("requests/<int:pk>/", api.request_detail, name="request"),
    path("due/", api.due, name="due"),
    path("councils/<int:pk>/", api.council_detail, name="council"),
    path("recalls/", api.recalls, name="recalls"),
    path("recalls/<int:pk>/", api.recall_detail, name="recall"),
    path("notices/", api.notices, name="notices"),
    path("meetings/<int:pk>/", api.meeting_detail, name="meeting"),
]

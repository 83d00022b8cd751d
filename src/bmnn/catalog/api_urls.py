from django.urls import path

from . import api

app_name = "catalog-api"
urlpatterns = [
    path("repeal-requests/", api.RepealRequestList.as_view(), name="repeal-requests"),
    path("repeal-requests/<int:pk>/", api.RepealRequestDetail.as_view(), name="repeal-request"),
]

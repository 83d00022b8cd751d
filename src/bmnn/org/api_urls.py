from django.urls import path

from . import api

app_name = "org-api"
urlpatterns = [
    path("organisations/", api.OrganisationList.as_view(), name="organisations"),
    path("people/", api.PersonList.as_view(), name="people"),
    path("access-requests/", api.AccessRequestList.as_view(), name="access-requests"),
    path("access-requests/<int:pk>/", api.AccessRequestDetail.as_view(), name="access-request"),
]

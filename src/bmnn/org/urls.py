from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("don-vi/", views.organisations, name="organisations"),
    path("can-bo/", views.people, name="people"),
    path("can-bo/de-nghi/", views.access_requests, name="access-requests"),
    path("can-bo/de-nghi/<int:pk>/", views.access_request, name="access-request"),
    path("tai-khoan/", views.my_account, name="my-account"),
    path("tai-khoan/<int:pk>/", views.account, name="account"),
]

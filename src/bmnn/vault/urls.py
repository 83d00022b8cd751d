from django.urls import path

from . import views

app_name = "vault"
urlpatterns = [
    path("kho-dien-tu/", views.file_list, name="files"),
    path("kho-dien-tu/<int:pk>/", views.file_detail, name="file"),
    path("kho-dien-tu/<int:pk>/trang/<int:page>/", views.page_image, name="page"),
]

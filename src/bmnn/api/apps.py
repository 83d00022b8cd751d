from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bmnn.api"
    verbose_name = "API"

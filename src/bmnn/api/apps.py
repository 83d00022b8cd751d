from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bmnn.api"
    verbose_name = "API"

    def ready(self) -> None:
        from . import schema  # noqa: F401 - registers the OpenAPI descriptions of the project's authentication

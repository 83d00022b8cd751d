from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bmnn.api"
    verbose_name = "API"
    # The OpenAPI descriptions of the project's authentication (schema.py) register themselves when the schema
    # class named in settings (DEFAULT_SCHEMA_CLASS, same module) is first used, i.e. before any schema is made;
    # not imported here, so a command that serves no API does not load the OpenAPI machinery (issue 17).

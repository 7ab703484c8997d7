from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "frenchtech.api"
    label = "api"
    verbose_name = "API"

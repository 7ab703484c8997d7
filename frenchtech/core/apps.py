from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "frenchtech.core"
    label = "core"

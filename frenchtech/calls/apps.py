from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "frenchtech.calls"
    label = "calls"

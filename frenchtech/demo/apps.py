from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "frenchtech.demo"
    label = "demo"

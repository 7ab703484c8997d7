from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "frenchtech.web"
    label = "web"

from django.apps import AppConfig


class ObservatoryConfig(AppConfig):
    name = "frenchtech.observatory"
    label = "observatory"

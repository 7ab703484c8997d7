from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "frenchtech.territories"
    label = "territories"

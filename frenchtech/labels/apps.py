from django.apps import AppConfig


class LabelsConfig(AppConfig):
    name = "frenchtech.labels"
    label = "labels"

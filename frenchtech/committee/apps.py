from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "frenchtech.committee"
    label = "committee"

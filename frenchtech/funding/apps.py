from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "frenchtech.funding"
    label = "funding"

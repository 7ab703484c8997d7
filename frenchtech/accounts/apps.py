from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "frenchtech.accounts"
    label = "accounts"

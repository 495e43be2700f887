from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "herzen.accounts"
    label = "accounts"

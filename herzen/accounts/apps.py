from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "herzen.accounts"
    label = "accounts"

    def ready(self) -> None:
        from herzen.accounts import signals  # noqa: F401 - connects the receivers

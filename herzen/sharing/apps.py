from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "herzen.sharing"
    label = "sharing"

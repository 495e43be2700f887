from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "herzen.core"
    label = "core"

from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "herzen.intake"
    label = "intake"

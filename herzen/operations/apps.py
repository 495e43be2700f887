from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "herzen.operations"
    label = "operations"

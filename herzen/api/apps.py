from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "herzen.api"
    label = "api"

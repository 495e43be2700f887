from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "herzen.web"
    label = "web"

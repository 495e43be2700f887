from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "herzen.demo"
    label = "demo"

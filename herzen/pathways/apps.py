from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "herzen.pathways"
    label = "pathways"

from django.apps import AppConfig


class AidConfig(AppConfig):
    name = "herzen.aid"
    label = "aid"

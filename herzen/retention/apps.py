from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "herzen.retention"
    label = "retention"

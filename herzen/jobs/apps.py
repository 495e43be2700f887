from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "herzen.jobs"
    label = "jobs"

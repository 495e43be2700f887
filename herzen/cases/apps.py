from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "herzen.cases"
    label = "cases"

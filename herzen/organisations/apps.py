from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "herzen.organisations"
    label = "organisations"

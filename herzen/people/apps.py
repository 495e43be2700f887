from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "herzen.people"
    label = "people"

from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "herzen.statistics"
    label = "statistics"

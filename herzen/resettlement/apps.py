from django.apps import AppConfig


class ResettlementConfig(AppConfig):
    name = "herzen.resettlement"
    label = "resettlement"

    def ready(self) -> None:
        from herzen.resettlement import jobs  # noqa: F401  (registers the matching job)

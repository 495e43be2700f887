from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "herzen.jobs"
    label = "jobs"

    def ready(self) -> None:
        # Every app's `jobs` module registers its job kinds, so any process can name and run them.
        autodiscover_modules("jobs")

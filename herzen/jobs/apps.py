from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "herzen.jobs"
    label = "jobs"

    def ready(self) -> None:
        # Every app's `jobs` module registers its job kinds, so any process can name and run them.
        autodiscover_modules("jobs")
        # django-tasks-db's own admin shows raw task arguments and tracebacks (which may quote personal data)
        # to anyone with Django staff rights; Herzen's failed-jobs page shows what an operator needs instead.
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)

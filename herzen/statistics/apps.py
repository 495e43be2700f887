from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "herzen.statistics"
    label = "statistics"

    def ready(self) -> None:
        from herzen.jobs.runner import on_job_finished
        from herzen.statistics.services import release_job_finished

        on_job_finished(release_job_finished)

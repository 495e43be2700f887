from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "herzen.notifications"
    label = "notifications"

    def ready(self) -> None:
        from herzen.jobs.runner import on_job_finished
        from herzen.notifications.staff import job_finished

        on_job_finished(job_finished)

from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Duplicate records of one person: found by record linkage, merged (and unmerged) by a caseworker."""

    name = "herzen.identity"
    label = "identity"

    def ready(self) -> None:
        # The job registers its kind when imported (herzen.jobs.runner), for its page and the worker.
        from herzen.identity import finding  # noqa: F401

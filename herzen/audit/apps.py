from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "herzen.audit"
    label = "audit"

    def ready(self) -> None:
        post_migrate.connect(_create_chain_heads, sender=self)


def _create_chain_heads(**kwargs: Any) -> None:
    """Databases built without migrations (the tests) get their chain heads too."""
    from herzen.audit.chain import create_heads

    create_heads()

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules


class AuditConfig(AppConfig):
    name = "herzen.audit"
    label = "audit"

    def ready(self) -> None:
        post_migrate.connect(_create_chain_heads, sender=self)
        # Every app declares the audit actions it owns in its audit_actions.py (herzen.audit.actions).
        autodiscover_modules("audit_actions")


def _create_chain_heads(apps: Any = None, using: str = "default", **kwargs: Any) -> None:
    """Databases built without migrations (the tests) get their chain heads too; migration 0003 makes them
    otherwise. Uses the migrated state's model, which is absent after migrating back before the chain."""
    from herzen.audit.chain import EMPTY_HEAD, chain_names

    try:
        chain_head = apps.get_model("audit", "ChainHead") if apps is not None else None
    except LookupError:
        return
    if chain_head is None:
        return
    for name in chain_names():
        chain_head.objects.using(using).get_or_create(name=name, defaults=EMPTY_HEAD)

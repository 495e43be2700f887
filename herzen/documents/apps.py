from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "herzen.documents"
    verbose_name = _("Sealed documents")

    def ready(self) -> None:
        from herzen.documents import audit_actions  # noqa: F401  (registers the actions)

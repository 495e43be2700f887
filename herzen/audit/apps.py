from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "herzen.audit"
    label = "audit"

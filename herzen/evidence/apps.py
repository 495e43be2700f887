from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "herzen.evidence"
    label = "evidence"

from django.apps import AppConfig


class LegalRulesConfig(AppConfig):
    name = "herzen.legal_rules"
    label = "legal_rules"

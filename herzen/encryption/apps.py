from django.apps import AppConfig


class EncryptionConfig(AppConfig):
    name = "herzen.encryption"
    label = "encryption"
    verbose_name = "Encryption keys"
    default_auto_field = "django.db.models.BigAutoField"

"""A mail backend of one's own that still only prints (tests/test_settings.py expects production to refuse it)."""

from django.core.mail.backends.console import EmailBackend


class LoggingConsoleBackend(EmailBackend):
    pass

from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from herzen.domain.names import is_cyrillic


def validate_cyrillic_name(value: str) -> None:
    if value and not is_cyrillic(value):
        raise ValidationError(
            _("Write the name in Cyrillic, as in the Russian passport."), code="not_cyrillic"
        )


def validate_language_codes(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) and code in LANG_INFO for code in value):
        raise ValidationError(_("Use ISO 639-1 language codes such as ru, uk, en."), code="bad_language")

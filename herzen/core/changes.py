"""Applying a set of field changes to a model instance, so services can audit exactly what changed."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from herzen.core.exceptions import Invalid


def apply_changes(
    instance: models.Model, changes: Mapping[str, Any], *, allowed: frozenset[str]
) -> list[str]:
    """Set the given fields and return the names of those whose value actually changed."""
    unknown = set(changes) - allowed
    if unknown:
        raise Invalid(
            _("Some fields cannot be changed here."),
            fields={name: [_("This field cannot be changed here.")] for name in sorted(unknown)},
        )
    changed = []
    for name, value in changes.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def validate(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """full_clean(), with Django's ValidationError turned into our Invalid carrying per-field messages."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        fields = {
            ("non_field_errors" if name == "__all__" else name): [str(m) for m in messages]
            for name, messages in error.message_dict.items()
        }
        raise Invalid(_("Please correct the highlighted fields."), fields=fields) from error

"""Applying a set of field changes to a model instance, so services can audit exactly what changed, and
validating it before it is saved."""

import datetime
import decimal
import uuid
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext as _
from django_countries.fields import CountryField

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
    """full_clean(), with Django's ValidationError turned into our Invalid carrying per-field messages.

    The same checks as full_clean, in its order and with its messages, minus the database round trips that
    prove nothing the service does not already know: see `_full_clean`."""
    try:
        _full_clean(instance, set(exclude or ()))
    except ValidationError as error:
        fields = {
            ("non_field_errors" if name == "__all__" else name): [str(m) for m in messages]
            for name, messages in error.message_dict.items()
        }
        raise Invalid(_("Please correct the highlighted fields."), fields=fields) from error


def _full_clean(instance: models.Model, exclude: set[str]) -> None:
    """Model.full_clean, with three queries left out (an intake submission made ~90 of them):

    - a foreign key whose related row is in hand — loaded from the database and assigned to the instance, as
      services do after fetching (and locking) the parent — is not looked up again to prove it exists; its
      other checks (null, blank) are trivially met, and the database's foreign key still guards the insert;
    - the primary key is not checked for uniqueness: it is a fresh random UUID (or the row's own), and the
      primary key constraint is the guard;
    - a condition of a constraint (CheckConstraint, and the condition of a conditional UniqueConstraint) is
      evaluated in Python when it uses only plain comparisons of the row's own fields, as SQL would (a NULL
      operand makes a comparison unknown, and a check that is unknown passes), instead of by a SELECT in a
      savepoint. Whatever the evaluator does not know falls back to Django's query. Uniqueness against other
      rows is still checked by query, so those messages still name the field.

    And a country field's code is looked up among its countries rather than in its choices, which
    django_countries rebuilds on every look (`_clean_country_field`): the same verdict and message."""
    errors: dict[str, Any] = {}
    countries = _country_fields(instance, exclude)
    try:
        instance.clean_fields(exclude=exclude | _foreign_keys_in_hand(instance) | {f.name for f in countries})
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    for field in countries:
        try:
            _clean_country_field(instance, field)
        except ValidationError as error:
            errors.setdefault(field.name, []).extend(error.error_list)
    try:
        instance.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    # As full_clean: uniqueness and constraints only for the fields that passed their own checks.
    exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
    try:
        instance.validate_unique(exclude=exclude | {instance._meta.pk.name})
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
    try:
        _validate_constraints(instance, exclude)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _country_fields(instance: models.Model, exclude: set[str]) -> list[Any]:
    return [
        f
        for f in instance._meta.concrete_fields
        if isinstance(f, CountryField) and f.name not in exclude and f.editable and f.choices is not None
    ]


def _clean_country_field(instance: models.Model, field: Any) -> None:
    """What clean_fields does for a country field, but a code is looked up among the field's countries
    instead of in its choices: Django walks the choices, which django_countries builds afresh on every walk
    (each country's name translated, then all sorted by it: ~0.4 ms a field, six fields in a submission).
    The codes, the messages and the other checks are the same."""
    raw = getattr(instance, field.attname)
    if field.blank and raw in field.empty_values:
        return
    value = field.to_python(raw)
    for code in value if field.multiple else [value]:
        if code not in field.empty_values and code not in field.countries:
            raise ValidationError(
                field.error_messages["invalid_choice"], code="invalid_choice", params={"value": code}
            )
    if not field.multiple and value is None and not field.null:
        raise ValidationError(field.error_messages["null"], code="null")
    if not field.blank and value in field.empty_values:
        raise ValidationError(field.error_messages["blank"], code="blank")
    field.run_validators(value)
    setattr(instance, field.attname, value)


def _foreign_keys_in_hand(instance: models.Model) -> set[str]:
    names = set()
    for field in instance._meta.concrete_fields:
        to_one = field.many_to_one or field.one_to_one
        if not to_one or field.remote_field.limit_choices_to or not field.is_cached(instance):
            continue
        related = field.get_cached_value(instance)
        if (
            related is not None
            and not related._state.adding
            and related.pk == getattr(instance, field.attname)
        ):
            names.add(field.name)
    return names


def _validate_constraints(instance: models.Model, exclude: set[str]) -> None:
    """Model.validate_constraints, with conditions evaluated in Python where `_holds` can."""
    errors: dict[str, Any] = {}
    for model_class, constraints in instance.get_constraints():
        for constraint in constraints:
            condition = getattr(constraint, "condition", None)
            verdict = _holds(instance, condition, exclude) if condition is not None else _UNSUPPORTED
            try:
                if isinstance(constraint, models.CheckConstraint) and verdict is not _UNSUPPORTED:
                    # A check that names an excluded field (_SKIPPED) is skipped, as Django skips it.
                    if verdict is False:
                        raise ValidationError(
                            constraint.get_violation_error_message(), code=constraint.violation_error_code
                        )
                    continue
                if isinstance(constraint, models.UniqueConstraint) and verdict is False:
                    continue  # the row is outside the constraint's condition: no other row can clash
                constraint.validate(model_class, instance, exclude=exclude)
            except ValidationError as error:
                fields = getattr(constraint, "fields", ())
                if getattr(error, "code", None) == "unique" and len(fields) == 1:
                    errors.setdefault(fields[0], []).append(error)
                else:
                    errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


_UNSUPPORTED = object()
_SKIPPED = object()
# Values whose Python comparison is SQL's (dates, numbers, text compared for equality only, below).
_ORDERED = (int, float, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta)
_COMPARE = {
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
}


def _holds(instance: models.Model, condition: Q, exclude: set[str]) -> Any:
    """True, False, None (unknown, as SQL's NULL), _UNSUPPORTED when only the database can tell, or _SKIPPED
    when the condition names an excluded field (Django then skips the whole check)."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            result = _holds(instance, child, exclude)
        elif isinstance(child, tuple) and len(child) == 2:
            result = _lookup_holds(instance, child[0], child[1], exclude)
        else:
            return _UNSUPPORTED
        if result is _UNSUPPORTED or result is _SKIPPED:
            return result
        results.append(result)
    if condition.connector == Q.AND:
        combined = False if False in results else (None if None in results else True)
    else:
        combined = True if True in results else (None if None in results else False)
    if condition.negated:
        combined = None if combined is None else not combined
    return combined


def _lookup_holds(instance: models.Model, lookup: str, expected: Any, exclude: set[str]) -> Any:
    name, _sep, kind = lookup.partition("__")
    kind = kind or "exact"
    value = _plain_value(instance, name, exclude)
    if isinstance(expected, F):
        expected = _plain_value(instance, expected.name, exclude)
    if value is _UNSUPPORTED or expected is _UNSUPPORTED:
        return _UNSUPPORTED
    if value is _SKIPPED or expected is _SKIPPED:
        return _SKIPPED
    if kind == "isnull" and isinstance(expected, bool):
        return (value is None) is expected
    if kind == "exact" and expected is None:
        return value is None
    if isinstance(expected, (models.Expression, Q)) or hasattr(expected, "resolve_expression"):
        return _UNSUPPORTED
    if value is None:
        return None
    if kind == "exact" and isinstance(value, (str, bool, uuid.UUID, *_ORDERED)):
        return value == expected
    if kind == "in" and isinstance(expected, (list, tuple, set, frozenset)) and None not in expected:
        return value in expected
    if kind in _COMPARE and expected is None:
        return None
    # The same type on both sides (a date is not compared with a datetime, a number with text).
    if kind in _COMPARE and isinstance(value, _ORDERED) and type(expected) is type(value):
        try:
            return _COMPARE[kind](value, expected)
        except TypeError:  # an aware and a naive datetime: let the database say what it makes of them
            return _UNSUPPORTED
    return _UNSUPPORTED


def _plain_value(instance: models.Model, name: str, exclude: set[str]) -> Any:
    """The value of a concrete, non-relational field of the instance, as the condition would compare it."""
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:  # a transform or a related path: for the database to judge
        return _UNSUPPORTED
    if not getattr(field, "concrete", False) or field.is_relation:
        return _UNSUPPORTED
    if field.name in exclude:
        return _SKIPPED
    return getattr(instance, field.attname)

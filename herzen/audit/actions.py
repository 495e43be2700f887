"""The registry of audit actions: every action a service may record, declared once, with the label a page shows
and the field names its events may carry (the design of Wagtail's log-action registry).

Each app declares the actions it owns in its own `audit_actions.py`, which `AuditConfig.ready` imports
(`autodiscover_modules`, as the admin finds `admin.py`). `audit.record` refuses an action that nobody declared,
a target of another model and a field name the declaration does not list, so a new action cannot reach the
chain — or a page — as a bare code like `case.priority_refresh`. Pages read `label` and `field_label` from here.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Label = str | Promise


class UndeclaredAuditAction(LookupError):
    """An action, target model or field name that no `audit_actions.py` declared."""


@dataclass(frozen=True)
class AuditAction:
    name: str
    label: Label
    target: str  # the target model's label_lower, "cases.case"
    # Each field name the events may carry; None: shown by the model field's verbose name.
    fields: Mapping[str, Label | None] = field(default_factory=dict)

    def field_label(self, name: str) -> str:
        """The translated name of a field this action's events name: the declared label, else the verbose
        name of the model field (following one relation for "evidence.verification_status")."""
        explicit = self.fields.get(name)
        if explicit is not None:
            return str(explicit)
        label = _verbose_name(self.target, name)
        return label if label is not None else name.replace("_", " ")


_REGISTRY: dict[str, AuditAction] = {}


def register(
    name: str,
    label: Label,
    *,
    target: str,
    fields: Iterable[str] = (),
    field_labels: Mapping[str, Label] | None = None,
) -> AuditAction:
    """Declare one action. `fields` are model fields of `target` (shown by their verbose names);
    `field_labels` names the ones that are not model fields, or whose verbose name would mislead."""
    declared: dict[str, Label | None] = dict.fromkeys(fields)
    declared.update(field_labels or {})
    action = AuditAction(name=name, label=label, target=target.lower(), fields=declared)
    previous = _REGISTRY.get(name)
    if previous is not None and previous != action:
        raise ValueError(f"audit action {name!r} is declared twice, differently")
    _REGISTRY[name] = action
    return action


def get(name: str) -> AuditAction:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UndeclaredAuditAction(
            f"audit action {name!r} is not declared: register it in its app's audit_actions.py"
        ) from None


def registered() -> list[AuditAction]:
    return sorted(_REGISTRY.values(), key=lambda action: action.name)


def check(name: str, target: models.Model, changed_fields: Iterable[str]) -> None:
    """Refuse an event that its declaration does not allow (called by `audit.record`)."""
    action = get(name)
    target_label = target._meta.label_lower
    if target_label != action.target:
        raise UndeclaredAuditAction(
            f"audit action {name!r} is declared for {action.target}, not {target_label}"
        )
    undeclared = sorted(set(changed_fields) - set(action.fields))
    if undeclared:
        raise UndeclaredAuditAction(
            f"audit action {name!r} does not declare the field(s) {', '.join(undeclared)}: "
            "add them to its audit_actions.py declaration"
        )


def label(name: str) -> str:
    """What a page shows for an action: its label; a neutral phrase for an action no longer declared (an old
    event), never the code."""
    action = _REGISTRY.get(name)
    return str(action.label) if action is not None else str(_("Change recorded"))


def field_label(name: str, field_name: str) -> str:
    action = _REGISTRY.get(name)
    if action is not None:
        return action.field_label(field_name)
    return field_name.replace("_", " ")


def _verbose_name(target: str, name: str) -> str | None:
    """The translated verbose name of `name` on the model `target`, or None if it has none marked for
    translation (Django makes "risk factor kinds" of a field without one: an English code, not a label)."""
    try:
        model = apps.get_model(target)
        head, _sep, rest = name.partition(".")
        model_field = model._meta.get_field(head)
        if rest:
            related = model_field.related_model
            if related is None or isinstance(related, str):
                return None
            model_field = related._meta.get_field(rest)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None
    verbose_name = getattr(model_field, "verbose_name", None)
    # Only a name marked for translation counts: Django's default is the field's name with spaces, in English.
    if not isinstance(verbose_name, Promise):
        return None
    return str(verbose_name)

"""One field of an intake form: label or legend, hint, error and input(s), tied together for screen readers."""

from django import template
from django.forms import BoundField

register = template.Library()

GROUP_WIDGETS = {"radioselect", "checkboxselectmultiple"}


def anchor(bound_field: BoundField) -> str:
    """Where the error summary's link for this field goes: the input, or a group's first option."""
    if bound_field.widget_type in GROUP_WIDGETS:
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


@register.filter
def field_anchor(bound_field: BoundField) -> str:
    return anchor(bound_field)


@register.filter
def summary_label(bound_field: BoundField) -> str:
    """The field's name as the error summary leads its entry with ("Surname: This field is required."), so that
    a list of identical messages still says which field each is about. A question's "?" is dropped before
    the colon."""
    return str(bound_field.label or "").strip().rstrip("?:：").rstrip()


@register.inclusion_tag("intake/includes/field.html")
def intake_field(bound_field: BoundField) -> dict[str, object]:
    describedby = []
    if bound_field.help_text:
        describedby.append(f"{bound_field.auto_id}_hint")
    if bound_field.errors:
        describedby.append(f"{bound_field.auto_id}_error")
    attrs: dict[str, str] = {}
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    kind = bound_field.widget_type
    is_group = kind in GROUP_WIDGETS
    return {
        "field": bound_field,
        "kind": kind,
        "is_group": is_group,
        "is_checkbox": kind == "checkbox",
        "widget": None if is_group else bound_field.as_widget(attrs=attrs),
        "describedby": attrs.get("aria-describedby", ""),
        "options": list(bound_field) if is_group else [],
        "input_type": "radio" if kind == "radioselect" else "checkbox",
    }

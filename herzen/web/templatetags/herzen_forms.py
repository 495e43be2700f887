"""Rendering a form field with its label, help and error tied to the input for screen readers."""

from django import template
from django.forms import BoundField

register = template.Library()


@register.inclusion_tag("web/includes/field.html")
def field(bound_field: BoundField, wide: bool = False) -> dict[str, object]:
    describedby: list[str] = []
    attrs: dict[str, str | bool] = {}
    if bound_field.help_text:
        describedby.append(f"{bound_field.auto_id}_help")
    if bound_field.errors:
        describedby.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    return {
        "field": bound_field,
        "widget": bound_field.as_widget(attrs=attrs),
        "is_checkbox": bound_field.widget_type == "checkbox",
        # A group of checkboxes or radio buttons is a fieldset named by its legend (no single input to label).
        "is_group": bound_field.widget_type in ("checkboxselectmultiple", "radioselect"),
        # A form (or one field) can leave out "(optional)" where it would mislead, e.g. inside an optional group.
        "mark_optional": getattr(bound_field.form, "mark_optional", True)
        and getattr(bound_field.field, "mark_optional", True)
        and not bound_field.field.required,
        "wide": wide,
    }

"""`{{ minor|money:currency }}`: whole minor units shown as an amount with its currency."""

from django import template

from herzen.domain.accounting import format_money

register = template.Library()


@register.filter
def money(minor: int, currency: str) -> str:
    return format_money(int(minor or 0), currency)

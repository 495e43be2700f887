"""Checks on API input that several operations of the person record share."""

from typing import Any

from rest_framework import serializers


def ordered_dates(data: dict[str, Any], first: str, last: str, message: str) -> None:
    """A 400 on `last` when both dates are given and `last` comes before `first`."""
    if data.get(first) and data.get(last) and data[last] < data[first]:
        raise serializers.ValidationError({last: [message]})

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herzen.domain.ledger import canonical
from herzen.domain.ledger.encoding import json_list, microseconds_since_2000

INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
MOMENTS = st.datetimes(timezones=st.just(UTC))
VALUES = st.one_of(st.none(), st.text(), INT64, st.booleans(), MOMENTS, st.lists(st.text(), max_size=4))
CONTENTS = st.dictionaries(st.text(max_size=12), VALUES, max_size=6)


@given(CONTENTS, CONTENTS)
def test_different_contents_have_different_canonical_bytes(
    left: dict[str, Any], right: dict[str, Any]
) -> None:
    assert (canonical(left) == canonical(right)) == (left == right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("12345678", int.from_bytes(b"12345678", "big")),  # same bytes, different kinds
        (["a"], '["a"]'),
        (True, 1),
        (None, ""),
        (datetime(2000, 1, 1, 0, 0, 0, 1, tzinfo=UTC), 1),
        ([], ""),
    ],
)
def test_values_of_different_kinds_never_share_bytes(left: object, right: object) -> None:
    assert canonical({"a": left}) != canonical({"a": right})  # type: ignore[dict-item]


def test_fields_cannot_borrow_from_each_other() -> None:
    assert canonical({"a": "xy", "b": ""}) != canonical({"a": "x", "b": "y"})
    assert canonical({"a": "b"}) != canonical({"ab": ""})


def test_key_order_does_not_matter_and_unicode_is_utf8() -> None:
    assert canonical({"b": "Щукина", "a": 1}) == canonical({"a": 1, "b": "Щукина"})
    assert canonical({"a": ["x"]}) == canonical({"a": ("x",)})
    assert "Щукина".encode() in canonical({"b": "Щукина"})


def test_one_instant_has_one_encoding_whatever_its_zone() -> None:
    moment = datetime(2026, 11, 23, 12, 30, 15, 123456, tzinfo=UTC)
    moscow = moment.astimezone(timezone(timedelta(hours=3)))
    assert canonical({"t": moment}) == canonical({"t": moscow})
    assert microseconds_since_2000(datetime(2000, 1, 1, tzinfo=UTC)) == 0
    assert microseconds_since_2000(datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)) == -1


def test_integers_beyond_64_bits_are_refused() -> None:
    with pytest.raises(ValueError, match="64 bits"):
        canonical({"a": 2**63})


@given(st.lists(st.text(), max_size=5))
def test_lists_are_spelled_as_json_with_comma_space(items: list[str]) -> None:
    assert json_list(items) == json.dumps(items, ensure_ascii=False).encode()

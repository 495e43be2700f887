import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herzen.domain.ledger import canonical
from herzen.domain.ledger.encoding import ContentValue, microseconds_since_1970

INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
MOMENTS = st.datetimes(timezones=st.just(UTC))
VALUES = st.one_of(st.none(), st.text(), INT64, MOMENTS, st.uuids(), st.lists(st.text(), max_size=4))
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
        (None, ""),
        (None, 0),
        (datetime(1970, 1, 1, 0, 0, 0, 1, tzinfo=UTC), 1),
        ([], ""),
        (uuid.UUID(bytes=b"0123456789abcdef"), "0123456789abcdef"),
    ],
)
def test_values_of_different_kinds_never_share_bytes(left: object, right: object) -> None:
    assert canonical({"a": left}) != canonical({"a": right})  # type: ignore[dict-item]


def test_fields_cannot_borrow_from_each_other() -> None:
    assert canonical({"a": "xy", "b": ""}) != canonical({"a": "x", "b": "y"})
    assert canonical({"a": "b"}) != canonical({"ab": ""})
    assert canonical({"a": ["x", "y"]}) != canonical({"a": ["xy"]})


def test_key_order_does_not_matter_and_unicode_is_utf8() -> None:
    assert canonical({"b": "Щукина", "a": 1}) == canonical({"a": 1, "b": "Щукина"})
    assert canonical({"a": ["x"]}) == canonical({"a": ("x",)})
    assert "Щукина".encode() in canonical({"b": "Щукина"})


def test_the_bytes_are_those_the_specification_gives() -> None:
    """docs/audit-log-encoding.md, worked example."""
    content: dict[str, ContentValue] = {"id": 7, "who": None, "org": uuid.UUID(int=1)}
    content |= {"at": datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC), "what": "Щ", "fields": ["a", ""]}
    expected = bytes.fromhex(
        "00000006"  # six names, sorted: at fields id org what who
        "000000026174"
        "000000066669656c6473"
        "000000026964"
        "000000036f7267"
        "0000000477686174"
        "0000000377686f"
        "54"
        "00000008"
        "00000000000f4240"  # at: T, 1 000 000 microseconds
        "41"
        "0000000d"
        "00000002"
        "0000000161"
        "00000000"  # fields: A, two items "a" and ""
        "49"
        "00000008"
        "0000000000000007"  # id: I
        "55"
        "00000010"
        "00000000000000000000000000000001"  # org: U
        "53"
        "00000002"
        "d0a9"  # what: S, UTF-8
        "4e"
        "00000000"  # who: N
    )
    assert canonical(content) == expected


def test_one_instant_has_one_encoding_whatever_its_zone() -> None:
    moment = datetime(2026, 11, 23, 12, 30, 15, 123456, tzinfo=UTC)
    moscow = moment.astimezone(timezone(timedelta(hours=3)))
    assert canonical({"t": moment}) == canonical({"t": moscow})
    assert microseconds_since_1970(datetime(1970, 1, 1, tzinfo=UTC)) == 0
    assert microseconds_since_1970(datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)) == -1


def test_integers_beyond_64_bits_and_bools_are_refused() -> None:
    with pytest.raises(ValueError, match="64 bits"):
        canonical({"a": 2**63})
    with pytest.raises(TypeError):
        canonical({"a": True})

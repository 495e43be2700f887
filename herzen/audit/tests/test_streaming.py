"""The streaming verifier on PostgreSQL: the database's bytes must be exactly the canonical encoding (v3, as
Python's encoder gives it), and
anything it cannot vouch for must end in the reference verifier's precise report."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db import connection, transaction

from herzen.audit import chain, streaming
from herzen.audit.models import AccessEvent, AuditEvent, chained_layout
from herzen.audit.tests.conftest import build_events, sequence_all
from herzen.domain.ledger import Head, row

pytestmark = pytest.mark.skipif("connection.vendor != 'postgresql'")

AWKWARD_TEXT = [
    "",
    "Щукина Анна",
    "emoji 😀 and combining й",
    'quote " backslash \\ comma , semicolon ; colon :',
    "tab\tnewline\nreturn\rbell\x07 unit separator\x1f delete\x7f",
    '["not", "a list"]',
    "\u2028line separator",
    "x" * 64,
]
AWKWARD_LISTS = [[], [""], ["Щукина"], ['"]', "\\", "\t\n\x01", ", ", "😀"], ["a", "a"]]
AWKWARD_TIMES = [
    datetime(2026, 11, 23, 12, 0, 0, 0, tzinfo=UTC),
    datetime(2026, 11, 23, 12, 0, 0, 1, tzinfo=UTC),
    datetime(2026, 11, 23, 12, 0, 0, 999_999, tzinfo=UTC),
    datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),  # before the Unix epoch: negative
    datetime(1970, 1, 1, tzinfo=UTC),
    datetime(2026, 3, 29, 2, 30, 0, 123_456, tzinfo=timezone(timedelta(hours=3))),
]


def awkward_events(actor) -> list[AuditEvent]:
    events = []
    for n, text in enumerate(AWKWARD_TEXT):
        events.append(
            AuditEvent(
                occurred_at=AWKWARD_TIMES[n % len(AWKWARD_TIMES)],
                actor_user=actor.user if n % 2 else None,
                organisation=actor.organisation if n % 3 else None,
                action=text[:64],
                target_type=text[:64],
                target_id=text[::-1][:64],
                parent_type="" if n % 2 else text[:64],
                parent_id=text[:64],
                changed_fields=AWKWARD_LISTS[n % len(AWKWARD_LISTS)],
            )
        )
    with transaction.atomic():
        chain.insert(events)
    sequence_all()
    return events


def expected_rows(model) -> list[bytes]:
    layout = chained_layout(model)
    stored = model._base_manager.order_by("sequence").values(*model.CHAINED_FIELDS, "sequence", "entry_hash")
    return [
        row(layout, model.content_of(values), values["sequence"], bytes.fromhex(values["entry_hash"]))
        for values in stored
    ]


def test_postgresql_sends_exactly_the_canonical_bytes_of_awkward_values(caseworker_a):
    awkward_events(caseworker_a)
    build_events(caseworker_a, 10)

    assert streaming.rows(AuditEvent) == expected_rows(AuditEvent)


def test_access_events_stream_as_their_canonical_bytes_too(caseworker_a):
    from herzen import audit

    audit.record_access(actor=caseworker_a, target=caseworker_a.organisation, categories=["case", "identity"])
    audit.record_access(
        actor=caseworker_a, target=caseworker_a.organisation, categories=["notes"], via='Щ,"\n'
    )
    sequence_all()

    assert len(streaming.rows(AccessEvent)) == 2
    assert streaming.rows(AccessEvent) == expected_rows(AccessEvent)


def test_an_intact_chain_is_verified_by_the_stream_alone(caseworker_a):
    awkward_events(caseworker_a)
    events = build_events(caseworker_a, 30)
    last = AuditEvent.objects.get(sequence=events[-1].sequence)

    streamed = streaming.verify_stream(AuditEvent, Head.empty(), hashes_at=(3, last.sequence))

    assert not streamed.failed
    assert streamed.head == Head(last.sequence, bytes.fromhex(last.entry_hash))
    assert streamed.hashes[3].hex() == AuditEvent.objects.get(sequence=3).entry_hash
    assert streamed.entries == last.sequence


def test_the_stream_stops_before_an_edited_row_and_the_reference_names_it(caseworker_a):
    events = build_events(caseworker_a, 20)
    AuditEvent._base_manager.filter(pk=events[9].pk).update(changed_fields=["surname", "forged"])

    streamed = streaming.verify_stream(AuditEvent, Head.empty())
    problem = chain.verify_chain("audit").problem

    assert streamed.failed
    assert streamed.head.sequence == 9
    assert (problem.sequence, problem.key) == (10, str(events[9].pk))
    assert "hash does not match" in problem.reason
    assert AuditEvent.objects.count() == 20  # the cancelled COPY left the connection usable


def test_a_stored_hash_that_is_not_hex_is_reported_precisely(caseworker_a):
    events = build_events(caseworker_a, 8)
    AuditEvent._base_manager.filter(pk=events[4].pk).update(entry_hash="not hex at all")

    assert streaming.verify_stream(AuditEvent, Head.empty()).failed
    problem = chain.verify_chain("audit").problem

    assert (problem.sequence, problem.key) == (5, str(events[4].pk))
    assert "hash does not match" in problem.reason


def test_a_deleted_row_is_reported_as_missing(caseworker_a):
    events = build_events(caseworker_a, 12)
    AuditEvent._base_manager.filter(pk=events[5].pk).delete()

    problem = chain.verify_chain("audit").problem

    assert problem.sequence == 7
    assert "#6 are missing" in problem.reason


def test_verification_inside_a_failed_stream_keeps_the_callers_transaction(caseworker_a):
    events = build_events(caseworker_a, 5)
    AuditEvent._base_manager.filter(pk=events[1].pk).update(entry_hash="zz")
    with transaction.atomic():
        assert chain.verify_chain("audit").problem is not None
        assert AuditEvent.objects.count() == 5
    assert connection.is_usable()


def test_nothing_after_the_head_streams_as_no_rows(caseworker_a):
    # The COPY header then arrives in the trailer's message: it must not be taken for a row.
    assert streaming.rows(AuditEvent) == []
    events = build_events(caseworker_a, 3)
    head = Head(3, bytes.fromhex(AuditEvent.objects.get(pk=events[-1].pk).entry_hash))

    assert streaming.rows(AuditEvent, after=3) == []
    streamed = streaming.verify_stream(AuditEvent, head)

    assert not streamed.failed
    assert (streamed.head, streamed.entries) == (head, 0)

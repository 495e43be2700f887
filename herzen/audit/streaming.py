"""Verifying a chain on PostgreSQL at the speed of hashing: PostgreSQL computes each row's content in encoding v3
(herzen.domain.ledger.encoding, docs/audit-log-encoding.md) and streams it, and the rows are hashed as they
arrive (herzen.domain.ledger.records), with no per-column decoding in Python.

The query selects one bytea per row, the content's values followed by the sequence number (built from the
columns with int8send, uuid_send and textsend), and the stored hash as 32 bytes. Binary COPY is only how the
rows travel: one row per COPY message, read straight from libpq rather than through psycopg's Copy object,
which costs several microseconds per row — more than hashing it.

This path only ever says "intact". Anything else — a row that does not match, a stored hash that is not hex
(the query then fails), a client encoding that is not UTF-8 — hands over to the reference verifier
(herzen.audit.chain), which reports precisely what is wrong from the last entry known good.
"""

from django.db import DatabaseError, connection, transaction
from psycopg import pq

from herzen.audit.models import INTEGER, LIST, TEXT, TIME, UUID, ChainedEvent, chained_kinds, chained_layout
from herzen.domain.ledger import Head, RecordVerifier

BINARY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
TRAILER = b"\xff\xff"
NULL_VALUE = "'\\x4e00000000'::bytea"  # kind N, length 0
# Each kind's bytes (herzen.domain.ledger.encoding) from a column `{c}` that is not NULL.
VALUE_SQL = {
    INTEGER: "'\\x4900000008'::bytea || int8send({c}::bigint)",
    # extract(epoch) is numeric (exact to the microsecond) since PostgreSQL 14.
    TIME: "'\\x5400000008'::bytea || int8send((extract(epoch FROM {c}) * 1000000)::bigint)",
    UUID: "'\\x5500000010'::bytea || uuid_send({c})",
    # The server encoding is UTF-8 (checked): octet_length counts UTF-8 bytes and textsend gives them as they are.
    TEXT: "'\\x53'::bytea || int4send(octet_length({c})) || textsend({c})",
    LIST: "'\\x41'::bytea || int4send(octet_length({a})) || {a}",
}
# The items of a JSON array of strings: count:u32, then each as length:u32 and UTF-8.
ARRAY_SQL = (
    "(SELECT int4send(count(*)::int) || coalesce(string_agg(int4send(octet_length(item))"
    " || textsend(item), ''::bytea ORDER BY position), ''::bytea)"
    " FROM jsonb_array_elements_text({c}) WITH ORDINALITY AS items(item, position))"
)


class StreamUnavailable(RuntimeError):
    """The fast path cannot run here (not PostgreSQL, or not UTF-8); the reference verifier does the work."""


def content_sql(model: type[ChainedEvent]) -> str:
    """An expression of the model's table: each row's content values in encoding v3, as one bytea."""
    quote = connection.ops.quote_name
    columns = {field.attname: field.column for field in model._meta.concrete_fields}
    kinds = dict(chained_kinds(model))
    parts = []
    for name in chained_layout(model):
        column = quote(columns[name])
        value = VALUE_SQL[kinds[name]].format(c=column, a=ARRAY_SQL.format(c=column))
        parts.append(f"(CASE WHEN {column} IS NULL THEN {NULL_VALUE} ELSE {value} END)")
    return " || ".join(parts)


def copy_query(model: type[ChainedEvent], after: int) -> str:
    """Binary COPY of the chain's rows after `after`, in sequence order, each row laid out as
    herzen.domain.ledger.records expects."""
    quote = connection.ops.quote_name
    columns = {field.attname: field.column for field in model._meta.concrete_fields}
    sequence, stored_hash = quote(columns["sequence"]), quote(columns["entry_hash"])
    # Names come from the model (quoted) and `after` is an int: COPY takes no bound parameters.
    return (
        f"COPY (SELECT {content_sql(model)} || int8send({sequence}), decode({stored_hash}, 'hex') "  # noqa: S608
        f"FROM {quote(model._meta.db_table)} WHERE {sequence} > {int(after)} ORDER BY {sequence}) "
        "TO STDOUT (FORMAT BINARY)"
    )


def verify_stream(model: type[ChainedEvent], start: Head, hashes_at: tuple[int, ...] = ()) -> RecordVerifier:
    """Check the chain after `start` from the raw rows. The verifier's `head` is the last entry known good;
    `failed` says the reference verifier must take over from there. A query that fails (a stored hash that is
    not hex) marks the verifier failed without moving it."""
    if connection.vendor != "postgresql":
        raise StreamUnavailable("binary COPY needs PostgreSQL")
    verifier = RecordVerifier(model.chain_name, chained_layout(model), start, hashes_at)
    try:
        with transaction.atomic():  # a savepoint: a failed query must not spoil the caller's transaction
            connection.ensure_connection()
            pgconn = connection.connection.pgconn
            _check_encodings(pgconn)
            _read(pgconn, copy_query(model, start.sequence).encode("ascii"), verifier)
    except DatabaseError:
        verifier.failed = True
    return verifier


def rows(model: type[ChainedEvent], after: int = 0) -> list[bytes]:
    """Every row after `after` as the streaming path receives it (for tests, benchmarks and diagnosis)."""
    if connection.vendor != "postgresql":
        raise StreamUnavailable("binary COPY needs PostgreSQL")
    collected: list[bytes] = []
    with transaction.atomic():
        connection.ensure_connection()
        pgconn = connection.connection.pgconn
        _check_encodings(pgconn)
        pgconn.send_query(copy_query(model, after).encode("ascii"))
        result = pgconn.get_result()
        if result is not None and result.status == pq.ExecStatus.COPY_OUT:
            collected = [bytes(data) for data in _rows(pgconn)]
            result = pgconn.get_result()
        _finish(pgconn, result)
    return collected


def _check_encodings(pgconn: pq.abc.PGconn) -> None:
    for name in (b"client_encoding", b"server_encoding"):
        if pgconn.parameter_status(name) != b"UTF8":
            raise StreamUnavailable(f"{name.decode()} is not UTF8: text would not arrive as UTF-8")


def _read(pgconn: pq.abc.PGconn, query: bytes, verifier: RecordVerifier) -> None:
    pgconn.send_query(query)
    result = pgconn.get_result()
    if result is None or result.status != pq.ExecStatus.COPY_OUT:
        _finish(pgconn, result)
        return
    rows = _rows(pgconn)
    try:
        # Straight from the stream: holding batches of rows in lists costs more than hashing them.
        verifier.feed(rows)
    finally:
        if verifier.failed:
            pgconn.get_cancel().cancel()  # stop the server sending the rest
        for _ in rows:  # drain what was already sent (or the remaining rows) so the connection is usable
            pass
        _finish(pgconn, pgconn.get_result())


def _rows(pgconn: pq.abc.PGconn):  # type: ignore[no-untyped-def]
    """Each row's bytes (a memoryview), without the binary COPY header and trailer."""
    receive = pgconn.get_copy_data
    size, data = receive(0)
    if size < 0:
        return
    if not data[: len(BINARY_SIGNATURE)] == BINARY_SIGNATURE:
        raise DatabaseError("not a binary COPY stream")
    extension = int.from_bytes(data[15:19], "big")
    data = data[19 + extension :]  # the header comes in the message of the first row (or of the trailer)
    size = len(data)
    # Every row has a 2-byte field count and at least one field, so a message of 2 bytes is the trailer (or
    # something wrong): checking the size is cheaper than comparing each row with the trailer.
    while size > len(TRAILER):
        yield data
        size, data = receive(0)
    if size < 0:
        return  # the server stopped sending (an error, which _finish reports)
    if data != TRAILER:
        raise DatabaseError("not a binary COPY stream")
    receive(0)  # the end of the copy


def _finish(pgconn: pq.abc.PGconn, result: pq.abc.PGresult | None) -> None:
    """Consume the results that close the COPY; raise if the server reported an error."""
    error = None
    while result is not None:
        if result.status == pq.ExecStatus.COPY_OUT:  # rows still coming (the reader stopped early): drop them
            while pgconn.get_copy_data(0)[0] >= 0:
                pass
        elif result.status == pq.ExecStatus.FATAL_ERROR and error is None:
            error = (result.error_message or b"").decode("utf-8", "replace")
        result = pgconn.get_result()
    if error is not None:
        raise DatabaseError(error)

"""Transactions of services, and the one kind of block in which nested services can skip their savepoints.

A service is `@atomic`: its own transaction when called alone, a savepoint when called inside another
service's transaction, so a caller that catches the service's failure keeps a usable transaction and none of
the failed step's writes (Django's transaction.atomic).

An `all_or_nothing()` block is one transaction that no caller recovers from: a failure anywhere inside aborts
all of it (an intake submission: about twenty services, none of whose failures is caught and worked around).
Inside it, a nested service makes no savepoint (a SAVEPOINT and a RELEASE statement each, ~45 of an intake
submission's statements): there is nothing to roll back to that the whole block's rollback would not undo.
Should a failure inside be caught after all, Django refuses any further query in the transaction
(TransactionManagementError) rather than go on from a half-written step. And `get_scoped` hands a row it has
already locked in the block out again (herzen.core.lookup).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.db import models, transaction

P = ParamSpec("P")
R = TypeVar("R")

# Inside all_or_nothing(): the rows get_scoped has locked so far, by (model, primary key, organisation, user).
_locked_rows: ContextVar[dict[tuple[Any, ...], models.Model] | None] = ContextVar(
    "herzen_all_or_nothing", default=None
)


@contextmanager
def all_or_nothing() -> Iterator[None]:
    """Mark the enclosing transaction as one that no failure inside this block leaves alive (see the module
    docstring). Must be entered inside that transaction; nested blocks join the outermost.

    Its users promise: nothing inside catches a failure and goes on, deletes a row it locked through
    get_scoped, or writes such a row other than through the instance get_scoped handed out."""
    if _locked_rows.get() is not None:
        yield
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("all_or_nothing() must run inside a transaction")
    token = _locked_rows.set({})
    try:
        yield
    finally:
        _locked_rows.reset(token)


def locked_rows() -> dict[tuple[Any, ...], models.Model] | None:
    """The rows locked so far in the current all_or_nothing() block, or None outside one."""
    return _locked_rows.get()


def atomic_block() -> transaction.Atomic:
    """`with transaction.atomic():`, without the savepoint inside an all_or_nothing() block."""
    return transaction.atomic(savepoint=_locked_rows.get() is None)


def atomic(service: Callable[P, R]) -> Callable[P, R]:
    """transaction.atomic for a service, without the savepoint inside an all_or_nothing() block."""

    @wraps(service)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with atomic_block():
            return service(*args, **kwargs)

    return run

"""The port a stream processor's store implements, and the two ways it may fail."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol, TypeVar

import asyncpg

R_contra = TypeVar("R_contra", contravariant=True)

# Errors after which the same batch may well succeed: the server restarting or overloaded, the
# connection lost, a deadlock or serialization failure chosen as victim.
TRANSIENT_POSTGRES_ERRORS = (
    OSError,
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.InterfaceError,
    asyncpg.OperatorInterventionError,
    asyncpg.TransactionRollbackError,
    asyncpg.InsufficientResourcesError,
)


class StoreUnavailable(Exception):
    """The store cannot be reached now; the same batch may succeed later."""


class RecordsRejected(Exception):
    """The store refused the data itself (a constraint, a value out of range): retry is futile."""


class RecordStore(Protocol[R_contra]):
    async def record(self, records: Sequence[R_contra]) -> int:
        """Record a batch atomically and idempotently (by event id); return how many were new.

        Raises StoreUnavailable or RecordsRejected, recording nothing.
        """
        ...


@contextmanager
def postgres_outcomes(store: str) -> Iterator[None]:
    """Turn PostgreSQL's errors into the port's two failures (for a PostgreSQL store's `record`)."""
    try:
        yield
    except TRANSIENT_POSTGRES_ERRORS as exc:
        raise StoreUnavailable(type(exc).__name__) from exc
    except (asyncpg.DataError, asyncpg.IntegrityConstraintViolationError) as exc:
        # Name the rule, not the row: the row's values may be personal data.
        rule = getattr(exc, "constraint_name", None) or type(exc).__name__
        raise RecordsRejected(f"rejected by the {store} store: {rule}") from exc

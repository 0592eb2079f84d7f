"""The port a stream processor's store implements, and the two ways it may fail."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

R_contra = TypeVar("R_contra", contravariant=True)


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

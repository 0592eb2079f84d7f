"""Where notify finds its recipients: enterprise contacts in its own schema, bookings in the
gateway's published view `gateway.appointment_contacts_v`, job seekers who consented in
matching's `matching.job_seeker_contacts_v` (with their preferred channel) and self-registrations
awaiting their code in `gateway.self_registration_contacts_v` (never the other services'
tables)."""

from __future__ import annotations

import uuid

import asyncpg

from services.notify.domain.intake import Reach, preferred_first
from services.platform.postgres import Connection

_ENTERPRISES = """
SELECT credit_code, phone FROM notify.enterprise_contacts WHERE credit_code = ANY($1::text[])
"""

_BOOKINGS = """
SELECT booking_id::text, mobile, hall_name, address FROM gateway.appointment_contacts_v
WHERE booking_id = ANY($1::uuid[])
"""

_SEEKERS = """
SELECT seeker_id, mobile, preferred_channel FROM matching.job_seeker_contacts_v
WHERE seeker_id = ANY($1::text[])
"""

_SELF_REGISTRATIONS = """
SELECT seeker_id, mobile FROM gateway.self_registration_contacts_v
WHERE seeker_id = ANY($1::text[])
"""

# The view missing (the gateway not migrated in this database) or not granted to notify's role.
_UNREADABLE = (
    asyncpg.UndefinedTableError,
    asyncpg.InvalidSchemaNameError,
    asyncpg.InsufficientPrivilegeError,
)


async def enterprises(conn: Connection, codes: list[str]) -> dict[str, Reach]:
    if not codes:
        return {}
    return {row[0]: Reach(row[1]) for row in await conn.fetch(_ENTERPRISES, codes)}


async def bookings(conn: Connection, booking_ids: list[str]) -> dict[str, Reach] | None:
    """The bookings the view knows; None when notify cannot read the view."""
    rows = await _from_view(conn, _BOOKINGS, [i for i in booking_ids if _is_uuid(i)])
    if rows is None:
        return None
    return {row[0]: Reach(row[1], {"hall_name": row[2], "address": row[3]}) for row in rows}


async def seekers(conn: Connection, seeker_ids: list[str]) -> dict[str, Reach] | None:
    """The consenting seekers the view knows; None when notify cannot read the view."""
    rows = await _from_view(conn, _SEEKERS, seeker_ids)
    if rows is None:
        return None
    return {row[0]: Reach(row[1], channels=preferred_first(row[2])) for row in rows}


async def self_registrations(conn: Connection, seeker_ids: list[str]) -> dict[str, Reach] | None:
    """The self-registrations whose code is still valid; None when notify cannot read the view."""
    rows = await _from_view(conn, _SELF_REGISTRATIONS, seeker_ids)
    return None if rows is None else {row[0]: Reach(row[1]) for row in rows}


async def _from_view(conn: Connection, query: str, ids: list[str]) -> list[asyncpg.Record] | None:
    """Another service's view's rows for these ids; None when notify cannot read the view."""
    if not ids:
        return []
    try:
        async with conn.transaction():  # a savepoint: an unreadable view must not end the batch
            rows: list[asyncpg.Record] = await conn.fetch(query, ids)
    except _UNREADABLE:
        return None
    return rows


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True

"""Notify's RecordStore on PostgreSQL: requests become messages, registrations contacts.

One transaction per batch. A request and the registration of its enterprise may be recorded by
two workers at once (they come on different topics); each transaction first takes an advisory
lock per enterprise it touches, in sorted order, so a request never reads "no contact" while a
registration that would release it commits unseen.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

import asyncpg
import orjson

from services.contracts.notifications import RecipientKind
from services.notify.adapters import recipients_sql
from services.notify.adapters.campaigns_sql import record_campaign_events
from services.notify.domain.intake import intake
from services.notify.domain.records import (
    Record,
    RecordCampaign,
    RecordCancel,
    RecordContact,
    RecordOptIn,
    RecordOptOut,
    RecordRequest,
    RecordRosterChunk,
)
from services.platform.postgres import Connection
from services.platform.stream.store import postgres_outcomes

_LOCKS = zlib.crc32(b"notify/enterprises") & 0x7FFFFFFF

_UPSERT_CONTACTS = """
INSERT INTO notify.enterprise_contacts (credit_code, person_name, phone, registered_at, event_id)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])
ON CONFLICT (credit_code) DO UPDATE
SET person_name = excluded.person_name, phone = excluded.phone,
    registered_at = excluded.registered_at, event_id = excluded.event_id
WHERE excluded.registered_at >= notify.enterprise_contacts.registered_at
  AND excluded.event_id <> notify.enterprise_contacts.event_id
RETURNING credit_code
"""

_INSERT_MESSAGES = """
INSERT INTO notify.messages (event_id, recipient_kind, recipient, template, requested_by,
                             requested_at, channel, channels, phone, body, slots, segments,
                             status, reason)
SELECT u.event_id, u.kind, u.recipient, u.template, u.requested_by, u.requested_at,
       u.channel, string_to_array(u.channels, ','), u.phone, u.body,
       u.slots::jsonb, u.segments, u.status, u.reason
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
            $7::text[], $8::text[], $9::text[], $10::integer[], $11::text[], $12::text[],
            $13::text[], $14::text[])
     AS u(event_id, kind, recipient, template, requested_by, requested_at, phone, body, slots,
          segments, status, reason, channel, channels)
ORDER BY u.event_id
ON CONFLICT (event_id) DO NOTHING
RETURNING event_id
"""

_RELEASE_WAITING = """
UPDATE notify.messages m
SET status = 'created', channel = 'sms', phone = c.phone, status_changed_at = now()
FROM notify.enterprise_contacts c
WHERE m.status = 'waiting_for_contact'
  AND m.recipient_kind = 'enterprise' AND m.recipient = c.credit_code
  AND c.credit_code = ANY($1::text[])
"""


class PostgresNotifyStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record(self, records: Sequence[Record]) -> int:
        if not records:
            return 0
        with postgres_outcomes("notify"):
            async with self._pool.acquire() as conn, conn.transaction():
                return await self._record(conn, records)

    async def _record(self, conn: Connection, records: Sequence[Record]) -> int:
        contacts = _latest_contacts(r for r in records if isinstance(r, RecordContact))
        requests = list({r.event_id: r for r in records if isinstance(r, RecordRequest)}.values())
        enterprises = sorted(
            {c.credit_code for c in contacts}
            | {r.recipient for r in requests if r.recipient_kind is RecipientKind.ENTERPRISE}
        )
        await conn.execute(
            "SELECT pg_advisory_xact_lock($1, hashtext(k)) FROM unnest($2::text[]) k ORDER BY k",
            _LOCKS,
            enterprises,
        )
        changed = await _upsert_contacts(conn, contacts)
        if changed:
            await conn.execute(_RELEASE_WAITING, changed)
        new_messages = await _insert_messages(conn, requests)
        campaign_events = [
            r
            for r in records
            if isinstance(
                r, RecordRosterChunk | RecordCampaign | RecordCancel | RecordOptOut | RecordOptIn
            )
        ]
        return len(changed) + new_messages + await record_campaign_events(conn, campaign_events)


def _latest_contacts(contacts: Iterable[RecordContact]) -> list[RecordContact]:
    latest: dict[str, RecordContact] = {}
    for contact in contacts:
        current = latest.get(contact.credit_code)
        if current is None or contact.registered_at >= current.registered_at:
            latest[contact.credit_code] = contact
    return sorted(latest.values(), key=lambda c: c.credit_code)


async def _upsert_contacts(conn: Connection, contacts: list[RecordContact]) -> list[str]:
    if not contacts:
        return []
    rows = await conn.fetch(
        _UPSERT_CONTACTS,
        [c.credit_code for c in contacts],
        [c.person_name for c in contacts],
        [c.phone for c in contacts],
        [c.registered_at for c in contacts],
        [c.event_id for c in contacts],
    )
    return [row["credit_code"] for row in rows]


async def _insert_messages(conn: Connection, requests: list[RecordRequest]) -> int:
    if not requests:
        return 0

    def of_kind(kind: RecipientKind) -> list[str]:
        return [r.recipient for r in requests if r.recipient_kind is kind]

    contacts = await recipients_sql.enterprises(conn, of_kind(RecipientKind.ENTERPRISE))
    booked = await recipients_sql.bookings(conn, of_kind(RecipientKind.BOOKING))
    seekers = await recipients_sql.seekers(conn, of_kind(RecipientKind.JOB_SEEKER))
    registering = await recipients_sql.self_registrations(
        conn, of_kind(RecipientKind.SELF_REGISTRATION)
    )
    from_views = {
        RecipientKind.BOOKING: booked,
        RecipientKind.JOB_SEEKER: seekers,
        RecipientKind.SELF_REGISTRATION: registering,
    }
    reach = {RecipientKind.ENTERPRISE: contacts} | {k: v or {} for k, v in from_views.items()}
    unreadable = frozenset(kind for kind, found in from_views.items() if found is None)
    intakes = [
        intake(r, reach.get(r.recipient_kind, {}).get(r.recipient), unreadable=unreadable)
        for r in requests
    ]
    rows = await conn.fetch(
        _INSERT_MESSAGES,
        [r.event_id for r in requests],
        [r.recipient_kind.value for r in requests],
        [r.recipient for r in requests],
        [r.template.value for r in requests],
        [r.requested_by for r in requests],
        [r.requested_at for r in requests],
        [i.phone for i in intakes],
        [i.body for i in intakes],
        # JSON text: asyncpg would read a list of lists as a two-dimensional array.
        [orjson.dumps(list(i.slots)).decode() for i in intakes],
        [i.segments for i in intakes],
        [i.status.value for i in intakes],
        [i.reason for i in intakes],
        [i.channel.value if i.channel else None for i in intakes],
        [",".join(c.value for c in i.channels) for i in intakes],
    )
    return len(rows)

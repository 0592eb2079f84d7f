"""Rosters and campaigns in notify's schema, each event a few set-based statements.

A roster chunk is one upsert of its members; a campaign is recorded once (its id) and expanded
into its messages by one INSERT … SELECT from the roster, in the transaction that records it, so
a million members are a million rows written by PostgreSQL, not a million events; a cancel is
one UPDATE of what was not sent. Replays are harmless: the campaign's row decides whether it is
expanded, members keep their latest upload, and a cancel moves only unsent messages.
"""

from __future__ import annotations

from services.contracts.rosters import UploadMode
from services.notify.adapters.opt_outs_sql import record_opt_in, record_opt_out
from services.notify.domain.messages import MessageStatus, sources_of
from services.notify.domain.records import (
    CampaignRecord,
    RecordCampaign,
    RecordCancel,
    RecordOptIn,
    RecordOptOut,
    RecordRosterChunk,
)
from services.platform.postgres import Connection

_REPLACED = """
INSERT INTO notify.roster_replacements (credit_code, upload_id, uploaded_at)
VALUES ($1, $2::uuid, $3)
ON CONFLICT (credit_code) DO UPDATE SET upload_id = excluded.upload_id,
    uploaded_at = excluded.uploaded_at
WHERE excluded.uploaded_at > notify.roster_replacements.uploaded_at
"""

_REMOVE_EARLIER = """
DELETE FROM notify.roster_members m
USING notify.roster_replacements r
WHERE m.credit_code = $1 AND r.credit_code = $1 AND m.uploaded_at < r.uploaded_at
"""

_UPSERT_MEMBERS = """
INSERT INTO notify.roster_members (credit_code, phone, person_name, mobile, wechat_openid,
    preferred_channel, consent, department, site, upload_id, uploaded_at, opted_out)
SELECT $1, u.phone, u.person_name, u.mobile, u.openid, u.channel, u.consent, u.department,
       u.site, $2::uuid, $3,
       -- The file's refusals, and those the member stated before and has not taken back (the
       -- gateway's opt-outs, an SMS unsubscribe by reply): a `replace` keeps them too.
       ARRAY(SELECT DISTINCT c FROM unnest(
                 string_to_array(u.opted_out, ',')
                 || ARRAY(SELECT o.channel FROM notify.member_opt_outs o
                          WHERE o.credit_code = $1 AND o.phone = u.phone)
                 || ARRAY(SELECT 'sms'::text FROM notify.sms_unsubscribes s
                          WHERE s.phone = u.phone)) c
             ORDER BY c)
FROM unnest($4::text[], $5::text[], $6::boolean[], $7::text[], $8::text[], $9::boolean[],
            $10::text[], $11::text[], $12::text[])
     AS u(phone, person_name, mobile, openid, channel, consent, department, site, opted_out)
WHERE NOT EXISTS (SELECT 1 FROM notify.roster_replacements r
                  WHERE r.credit_code = $1 AND r.uploaded_at > $3)
ON CONFLICT (credit_code, phone) DO UPDATE SET
    person_name = excluded.person_name, mobile = excluded.mobile,
    wechat_openid = excluded.wechat_openid, preferred_channel = excluded.preferred_channel,
    consent = excluded.consent, department = excluded.department, site = excluded.site,
    opted_out = ARRAY(SELECT DISTINCT c FROM unnest(notify.roster_members.opted_out
                                                     || excluded.opted_out) c ORDER BY c),
    upload_id = excluded.upload_id, uploaded_at = excluded.uploaded_at
WHERE excluded.uploaded_at >= notify.roster_members.uploaded_at
"""

_NEW_CAMPAIGN = """
INSERT INTO notify.campaigns (campaign_id, credit_code, template, body, segments, send_at,
                              requested_by, requested_at, recipients)
VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, 0)
ON CONFLICT (campaign_id) DO NOTHING
RETURNING campaign_id
"""

# One message per consenting member in the audience. Its channel order is the member's
# preferred channel, then SMS, WeChat, voice; the sender skips a channel that cannot reach the
# member (no openid: no WeChat; a landline: no SMS), so a landline goes by voice (or WeChat).
# `channel` starts on the first usable one, so progress counts it there before it is claimed.
_EXPAND = """
INSERT INTO notify.messages (event_id, recipient_kind, recipient, template, requested_by,
    requested_at, channel, channels, phone, body, slots, segments, status, next_attempt_at,
    campaign_id, preferred_channel, wechat_openid, opted_out)
SELECT gen_random_uuid()::text, 'roster', r.credit_code, $3, $4, $5,
       CASE WHEN r.preferred_channel = 'voice' THEN 'voice'
            WHEN r.preferred_channel = 'wechat' AND r.wechat_openid IS NOT NULL THEN 'wechat'
            WHEN r.mobile THEN 'sms'
            WHEN r.wechat_openid IS NOT NULL THEN 'wechat'
            ELSE 'voice' END,
       ARRAY[r.preferred_channel]
           || array_remove(ARRAY['sms', 'wechat', 'voice'], r.preferred_channel),
       r.phone, $6, $7::jsonb, $8, 'created', $9, $1::uuid, r.preferred_channel, r.wechat_openid,
       r.opted_out
FROM notify.roster_members r
WHERE r.credit_code = $2 AND r.consent
  AND (cardinality($10::text[]) = 0 OR r.department = ANY($10::text[]))
  AND (cardinality($11::text[]) = 0 OR r.site = ANY($11::text[]))
"""

_COUNT = "UPDATE notify.campaigns SET recipients = $2 WHERE campaign_id = $1::uuid"

_CANCEL_CAMPAIGN = """
UPDATE notify.campaigns SET cancelled_at = $3
WHERE campaign_id = $1::uuid AND credit_code = $2 AND cancelled_at IS NULL
RETURNING campaign_id
"""

# What is in flight on one channel is not sent again on the next after a cancel.
_NO_FALLBACK = """
UPDATE notify.messages SET fallback = NULL
WHERE campaign_id = $1::uuid AND status IN ('sending', 'sent') AND fallback IS NOT NULL
"""

_CANCEL_MESSAGES = """
UPDATE notify.messages
SET status = 'cancelled', reason = 'the campaign was cancelled', status_changed_at = now()
WHERE campaign_id = $1::uuid AND status = ANY($2::text[])
"""


async def record_campaign_events(conn: Connection, records: list[CampaignRecord]) -> int:
    """In their order: an enterprise's chunks and campaigns come in the order it sent them.
    Returns how many of them changed anything (the others were recorded before)."""
    changed = 0
    for record in records:
        if isinstance(record, RecordRosterChunk):
            changed += await _roster_chunk(conn, record) > 0
        elif isinstance(record, RecordCampaign):
            changed += await _campaign(conn, record) is not None
        elif isinstance(record, RecordOptOut):
            changed += await record_opt_out(conn, record) > 0
        elif isinstance(record, RecordOptIn):
            changed += await record_opt_in(conn, record) > 0
        else:
            changed += await _cancel(conn, record) is not None
    return changed


async def _roster_chunk(conn: Connection, chunk: RecordRosterChunk) -> int:
    if chunk.mode is UploadMode.REPLACE:
        await conn.execute(_REPLACED, chunk.credit_code, chunk.upload_id, chunk.uploaded_at)
        await conn.execute(_REMOVE_EARLIER, chunk.credit_code)
    members = chunk.members
    status = await conn.execute(
        _UPSERT_MEMBERS,
        chunk.credit_code,
        chunk.upload_id,
        chunk.uploaded_at,
        [m.phone for m in members],
        [m.name for m in members],
        [m.mobile for m in members],
        [m.wechat_openid for m in members],
        [m.preferred_channel.value for m in members],
        [m.consent for m in members],
        [m.department for m in members],
        [m.site for m in members],
        [",".join(sorted(m.opted_out)) for m in members],
    )
    return int(status.split()[-1])


async def _campaign(conn: Connection, campaign: RecordCampaign) -> int | None:
    """How many messages the campaign became; None when it was recorded before."""
    new = await conn.fetchval(
        _NEW_CAMPAIGN,
        campaign.campaign_id,
        campaign.credit_code,
        campaign.template,
        campaign.body,
        campaign.segments,
        campaign.send_at,
        campaign.requested_by,
        campaign.requested_at,
    )
    if new is None:
        return None  # its messages exist
    status = await conn.execute(
        _EXPAND,
        campaign.campaign_id,
        campaign.credit_code,
        campaign.template,
        campaign.requested_by,
        campaign.requested_at,
        campaign.body,
        list(campaign.slots),  # the pool's jsonb codec encodes it
        campaign.segments,
        campaign.send_at,
        list(campaign.audience.departments),
        list(campaign.audience.sites),
    )
    recipients = int(status.split()[-1])
    await conn.execute(_COUNT, campaign.campaign_id, recipients)
    return recipients


async def _cancel(conn: Connection, cancel: RecordCancel) -> int | None:
    """How many messages were cancelled; None when the campaign was cancelled before."""
    found = await conn.fetchval(
        _CANCEL_CAMPAIGN, cancel.campaign_id, cancel.credit_code, cancel.cancelled_at
    )
    if found is None:
        return None
    await conn.execute(_NO_FALLBACK, cancel.campaign_id)
    status = await conn.execute(
        _CANCEL_MESSAGES, cancel.campaign_id, sources_of(MessageStatus.CANCELLED)
    )
    return int(status.split()[-1])

"""Refusals and renewed consent in notify's schema: what an employee said, kept so it lasts.

A refusal recorded through the gateway goes on the member, on the enterprise's campaign messages
not settled, and into `notify.member_opt_outs`, from which every later upload of the member,
`replace` included, takes it again. A renewed consent (`notify.consent_renewals`, the evidence)
lifts the enterprise's refusals of those channels, on the member and on its messages not
settled; for SMS it also lifts an unsubscribe by reply (TD) sent before the consent was given.
That unsubscribe is from the platform's signature, so it held for every enterprise: the others
that have the number keep their refusal, as a refusal of their own (their employee said stop;
only their own renewal lifts it).
"""

from __future__ import annotations

from services.notify.domain.records import RecordOptIn, RecordOptOut
from services.platform.postgres import Connection

# Messages of other enterprises to the same number are theirs: each enterprise records its own.
_OPT_OUT_MEMBER = """
UPDATE notify.roster_members
SET opted_out = ARRAY(SELECT DISTINCT c FROM unnest(opted_out || $3::text[]) c ORDER BY c)
WHERE credit_code = $1 AND phone = $2
"""

_OPT_OUT_MESSAGES = """
UPDATE notify.messages
SET opted_out = ARRAY(SELECT DISTINCT c FROM unnest(opted_out || $3::text[]) c ORDER BY c)
WHERE campaign_id IN (SELECT campaign_id FROM notify.campaigns WHERE credit_code = $1)
  AND status IN ('created', 'temporary_failure', 'sending', 'sent') AND phone = $2
"""

_KEEP_OPT_OUT = """
INSERT INTO notify.member_opt_outs (credit_code, phone, channel, opted_out_at)
SELECT $1, $2, unnest($3::text[]), $4
ON CONFLICT (credit_code, phone, channel) DO UPDATE
SET opted_out_at = greatest(notify.member_opt_outs.opted_out_at, excluded.opted_out_at)
"""

_RENEWAL = """
INSERT INTO notify.consent_renewals (credit_code, phone, channels, method, given_at, reference,
                                     recorded_by, recorded_at)
VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $8)
ON CONFLICT DO NOTHING
RETURNING recorded_at
"""

_LIFT_OPT_OUTS = """
DELETE FROM notify.member_opt_outs
WHERE credit_code = $1 AND phone = $2 AND channel = ANY($3::text[]) AND opted_out_at <= $4
"""

# The TD stopped SMS from every enterprise: those that have the number (other than the one
# recording the consent) keep the refusal as their own before the unsubscribe is lifted.
_TD_STAYS_WITH_THE_OTHERS = """
INSERT INTO notify.member_opt_outs (credit_code, phone, channel, opted_out_at)
SELECT DISTINCT m.credit_code, m.phone, 'sms', u.replied_at
FROM notify.sms_unsubscribes u
JOIN notify.roster_members m ON m.phone = u.phone
WHERE u.phone = $2 AND m.credit_code <> $1 AND u.replied_at <= $3
ON CONFLICT (credit_code, phone, channel) DO NOTHING
"""

_LIFT_UNSUBSCRIBE = """
DELETE FROM notify.sms_unsubscribes WHERE phone = $1 AND replied_at <= $2
"""

_OPT_IN_MEMBER = """
UPDATE notify.roster_members
SET opted_out = ARRAY(SELECT c FROM unnest(opted_out) c WHERE NOT c = ANY($3::text[]) ORDER BY c)
WHERE credit_code = $1 AND phone = $2 AND opted_out && $3::text[]
"""

_OPT_IN_MESSAGES = """
UPDATE notify.messages
SET opted_out = ARRAY(SELECT c FROM unnest(opted_out) c WHERE NOT c = ANY($3::text[]) ORDER BY c)
WHERE campaign_id IN (SELECT campaign_id FROM notify.campaigns WHERE credit_code = $1)
  AND status IN ('created', 'temporary_failure', 'sending', 'sent') AND phone = $2
  AND opted_out && $3::text[]
"""


async def record_opt_out(conn: Connection, opt_out: RecordOptOut) -> int:
    """How many roster members and messages changed."""
    channels = sorted(opt_out.channels)
    code, phone = opt_out.credit_code, opt_out.phone
    await conn.execute(_KEEP_OPT_OUT, code, phone, channels, opt_out.opted_out_at)
    members = await conn.execute(_OPT_OUT_MEMBER, code, phone, channels)
    messages = await conn.execute(_OPT_OUT_MESSAGES, code, phone, channels)
    return int(members.split()[-1]) + int(messages.split()[-1])


async def record_opt_in(conn: Connection, opt_in: RecordOptIn) -> int:
    """How many roster members and messages changed; 0 for a renewal recorded before."""
    channels = sorted(opt_in.channels)
    code, phone, at = opt_in.credit_code, opt_in.phone, opt_in.opted_in_at
    new = await conn.fetchval(
        _RENEWAL,
        code,
        phone,
        channels,
        opt_in.consent_method,
        opt_in.consent_given_at,
        opt_in.consent_reference,
        opt_in.recorded_by,
        at,
    )
    if new is None:
        return 0
    await conn.execute(_LIFT_OPT_OUTS, code, phone, channels, at)
    if "sms" in channels:
        await conn.execute(_TD_STAYS_WITH_THE_OTHERS, code, phone, at)
        await conn.execute(_LIFT_UNSUBSCRIBE, phone, at)
    members = await conn.execute(_OPT_IN_MEMBER, code, phone, channels)
    messages = await conn.execute(_OPT_IN_MESSAGES, code, phone, channels)
    return int(members.split()[-1]) + int(messages.split()[-1])

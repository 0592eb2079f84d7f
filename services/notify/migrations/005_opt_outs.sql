-- Opt-out per channel (issue 7 item 4): a roster member refuses channels (no voice calls,
-- unsubscribed from SMS); a message whose recipient refused every channel that reaches them is
-- `unsendable`, a final status that is not a failure of the service.

ALTER TABLE notify.roster_members
    ADD COLUMN opted_out text[] NOT NULL DEFAULT '{}' CHECK (opted_out <@ '{sms,wechat,voice}');

ALTER TABLE notify.messages DROP CONSTRAINT messages_status_check;
ALTER TABLE notify.messages ADD CONSTRAINT messages_status_check CHECK (status IN (
    'waiting_for_contact', 'no_channel_yet', 'created', 'sending', 'sent', 'delivered',
    'temporary_failure', 'permanent_failure', 'technical_failure', 'cancelled', 'unsendable'));

-- Read contract -------------------------------------------------------------------------------
CREATE OR REPLACE VIEW notify.campaign_failures_v AS
SELECT m.campaign_id, coalesce(m.channel, 'none') AS channel, m.status, m.reason, m.phone,
       m.status_changed_at
FROM notify.messages m
WHERE m.campaign_id IS NOT NULL
  AND m.status IN ('permanent_failure', 'technical_failure', 'no_channel_yet', 'unsendable');

-- The roster in figures, with each consenting member counted on the channel a campaign would
-- reach them on first (what its preview prices): the first in their order (preferred, then
-- SMS, WeChat, voice, as a campaign's expansion orders them) that reaches them (SMS: a mobile;
-- WeChat: an openid; voice: any number) and that they did not refuse. domain/routing.py is the
-- rule; a test holds this view to it.
CREATE OR REPLACE VIEW notify.roster_summary_v AS
WITH routed AS (
    SELECT r.*,
           (SELECT o.c
            FROM unnest(ARRAY[r.preferred_channel]
                        || array_remove(ARRAY['sms', 'wechat', 'voice'], r.preferred_channel))
                 WITH ORDINALITY AS o(c, n)
            WHERE NOT o.c = ANY(r.opted_out)
              AND (o.c <> 'sms' OR r.mobile)
              AND (o.c <> 'wechat' OR r.wechat_openid IS NOT NULL)
            ORDER BY o.n LIMIT 1) AS first_channel
    FROM notify.roster_members r
)
SELECT credit_code, department, site, count(*) AS members,
       count(*) FILTER (WHERE consent AND mobile) AS sms_reachable,
       count(*) FILTER (WHERE consent AND NOT mobile) AS landlines,
       count(*) FILTER (WHERE NOT consent) AS without_consent,
       count(*) FILTER (WHERE consent AND first_channel = 'sms') AS first_by_sms,
       count(*) FILTER (WHERE consent AND first_channel = 'wechat') AS first_by_wechat,
       count(*) FILTER (WHERE consent AND first_channel = 'voice') AS first_by_voice,
       count(*) FILTER (WHERE consent AND first_channel IS NULL) AS opted_out_of_all
FROM routed
GROUP BY credit_code, department, site;

-- Numbers that replied "TD" (退订) to an SMS of ours: no SMS to them from any enterprise or
-- service, since the unsubscribe is from the signature that sent it. The sender reads it when it
-- claims; a roster member with the number is marked too (what previews count on).
CREATE TABLE notify.sms_unsubscribes (
    phone text PRIMARY KEY,
    replied_at timestamptz NOT NULL
);
CREATE INDEX roster_members_by_phone ON notify.roster_members (phone);

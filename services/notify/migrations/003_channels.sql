-- Channels: a message reaches its recipient over SMS, WeChat or voice, in the recipient's order
-- of preference, falling back to the next channel when one fails for good. Existing messages
-- keep going out by SMS.

ALTER TABLE notify.messages DROP CONSTRAINT messages_channel_check;
ALTER TABLE notify.messages
    ADD CONSTRAINT messages_channel_check CHECK (channel IN ('sms', 'wechat', 'voice'));

-- The recipient's channels in order of preference, and the ones they opted out of.
ALTER TABLE notify.messages
    ADD COLUMN channels text[] NOT NULL DEFAULT '{sms}'
        CHECK (cardinality(channels) > 0 AND channels <@ '{sms,wechat,voice}'),
    ADD COLUMN opted_out text[] NOT NULL DEFAULT '{}' CHECK (opted_out <@ '{sms,wechat,voice}'),
    -- The current attempt: where it went (the number, or the openid), through which provider,
    -- and the channel to fall back to if this one fails for good.
    ADD COLUMN address text,
    ADD COLUMN provider text
        CHECK (provider IN ('tencent_sms', 'aliyun_sms', 'wechat', 'tencent_vms')),
    ADD COLUMN fallback text CHECK (fallback IN ('sms', 'wechat', 'voice')),
    -- When the request left for a provider that cannot be asked what became of it (WeChat,
    -- voice): a `sending` message without it never left and may be sent again safely.
    ADD COLUMN handed_at timestamptz;

UPDATE notify.messages SET address = phone, provider = 'tencent_sms' WHERE attempt_id IS NOT NULL;

-- A WeChat-only recipient has an openid (wechat_openid, from 002) and no number; a purged
-- message has neither, nor an address, whatever its status.
ALTER TABLE notify.messages DROP CONSTRAINT messages_has_a_number;
ALTER TABLE notify.messages ADD CONSTRAINT messages_reachable CHECK (
    purged_at IS NOT NULL OR status NOT IN ('created', 'sending', 'sent', 'delivered')
    OR phone IS NOT NULL OR wechat_openid IS NOT NULL);
ALTER TABLE notify.messages ADD CONSTRAINT messages_attempt_addressed CHECK (
    purged_at IS NOT NULL OR status <> 'sending' OR (address IS NOT NULL AND provider IS NOT NULL));

DROP INDEX notify.messages_by_attempt;
CREATE INDEX messages_by_attempt ON notify.messages (attempt_id, address);

-- Accepted, its receipt not in after a long wait (a worker killed after pulling it): looked up.
CREATE INDEX messages_awaiting_receipt ON notify.messages (sending_since) WHERE status = 'sent';

-- A campaign's progress by the channel each message is on; SMS parts (what a campaign costs)
-- only for messages on SMS: a WeChat message or a call is not billed by the part.
CREATE OR REPLACE VIEW notify.campaign_progress_v AS
SELECT m.campaign_id, coalesce(m.channel, 'none') AS channel, m.status,
       count(*) AS messages,
       coalesce(sum(m.segments) FILTER (WHERE m.channel = 'sms'), 0) AS segments,
       max(m.status_changed_at) AS last_change
FROM notify.messages m
WHERE m.campaign_id IS NOT NULL
GROUP BY m.campaign_id, coalesce(m.channel, 'none'), m.status;

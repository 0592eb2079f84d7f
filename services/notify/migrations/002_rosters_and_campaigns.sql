-- Rosters and campaigns (issue 7 items 2, 3, 8, 10). People's data stays in this schema.

-- Each enterprise's employees to notify, one row per number (E.164): the same person given
-- twice is one member. A landline (mobile = false) gets no SMS.
CREATE TABLE notify.roster_members (
    credit_code char(18) NOT NULL,
    phone text NOT NULL,
    person_name text NOT NULL,
    mobile boolean NOT NULL,
    wechat_openid text,
    preferred_channel text NOT NULL CHECK (preferred_channel IN ('sms', 'wechat', 'voice')),
    consent boolean NOT NULL,
    department text,
    site text,
    upload_id uuid NOT NULL,
    uploaded_at timestamptz NOT NULL,
    PRIMARY KEY (credit_code, phone)
);
CREATE INDEX roster_members_uploaded ON notify.roster_members (uploaded_at);

-- When each enterprise last replaced its whole roster: a chunk of an earlier upload, delivered
-- late or again, adds nobody the replacement removed.
CREATE TABLE notify.roster_replacements (
    credit_code char(18) PRIMARY KEY,
    upload_id uuid NOT NULL,
    uploaded_at timestamptz NOT NULL
);

-- A campaign, recorded once (its event id) and expanded into messages in the same transaction.
CREATE TABLE notify.campaigns (
    campaign_id uuid PRIMARY KEY,
    credit_code char(18) NOT NULL,
    template text NOT NULL,
    body text, -- the text sent: purged with the messages' after the retention period
    segments integer NOT NULL,
    send_at timestamptz NOT NULL,
    requested_by text NOT NULL,
    requested_at timestamptz NOT NULL,
    recipients integer NOT NULL,
    cancelled_at timestamptz
);
CREATE INDEX campaigns_by_enterprise ON notify.campaigns (credit_code);

ALTER TABLE notify.messages
    ADD COLUMN campaign_id uuid,
    -- What the channels use: the member's preferred channel and WeChat openid.
    ADD COLUMN preferred_channel text,
    ADD COLUMN wechat_openid text,
    -- When its text, slots and number were purged (the status history stays).
    ADD COLUMN purged_at timestamptz;
CREATE INDEX messages_by_campaign ON notify.messages (campaign_id, status)
    WHERE campaign_id IS NOT NULL;
CREATE INDEX messages_to_purge ON notify.messages (status_changed_at) WHERE purged_at IS NULL;

ALTER TABLE notify.messages DROP CONSTRAINT messages_status_check;
ALTER TABLE notify.messages ADD CONSTRAINT messages_status_check CHECK (status IN (
    'waiting_for_contact', 'no_channel_yet', 'created', 'sending', 'sent', 'delivered',
    'temporary_failure', 'permanent_failure', 'technical_failure', 'cancelled'));
-- A purged message has no number any more, whatever its status.
ALTER TABLE notify.messages DROP CONSTRAINT messages_check;
ALTER TABLE notify.messages ADD CONSTRAINT messages_has_a_number CHECK (
    purged_at IS NOT NULL OR status NOT IN ('created', 'sending', 'sent', 'delivered')
    OR phone IS NOT NULL);

-- Read contract -------------------------------------------------------------------------------
-- A campaign as the gateway shows it: no text, no recipients.
CREATE VIEW notify.campaigns_v AS
SELECT campaign_id, credit_code, template, segments, send_at, recipients, requested_by,
       requested_at, cancelled_at
FROM notify.campaigns;

-- Counts per campaign, channel and status.
CREATE VIEW notify.campaign_progress_v AS
SELECT m.campaign_id, coalesce(m.channel, 'none') AS channel, m.status,
       count(*) AS messages, coalesce(sum(m.segments), 0) AS segments,
       max(m.status_changed_at) AS last_change
FROM notify.messages m
WHERE m.campaign_id IS NOT NULL
GROUP BY m.campaign_id, coalesce(m.channel, 'none'), m.status;

-- The messages that failed or cannot be sent, with the reason and the number (the gateway
-- shows the number in full to the owning enterprise only, masked to officials).
CREATE VIEW notify.campaign_failures_v AS
SELECT m.campaign_id, coalesce(m.channel, 'none') AS channel, m.status, m.reason, m.phone,
       m.status_changed_at
FROM notify.messages m
WHERE m.campaign_id IS NOT NULL
  AND m.status IN ('permanent_failure', 'technical_failure', 'no_channel_yet');

-- A roster in figures (no person): what a campaign's preview counts on.
CREATE VIEW notify.roster_summary_v AS
SELECT credit_code, department, site, count(*) AS members,
       count(*) FILTER (WHERE consent AND mobile) AS sms_reachable,
       count(*) FILTER (WHERE consent AND NOT mobile) AS landlines,
       count(*) FILTER (WHERE NOT consent) AS without_consent
FROM notify.roster_members
GROUP BY credit_code, department, site;

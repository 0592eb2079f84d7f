-- Notify owns this schema. People's data (contact names, mobiles, message texts) lives here only.

-- Each enterprise's contact person for the employment service, from its latest registration.
CREATE TABLE notify.enterprise_contacts (
    credit_code char(18) PRIMARY KEY,
    person_name text NOT NULL,
    phone text NOT NULL CHECK (phone ~ '^\+86[0-9]{11}$'),
    registered_at timestamptz NOT NULL,
    event_id text NOT NULL
);

-- One row per notification request (its event id): a redelivered request is the same message.
CREATE TABLE notify.messages (
    event_id text PRIMARY KEY,
    recipient_kind text NOT NULL,
    recipient text NOT NULL,
    template text NOT NULL,
    requested_by text NOT NULL,
    requested_at timestamptz NOT NULL,
    channel text CHECK (channel IN ('sms')),
    phone text,
    body text,
    slots jsonb NOT NULL DEFAULT '[]', -- the provider template's values, in order
    segments integer,
    status text NOT NULL CHECK (status IN (
        'waiting_for_contact', 'no_channel_yet', 'created', 'sending', 'sent', 'delivered',
        'temporary_failure', 'permanent_failure', 'technical_failure')),
    reason text,
    attempts integer NOT NULL DEFAULT 0,
    -- The send attempt that holds the message (the SessionContext of its SendSms request) and
    -- when it was claimed: a `sending` message whose answer never came is looked up by them.
    attempt_id uuid,
    claimed_at timestamptz,
    -- When it was claimed or last looked up: the next lookup comes a while after this.
    sending_since timestamptz,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    serial_no text,
    created_at timestamptz NOT NULL DEFAULT now(),
    status_changed_at timestamptz NOT NULL DEFAULT now(),
    CHECK (status NOT IN ('created', 'sending', 'sent', 'delivered') OR phone IS NOT NULL),
    CHECK (status <> 'sending' OR (attempt_id IS NOT NULL AND claimed_at IS NOT NULL))
);
CREATE INDEX messages_to_send ON notify.messages (next_attempt_at)
    WHERE status IN ('created', 'temporary_failure');
CREATE INDEX messages_in_flight ON notify.messages (sending_since) WHERE status = 'sending';
CREATE INDEX messages_by_attempt ON notify.messages (attempt_id, phone);
CREATE INDEX messages_waiting ON notify.messages (recipient) WHERE status = 'waiting_for_contact';

-- Read contract -------------------------------------------------------------------------------
-- Counts by requester, template and status: no recipient, no number, no text.
CREATE VIEW notify.message_status_v AS
SELECT requested_by, template, status, count(*) AS messages, max(status_changed_at) AS last_change
FROM notify.messages
GROUP BY requested_by, template, status;

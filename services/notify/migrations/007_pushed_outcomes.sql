-- Outcomes the providers push (issue 7): WeChat's TEMPLATESENDJOBFINISH per template message
-- (MsgID) and Tencent Cloud VMS's call status per call (callid). The callback listener records
-- each as it comes (a push repeated is the same row) and answers; a periodic job applies the
-- pending ones in bulk to the messages whose provider serial number they name. A push may come
-- before the send's own answer recorded that serial number: it waits here until it matches, or
-- until it is old enough to be counted as naming no message of ours.
CREATE TABLE notify.pushed_outcomes (
    provider text NOT NULL CHECK (provider IN ('wechat', 'tencent_vms')),
    serial_no text NOT NULL,
    delivered boolean NOT NULL,
    reason text,
    received_at timestamptz NOT NULL DEFAULT now(),
    -- When it was applied to its message (matched) or given up as naming none of ours; the row
    -- stays until the retention purge, so a push repeated meanwhile is recognised.
    settled_at timestamptz,
    matched boolean,
    PRIMARY KEY (provider, serial_no)
);
-- What is still to apply: small, whatever the table's size.
CREATE INDEX pushed_outcomes_pending ON notify.pushed_outcomes (received_at)
    WHERE settled_at IS NULL;
CREATE INDEX pushed_outcomes_settled ON notify.pushed_outcomes (settled_at)
    WHERE settled_at IS NOT NULL;

-- A push names its message by the provider's serial number (msgid, callid), recorded when the
-- provider accepted the send; only `sent` messages wait for one.
CREATE INDEX messages_by_serial ON notify.messages (provider, serial_no) WHERE status = 'sent';

-- A pushed outcome of a send whose answer was lost (issue 7): no serial number of ours names
-- it, but the push names its recipient (WeChat's FromUserName openid, VMS's mobile and
-- nationcode). It is matched to the one message to that address on that provider whose send's
-- outcome is unknown, when there is exactly one (domain/pushed_outcomes.py `unconfirmed_match`).
-- The address is kept only while the push waits: it is cleared when the push is applied or
-- given up, so a settled push holds nothing personal.
ALTER TABLE notify.pushed_outcomes ADD COLUMN address text;
ALTER TABLE notify.pushed_outcomes
    ADD CONSTRAINT pushed_outcomes_address_only_while_pending
    CHECK (settled_at IS NULL OR address IS NULL);

-- The messages a push without a known serial number may name: on a pushed provider, on their
-- way or accepted, with no serial number recorded for their attempt (the sender clears it when
-- it claims a message, so a serial of an earlier channel never stands for this one).
CREATE INDEX messages_unconfirmed ON notify.messages (provider, address)
    WHERE serial_no IS NULL AND status IN ('sending', 'sent')
      AND provider IN ('wechat', 'tencent_vms');

-- Alibaba Cloud's SMS delivery reports, pushed (SmsReport, a JSON array) to the callback
-- listener: recorded before they are answered, applied in bulk to the message they name by our
-- OutId (the send's attempt id) and the number, or by Alibaba's BizId and the number. The row
-- holds the number, so it is deleted once applied, or given up after the match window.
CREATE TABLE notify.sms_reports (
    provider text NOT NULL CHECK (provider IN ('aliyun_sms')),
    address text NOT NULL,
    out_id text NOT NULL,
    biz_id text NOT NULL,
    attempt_id uuid,  -- the OutId when it is one of ours
    delivered boolean NOT NULL,
    reason text,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, address, out_id, biz_id)
);
CREATE INDEX sms_reports_received ON notify.sms_reports (received_at);

-- Delivery events on notify.deliveries (issue 7 item 8), published in bulk from here: each
-- request's outcome once it is settled, and each campaign's counts when they changed.

-- When a request's settled outcome was published (NULL: not yet). Campaign messages are
-- reported as their campaign's counts instead, never one by one.
ALTER TABLE notify.messages ADD COLUMN reported_at timestamptz;
-- What was settled before this migration is not announced now.
UPDATE notify.messages SET reported_at = status_changed_at
WHERE campaign_id IS NULL
  AND status NOT IN ('created', 'sending', 'temporary_failure', 'waiting_for_contact');
-- The requests settled or near it, not reported yet: small, whatever the table's size.
CREATE INDEX messages_to_report ON notify.messages (status_changed_at)
    WHERE campaign_id IS NULL AND reported_at IS NULL
      AND status NOT IN ('created', 'sending', 'temporary_failure', 'waiting_for_contact');

-- The last counts published for each campaign, and whether it is settled (nothing more to say).
CREATE TABLE notify.campaign_reports (
    campaign_id uuid PRIMARY KEY REFERENCES notify.campaigns ON DELETE CASCADE,
    sequence integer NOT NULL CHECK (sequence > 0),
    counts jsonb NOT NULL,
    final boolean NOT NULL,
    published_at timestamptz NOT NULL
);

-- A campaign's progress kept as its messages move, not counted again from all of them (issue 7).
-- Counting a million-recipient campaign's messages every few seconds (for its progress events,
-- gauges and live view) kept two PostgreSQL backends busy. Now every statement that inserts,
-- moves or deletes campaign messages appends what it changed to a ledger; the delivery-events
-- job folds the ledger into the totals under its advisory lock; readers add the totals and
-- what is not folded yet. Appending never waits on another writer (no counter row is shared),
-- and a rolled-back statement's changes roll back with it, so nothing is counted twice.

-- The totals, by channel, status and provider (whose `sent` is settled depends on settings).
CREATE TABLE notify.campaign_counts (
    campaign_id uuid NOT NULL,
    channel text NOT NULL,
    status text NOT NULL,
    provider text NOT NULL,
    messages bigint NOT NULL,
    segments bigint NOT NULL, -- SMS parts of the messages on SMS (what the campaign costs)
    last_change timestamptz,
    PRIMARY KEY (campaign_id, channel, status, provider)
);

-- What statements changed since the last fold: a message leaving a status counts -1 there.
CREATE TABLE notify.campaign_count_changes (
    campaign_id uuid NOT NULL,
    channel text NOT NULL,
    status text NOT NULL,
    provider text NOT NULL,
    messages bigint NOT NULL,
    segments bigint NOT NULL,
    last_change timestamptz
);

-- Statement-level, with transition tables: one small insert per statement, whatever its rows.
-- PostgreSQL allows no column list on such triggers, so every UPDATE passes through; rows whose
-- key did not change cancel out and nothing is written for them.
CREATE FUNCTION notify.record_campaign_count_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO notify.campaign_count_changes
        SELECT campaign_id, coalesce(channel, 'none'), status, coalesce(provider, ''), count(*),
               coalesce(sum(segments) FILTER (WHERE channel = 'sms'), 0), max(status_changed_at)
        FROM new_rows WHERE campaign_id IS NOT NULL
        GROUP BY 1, 2, 3, 4;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO notify.campaign_count_changes
        SELECT campaign_id, coalesce(channel, 'none'), status, coalesce(provider, ''), -count(*),
               -coalesce(sum(segments) FILTER (WHERE channel = 'sms'), 0), NULL
        FROM old_rows WHERE campaign_id IS NOT NULL
        GROUP BY 1, 2, 3, 4;
    ELSE
        INSERT INTO notify.campaign_count_changes
        SELECT campaign_id, channel, status, provider, sum(messages), sum(segments), max(last_change)
        FROM (
            SELECT campaign_id, coalesce(channel, 'none') AS channel, status,
                   coalesce(provider, '') AS provider, -1 AS messages,
                   CASE WHEN channel = 'sms' THEN -coalesce(segments, 0) ELSE 0 END AS segments,
                   NULL::timestamptz AS last_change
            FROM old_rows WHERE campaign_id IS NOT NULL
            UNION ALL
            SELECT campaign_id, coalesce(channel, 'none'), status, coalesce(provider, ''), 1,
                   CASE WHEN channel = 'sms' THEN coalesce(segments, 0) ELSE 0 END,
                   status_changed_at
            FROM new_rows WHERE campaign_id IS NOT NULL
        ) moved
        GROUP BY 1, 2, 3, 4
        HAVING sum(messages) <> 0 OR sum(segments) <> 0;
    END IF;
    RETURN NULL;
END
$$;

-- Nothing may move while the totals are taken and the triggers put in place.
LOCK TABLE notify.messages IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER campaign_messages_inserted AFTER INSERT ON notify.messages
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify.record_campaign_count_changes();
CREATE TRIGGER campaign_messages_moved AFTER UPDATE ON notify.messages
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify.record_campaign_count_changes();
CREATE TRIGGER campaign_messages_deleted AFTER DELETE ON notify.messages
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify.record_campaign_count_changes();

INSERT INTO notify.campaign_counts
SELECT campaign_id, coalesce(channel, 'none'), status, coalesce(provider, ''), count(*),
       coalesce(sum(segments) FILTER (WHERE channel = 'sms'), 0), max(status_changed_at)
FROM notify.messages WHERE campaign_id IS NOT NULL
GROUP BY 1, 2, 3, 4;

-- Totals and what is not folded yet; the contract's columns as before.
CREATE OR REPLACE VIEW notify.campaign_progress_v AS
SELECT campaign_id, channel, status, sum(messages)::bigint AS messages,
       sum(segments)::bigint AS segments, max(last_change) AS last_change
FROM (
    SELECT campaign_id, channel, status, messages, segments, last_change
    FROM notify.campaign_counts
    UNION ALL
    SELECT campaign_id, channel, status, messages, segments, last_change
    FROM notify.campaign_count_changes
) counted
GROUP BY campaign_id, channel, status
HAVING sum(messages) <> 0;

-- Monitoring periods (一(一) "定点监测"): a bureau that imports its register after the fact states
-- from when (and until when) its enterprises were monitored, so the weeks before the import are
-- judged as they were: who was expected to report, who did, on time or late.

-- Null: from the registration (monitored_from), open-ended (monitored_until).
ALTER TABLE monitoring.enterprises
    ADD COLUMN monitored_from timestamptz,
    ADD COLUMN monitored_until date;

-- Whether an enterprise is expected to report for `week`, whose reports are due at `deadline`:
-- designated, its monitoring period begun by the deadline and not ended before the week began.
-- The one definition, for the deadline job and the compliance views.
CREATE FUNCTION monitoring.expected_to_report(
    designated boolean, registered_at timestamptz, monitored_from timestamptz,
    monitored_until date, week text, deadline timestamptz
) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN designated
        AND coalesce(monitored_from, registered_at) <= deadline
        AND (monitored_until IS NULL
             OR to_date(week || '-1', 'IYYY-"W"IW-ID') <= monitored_until);

-- Read contract -------------------------------------------------------------------------------

-- For every week whose deadline has been handled, and every week reported for whose deadline has
-- passed (a register imported after the fact: the deadline job never saw those weeks, so nobody
-- was reminded about them): each enterprise expected to report, whether it reported on time,
-- late or not at all, and whether it was reminded.
CREATE OR REPLACE VIEW monitoring.compliance_v AS
WITH due AS (
    SELECT week, deadline FROM monitoring.compliance_runs
    UNION ALL
    SELECT reported.week, reported.deadline
    FROM (SELECT w.week,
                 (to_date(w.week || '-7', 'IYYY-"W"IW-ID') + p.deadline_weekday + p.deadline_at)
                     AT TIME ZONE 'Asia/Shanghai' AS deadline
          FROM (SELECT DISTINCT week FROM monitoring.weekly_reports) w
          CROSS JOIN monitoring.compliance_policy p
          WHERE NOT EXISTS (SELECT 1 FROM monitoring.compliance_runs c WHERE c.week = w.week)
         ) reported
    WHERE reported.deadline < now()
)
SELECT c.week::text AS week, e.credit_code::text AS credit_code, e.name,
    e.district_code::text AS district_code, e.industry_section::text AS industry_section,
    CASE WHEN r.credit_code IS NULL THEN 'missing'
         WHEN r.reported_at > c.deadline THEN 'late'
         ELSE 'on_time' END AS status,
    r.reported_at, c.deadline,
    m.credit_code IS NOT NULL AS reminded
FROM due c
JOIN monitoring.enterprises e ON monitoring.expected_to_report(
    e.designated, e.registered_at, e.monitored_from, e.monitored_until, c.week::text, c.deadline)
LEFT JOIN monitoring.weekly_reports r ON r.credit_code = e.credit_code AND r.week = c.week
LEFT JOIN monitoring.reminders m ON m.credit_code = e.credit_code AND m.week = c.week;

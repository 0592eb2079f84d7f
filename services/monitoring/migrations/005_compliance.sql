-- Weekly reporting compliance (一(一) "每周报送"): the deadline, who missed it, and the reminders
-- sent to them (one per enterprise and week, however often the deadline job runs).

-- The deadline in force, written by the workers from their settings at each deadline run.
CREATE TABLE monitoring.compliance_policy (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    deadline_weekday integer NOT NULL CHECK (deadline_weekday BETWEEN 1 AND 7),
    deadline_at time NOT NULL
);
INSERT INTO monitoring.compliance_policy VALUES (true, 1, '12:00');

-- When the reports of an ISO week are due: the policy's weekday and time of the following week,
-- in Asia/Shanghai.
CREATE FUNCTION monitoring.report_deadline(week text) RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (
        SELECT (to_date(week || '-7', 'IYYY-"W"IW-ID') + p.deadline_weekday + p.deadline_at)
            AT TIME ZONE 'Asia/Shanghai'
        FROM monitoring.compliance_policy p);

-- Each week whose deadline has been handled, once.
CREATE TABLE monitoring.compliance_runs (
    week char(8) PRIMARY KEY,
    deadline timestamptz NOT NULL,
    ran_at timestamptz NOT NULL DEFAULT now(),
    missing integer NOT NULL
);

CREATE TABLE monitoring.reminders (
    credit_code char(18) NOT NULL,
    week char(8) NOT NULL,
    event_id text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    PRIMARY KEY (credit_code, week)
);
CREATE INDEX reminders_to_publish ON monitoring.reminders (created_at) WHERE published_at IS NULL;

-- Read contract -------------------------------------------------------------------------------

-- For every week whose deadline has been handled: each enterprise designated to report and
-- registered by the deadline, whether it reported on time, late or not at all, and whether it
-- was reminded. Enterprises registered after a deadline are not expected for that week.
CREATE VIEW monitoring.compliance_v AS
SELECT c.week::text AS week, e.credit_code::text AS credit_code, e.name,
    e.district_code::text AS district_code, e.industry_section::text AS industry_section,
    CASE WHEN r.credit_code IS NULL THEN 'missing'
         WHEN r.reported_at > c.deadline THEN 'late'
         ELSE 'on_time' END AS status,
    r.reported_at, c.deadline,
    m.credit_code IS NOT NULL AS reminded
FROM monitoring.compliance_runs c
JOIN monitoring.enterprises e ON e.designated AND e.registered_at <= c.deadline
LEFT JOIN monitoring.weekly_reports r ON r.credit_code = e.credit_code AND r.week = c.week
LEFT JOIN monitoring.reminders m ON m.credit_code = e.credit_code AND m.week = c.week;

-- The same, counted per district and for the city (district null).
CREATE VIEW monitoring.compliance_summary_v AS
SELECT week, district_code,
    count(*) AS expected,
    count(*) FILTER (WHERE status = 'on_time') AS on_time,
    count(*) FILTER (WHERE status = 'late') AS late,
    count(*) FILTER (WHERE status = 'missing') AS missing,
    count(*) FILTER (WHERE reminded) AS reminded
FROM monitoring.compliance_v
GROUP BY GROUPING SETS ((week, district_code), (week));

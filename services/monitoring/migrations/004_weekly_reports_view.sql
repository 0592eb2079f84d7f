-- Read contract: the report standing for each enterprise and week, so an enterprise can see
-- that what it sent has been recorded (and which submission counts).

CREATE VIEW monitoring.weekly_reports_v AS
SELECT credit_code::text AS credit_code, week::text AS week, event_id, reported_at,
       employees_before_holiday, on_duty, working_remotely, not_yet_returned, resumed
FROM monitoring.weekly_reports;

-- 复工率 counts resumed enterprises against those expected to report, not only those that did.

-- Designated to report weekly: 返工定点监测企业 or key enterprise (the contracts' DESIGNATED_TO_REPORT).
-- Derived by the database, so no writer can get it out of step with the roles.
ALTER TABLE monitoring.enterprises ADD COLUMN designated boolean
    GENERATED ALWAYS AS (
        monitoring_roles && ARRAY['return_to_work_monitoring', 'key_enterprise']::text[]
    ) STORED;

ALTER TABLE monitoring.return_to_work_cells
    ADD COLUMN enterprises_expected integer NOT NULL DEFAULT 0;
UPDATE monitoring.return_to_work_cells c
SET enterprises_expected = (
    SELECT count(*)
    FROM monitoring.enterprises e
    WHERE e.district_code = c.district_code AND e.industry_section = c.industry_section
      AND (e.designated OR EXISTS (
          SELECT 1 FROM monitoring.weekly_reports r
          WHERE r.credit_code = e.credit_code AND r.week = c.week)));

DROP VIEW monitoring.return_to_work_v;
CREATE VIEW monitoring.return_to_work_v AS
SELECT
    district_code::text AS district_code,
    industry_section::text AS industry_section,
    week::text AS week,
    enterprises_expected,
    enterprises_reporting,
    enterprises_resumed,
    employees_before_holiday,
    on_duty,
    working_remotely,
    not_yet_returned,
    CASE WHEN employees_before_holiday > 0
         THEN on_duty::double precision / employees_before_holiday END AS return_rate,
    CASE WHEN enterprises_expected > 0
         THEN enterprises_resumed::double precision / enterprises_expected END AS resumption_rate,
    updated_at
FROM monitoring.return_to_work_cells
WHERE enterprises_reporting > 0;

-- Places where enterprises designated to report did not report at all in a week still count in
-- 复工率: the view shows them (for every week anyone reported) with nothing reported, so
-- officials see who is silent and the totals keep them in the denominator.

CREATE OR REPLACE VIEW monitoring.return_to_work_v AS
WITH reported AS (
    SELECT * FROM monitoring.return_to_work_cells WHERE enterprises_reporting > 0
), weeks AS (
    SELECT DISTINCT week FROM reported
), designated AS (
    SELECT district_code, industry_section, count(*)::integer AS expected
    FROM monitoring.enterprises
    WHERE designated
    GROUP BY district_code, industry_section
)
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
FROM reported
UNION ALL
SELECT d.district_code::text, d.industry_section::text, w.week::text, d.expected, 0, 0,
    0::bigint, 0::bigint, 0::bigint, 0::bigint, NULL::double precision, 0::double precision,
    now()
FROM weeks w
CROSS JOIN designated d
WHERE NOT EXISTS (
    SELECT 1 FROM reported r
    WHERE r.week = w.week AND r.district_code = d.district_code
      AND r.industry_section = d.industry_section);

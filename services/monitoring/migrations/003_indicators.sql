-- Every indicator, defined once: as a function here, used by every view that shows it. The
-- gateway and the metrics read the results; nothing else computes them.

CREATE FUNCTION monitoring.ratio(part bigint, whole bigint) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    -- Nothing to divide by is no data, not zero.
    RETURN CASE WHEN whole > 0 THEN part::double precision / whole END;

-- 返岗率: employees on duty / employees on the payroll before the holiday.
CREATE FUNCTION monitoring.return_rate(on_duty bigint, employees_before_holiday bigint)
    RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN monitoring.ratio(on_duty, employees_before_holiday);

-- 复工率: enterprises resumed / enterprises expected to report.
CREATE FUNCTION monitoring.resumption_rate(resumed bigint, expected bigint)
    RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN monitoring.ratio(resumed, expected);

-- 用工缺口: planned staffing - on duty (people; negative when more are on duty than planned).
CREATE FUNCTION monitoring.staffing_gap(planned_staffing bigint, on_duty bigint)
    RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN planned_staffing - on_duty;

-- 招聘满足率: hires this week / recruitment demand this week.
CREATE FUNCTION monitoring.fill_rate(hires bigint, recruitment_demand bigint)
    RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN monitoring.ratio(hires, recruitment_demand);

-- 离职率 (for early warnings): separations this week / employees before the holiday.
CREATE FUNCTION monitoring.separation_rate(separations bigint, employees_before_holiday bigint)
    RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN monitoring.ratio(separations, employees_before_holiday);

CREATE FUNCTION monitoring.previous_iso_week(week text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_char(to_date(week || '-1', 'IYYY-"W"IW-ID') - 7, 'IYYY-"W"IW');

-- Read contract -------------------------------------------------------------------------------

-- The indicators of every week for the city (district and section null), each district (section
-- null), each industry section (district null) and each district x section, with the change from
-- the previous ISO week (null when either week has no value). Places whose designated
-- enterprises all stayed silent in a week count with nothing reported (in 复工率's denominator).
-- 求人倍率 needs job seekers, which matching registers: null until it publishes them.
CREATE VIEW monitoring.indicators_v AS
WITH reported AS (
    SELECT * FROM monitoring.return_to_work_cells WHERE enterprises_reporting > 0
), weeks AS (
    SELECT DISTINCT week FROM reported
), designated AS (
    SELECT district_code, industry_section, count(*) AS expected
    FROM monitoring.enterprises WHERE designated
    GROUP BY district_code, industry_section
), place_weeks AS (
    SELECT week, district_code, industry_section, enterprises_expected::bigint AS expected,
        enterprises_reporting::bigint AS reporting, enterprises_resumed::bigint AS resumed,
        employees_before_holiday, on_duty, working_remotely, not_yet_returned, planned_staffing,
        recruitment_demand, hires, separations, open_vacancies, surplus_staff_available
    FROM reported
    UNION ALL
    SELECT w.week, d.district_code, d.industry_section, d.expected, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0
    FROM weeks w CROSS JOIN designated d
    WHERE NOT EXISTS (
        SELECT 1 FROM reported r
        WHERE r.week = w.week AND r.district_code = d.district_code
          AND r.industry_section = d.industry_section)
), scoped AS (
    SELECT week::text AS week, district_code::text AS district_code,
        industry_section::text AS industry_section,
        CASE GROUPING(district_code, industry_section)
            WHEN 0 THEN 'cell' WHEN 1 THEN 'district' WHEN 2 THEN 'section' ELSE 'city'
        END AS scope,
        sum(expected)::bigint AS enterprises_expected,
        sum(reporting)::bigint AS enterprises_reporting,
        sum(resumed)::bigint AS enterprises_resumed,
        sum(employees_before_holiday)::bigint AS employees_before_holiday,
        sum(on_duty)::bigint AS on_duty,
        sum(working_remotely)::bigint AS working_remotely,
        sum(not_yet_returned)::bigint AS not_yet_returned,
        sum(planned_staffing)::bigint AS planned_staffing,
        sum(recruitment_demand)::bigint AS recruitment_demand,
        sum(hires)::bigint AS hires,
        sum(separations)::bigint AS separations,
        sum(open_vacancies)::bigint AS open_vacancies,
        sum(surplus_staff_available)::bigint AS surplus_staff_available
    FROM place_weeks
    GROUP BY GROUPING SETS ((week, district_code, industry_section), (week, district_code),
        (week, industry_section), (week))
), figures AS (
    SELECT s.*,
        monitoring.return_rate(on_duty, employees_before_holiday) AS return_rate,
        monitoring.resumption_rate(enterprises_resumed, enterprises_expected) AS resumption_rate,
        monitoring.staffing_gap(planned_staffing, on_duty) AS staffing_gap,
        monitoring.fill_rate(hires, recruitment_demand) AS fill_rate,
        monitoring.separation_rate(separations, employees_before_holiday) AS separation_rate,
        NULL::bigint AS active_job_seekers,
        NULL::double precision AS vacancies_per_seeker
    FROM scoped s
)
SELECT f.*,
    p.week IS NOT NULL AS previous_week_reported,
    f.return_rate - p.return_rate AS return_rate_change,
    f.resumption_rate - p.resumption_rate AS resumption_rate_change,
    f.staffing_gap - p.staffing_gap AS staffing_gap_change,
    f.fill_rate - p.fill_rate AS fill_rate_change,
    f.separation_rate - p.separation_rate AS separation_rate_change,
    f.vacancies_per_seeker - p.vacancies_per_seeker AS vacancies_per_seeker_change
FROM figures f
LEFT JOIN figures p
    ON p.week = monitoring.previous_iso_week(f.week)
    AND p.scope = f.scope
    AND p.district_code IS NOT DISTINCT FROM f.district_code
    AND p.industry_section IS NOT DISTINCT FROM f.industry_section;

-- Per cell, as before, now from the one definition above.
CREATE OR REPLACE VIEW monitoring.return_to_work_v AS
SELECT district_code, industry_section, week, enterprises_expected::integer,
    enterprises_reporting::integer, enterprises_resumed::integer, employees_before_holiday,
    on_duty, working_remotely, not_yet_returned, return_rate, resumption_rate, now() AS updated_at
FROM monitoring.indicators_v
WHERE scope = 'cell';

-- An enterprise's own reports, with its own indicators (the same definitions).
DROP VIEW monitoring.weekly_reports_v;
CREATE VIEW monitoring.weekly_reports_v AS
SELECT credit_code::text AS credit_code, week::text AS week, event_id, reported_at,
    employees_before_holiday, on_duty, working_remotely, not_yet_returned, resumed,
    planned_staffing, recruitment_demand, hires, separations, open_vacancies,
    surplus_staff_available,
    monitoring.return_rate(on_duty, employees_before_holiday) AS return_rate,
    monitoring.staffing_gap(planned_staffing, on_duty) AS staffing_gap,
    monitoring.fill_rate(hires, recruitment_demand) AS fill_rate
FROM monitoring.weekly_reports;

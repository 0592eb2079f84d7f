-- Monitoring owns this schema. Other services read only the views at the end (its read contract).

CREATE TABLE monitoring.processed_events (
    event_id text PRIMARY KEY,
    kind text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- What monitoring needs of an enterprise's registration: where it is and what it does.
CREATE TABLE monitoring.enterprises (
    credit_code char(18) PRIMARY KEY,
    name text NOT NULL,
    district_code char(6) NOT NULL,
    industry_division char(2) NOT NULL,
    industry_section char(1) NOT NULL,
    size text NOT NULL,
    monitoring_roles text[] NOT NULL,
    key_enterprise_category text,
    registered_at timestamptz NOT NULL,
    event_id text NOT NULL,
    -- Designated to report weekly: 返工定点监测企业 or key enterprise (the contracts'
    -- DESIGNATED_TO_REPORT). Derived here, so no writer can get it out of step with the roles.
    designated boolean GENERATED ALWAYS AS (
        monitoring_roles && ARRAY['return_to_work_monitoring', 'key_enterprise']::text[]
    ) STORED
);
CREATE INDEX enterprises_by_cell ON monitoring.enterprises (district_code, industry_section);

-- The latest report of each enterprise for each week; a correction replaces the row.
CREATE TABLE monitoring.weekly_reports (
    credit_code char(18) NOT NULL,
    week char(8) NOT NULL,
    reported_at timestamptz NOT NULL,
    event_id text NOT NULL,
    employees_before_holiday integer NOT NULL CHECK (employees_before_holiday >= 0),
    on_duty integer NOT NULL CHECK (on_duty >= 0 AND on_duty <= employees_before_holiday),
    working_remotely integer NOT NULL CHECK (working_remotely >= 0),
    not_yet_returned integer NOT NULL CHECK (not_yet_returned >= 0),
    resumed boolean NOT NULL,
    planned_staffing integer NOT NULL CHECK (planned_staffing >= 0),
    recruitment_demand integer NOT NULL CHECK (recruitment_demand >= 0),
    hires integer NOT NULL CHECK (hires >= 0),
    open_vacancies integer NOT NULL CHECK (open_vacancies >= 0),
    surplus_staff_available integer NOT NULL CHECK (surplus_staff_available >= 0),
    payload jsonb NOT NULL,
    PRIMARY KEY (credit_code, week)
);
CREATE INDEX weekly_reports_by_week ON monitoring.weekly_reports (week);

-- Sums per district x industry section x week, recomputed from weekly_reports whenever a
-- report or registration touching the cell is processed. Expected to report: the designated
-- enterprises registered there, plus any other that reported for the week.
CREATE TABLE monitoring.return_to_work_cells (
    district_code char(6) NOT NULL,
    industry_section char(1) NOT NULL,
    week char(8) NOT NULL,
    enterprises_expected integer NOT NULL,
    enterprises_reporting integer NOT NULL,
    enterprises_resumed integer NOT NULL,
    employees_before_holiday bigint NOT NULL,
    on_duty bigint NOT NULL,
    working_remotely bigint NOT NULL,
    not_yet_returned bigint NOT NULL,
    planned_staffing bigint NOT NULL,
    recruitment_demand bigint NOT NULL,
    hires bigint NOT NULL,
    open_vacancies bigint NOT NULL,
    surplus_staff_available bigint NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (week, district_code, industry_section)
);

-- Read contract -------------------------------------------------------------------------------

-- Figures per cell. Places whose designated enterprises all stayed silent in a week appear too
-- (for every week anyone reported), with nothing reported: they stay in 复工率's denominator and
-- officials see who is silent.
CREATE VIEW monitoring.return_to_work_v AS
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

-- Where each enterprise is registered, so the gateway keeps officials to their own district.
-- No contact details here.
CREATE VIEW monitoring.enterprise_registry_v AS
SELECT credit_code::text AS credit_code, district_code::text AS district_code,
       industry_section::text AS industry_section, registered_at
FROM monitoring.enterprises;

-- The report standing for each enterprise and week, so an enterprise can see that what it sent
-- has been recorded (and which submission counts).
CREATE VIEW monitoring.weekly_reports_v AS
SELECT credit_code::text AS credit_code, week::text AS week, event_id, reported_at,
       employees_before_holiday, on_duty, working_remotely, not_yet_returned, resumed
FROM monitoring.weekly_reports;

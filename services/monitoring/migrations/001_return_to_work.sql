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
    event_id text NOT NULL
);

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
CREATE INDEX enterprises_by_cell ON monitoring.enterprises (district_code, industry_section);
CREATE INDEX weekly_reports_by_week ON monitoring.weekly_reports (week);

-- Sums per district x industry section x week, recomputed from weekly_reports whenever a
-- report or registration touching the cell is processed.
CREATE TABLE monitoring.return_to_work_cells (
    district_code char(6) NOT NULL,
    industry_section char(1) NOT NULL,
    week char(8) NOT NULL,
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

CREATE VIEW monitoring.return_to_work_v AS
SELECT
    district_code::text AS district_code,
    industry_section::text AS industry_section,
    week::text AS week,
    enterprises_reporting,
    enterprises_resumed,
    employees_before_holiday,
    on_duty,
    working_remotely,
    not_yet_returned,
    CASE WHEN employees_before_holiday > 0
         THEN on_duty::double precision / employees_before_holiday END AS return_rate,
    updated_at
FROM monitoring.return_to_work_cells
WHERE enterprises_reporting > 0;

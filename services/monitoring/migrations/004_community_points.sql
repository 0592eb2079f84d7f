-- Community monitoring points (社区外来人员就业情况监测点): streets and towns registered by their
-- district's officials, and their weekly counts of migrant workers.

CREATE TABLE monitoring.community_points (
    town_code char(9) PRIMARY KEY,
    district_code char(6) NOT NULL,
    name text NOT NULL,
    registered_at timestamptz NOT NULL,
    event_id text NOT NULL
);
CREATE INDEX community_points_by_district ON monitoring.community_points (district_code);

-- The latest report of each point for each week; a correction replaces the row.
CREATE TABLE monitoring.community_reports (
    town_code char(9) NOT NULL,
    week char(8) NOT NULL,
    reported_at timestamptz NOT NULL,
    event_id text NOT NULL,
    migrants_registered integer NOT NULL CHECK (migrants_registered >= 0),
    returned_to_shanghai integer NOT NULL
        CHECK (returned_to_shanghai BETWEEN 0 AND migrants_registered),
    employed integer NOT NULL CHECK (employed BETWEEN 0 AND returned_to_shanghai),
    seeking_work integer NOT NULL CHECK (seeking_work >= 0),
    in_quarantine integer NOT NULL CHECK (in_quarantine BETWEEN 0 AND returned_to_shanghai),
    PRIMARY KEY (town_code, week)
);
CREATE INDEX community_reports_by_week ON monitoring.community_reports (week);

-- 外来人员返沪率: migrants back in Shanghai / migrants on the points' registers.
CREATE FUNCTION monitoring.migrant_return_rate(returned bigint, registered bigint)
    RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN monitoring.ratio(returned, registered);

-- 外来人员就业率: migrants back and at work / migrants back in Shanghai.
CREATE FUNCTION monitoring.migrant_employment_rate(employed bigint, returned bigint)
    RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN monitoring.ratio(employed, returned);

-- Read contract -------------------------------------------------------------------------------

-- Per district (and for the city: district null) and ISO week, the sums of the points' standing
-- reports, how many points are registered and how many reported, the two shares and their change
-- from the previous week. Every district with points appears in every week any point reported,
-- so silent points and districts show. Reports of towns not registered as points wait outside.
CREATE VIEW monitoring.community_indicators_v AS
WITH registered AS (
    SELECT district_code, count(*) AS points FROM monitoring.community_points
    GROUP BY district_code
), per_district AS (
    SELECT r.week::text AS week, p.district_code::text AS district_code,
        count(*) AS points_reporting,
        sum(r.migrants_registered) AS migrants_registered,
        sum(r.returned_to_shanghai) AS returned_to_shanghai,
        sum(r.employed) AS employed, sum(r.seeking_work) AS seeking_work,
        sum(r.in_quarantine) AS in_quarantine
    FROM monitoring.community_reports r
    JOIN monitoring.community_points p USING (town_code)
    GROUP BY r.week, p.district_code
), district_weeks AS (
    SELECT w.week, g.district_code::text AS district_code, g.points,
        coalesce(d.points_reporting, 0) AS points_reporting,
        coalesce(d.migrants_registered, 0) AS migrants_registered,
        coalesce(d.returned_to_shanghai, 0) AS returned_to_shanghai,
        coalesce(d.employed, 0) AS employed, coalesce(d.seeking_work, 0) AS seeking_work,
        coalesce(d.in_quarantine, 0) AS in_quarantine
    FROM (SELECT DISTINCT week FROM per_district) w
    CROSS JOIN registered g
    LEFT JOIN per_district d ON d.week = w.week AND d.district_code = g.district_code::text
), scoped AS (
    SELECT week, district_code,
        CASE GROUPING(district_code) WHEN 0 THEN 'district' ELSE 'city' END AS scope,
        sum(points)::bigint AS points_registered,
        sum(points_reporting)::bigint AS points_reporting,
        sum(migrants_registered)::bigint AS migrants_registered,
        sum(returned_to_shanghai)::bigint AS returned_to_shanghai,
        sum(employed)::bigint AS employed,
        sum(seeking_work)::bigint AS seeking_work,
        sum(in_quarantine)::bigint AS in_quarantine
    FROM district_weeks
    GROUP BY GROUPING SETS ((week, district_code), (week))
), figures AS (
    SELECT s.*,
        monitoring.migrant_return_rate(returned_to_shanghai, migrants_registered)
            AS migrant_return_rate,
        monitoring.migrant_employment_rate(employed, returned_to_shanghai)
            AS migrant_employment_rate
    FROM scoped s
)
SELECT f.*,
    p.week IS NOT NULL AS previous_week_reported,
    f.migrant_return_rate - p.migrant_return_rate AS migrant_return_rate_change,
    f.migrant_employment_rate - p.migrant_employment_rate AS migrant_employment_rate_change
FROM figures f
LEFT JOIN figures p
    ON p.week = monitoring.previous_iso_week(f.week)
    AND p.district_code IS NOT DISTINCT FROM f.district_code;

-- Which points are registered where, so the gateway keeps officials and points to their own.
CREATE VIEW monitoring.community_points_v AS
SELECT town_code::text AS town_code, district_code::text AS district_code, name, registered_at
FROM monitoring.community_points;

-- 求人倍率 (vacancies per job seeker), live, per district and for the city, from matching's
-- published counts: matching.open_vacancies_v (its public employment service list: every open
-- posting with places left) and matching.active_job_seekers_v (each active seeker once).
-- Matching's counts are of now, not of a week, so 求人倍率 has a view of its own; the weekly
-- indicators_v keeps it null.

-- Open vacancies / active job seekers, rounded half up to two decimals, as 求人倍率 is
-- published; no seekers is no figure (null), never a division by zero.
CREATE FUNCTION monitoring.vacancies_per_seeker(vacancies bigint, seekers bigint)
    RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN seekers > 0 THEN round(vacancies::numeric / seekers, 2)::double precision END;

-- Matching's counts per district. Bound when called, not when created: each service's schema
-- is migrated on its own (matching's may come later, or be dropped and migrated again), and a
-- view naming matching's views would need them first and fall with them. It runs as its owner,
-- the migration step's role, as a view would; search_path pinned, every name qualified. Anyone
-- may call it, as PostgreSQL's default (a view's readers need EXECUTE on what it calls): it
-- gives the same district counts as the view, no more.
CREATE FUNCTION monitoring.matching_district_counts()
    RETURNS TABLE (district_code text, open_postings bigint, open_vacancies bigint,
        active_job_seekers bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH vacancies AS (
        SELECT v.district_code, sum(v.open_postings)::bigint AS open_postings,
            sum(v.open_vacancies)::bigint AS open_vacancies
        FROM matching.open_vacancies_v v GROUP BY v.district_code
    ), seekers AS (
        SELECT s.district_code, sum(s.active_job_seekers)::bigint AS active_job_seekers
        FROM matching.active_job_seekers_v s GROUP BY s.district_code
    )
    SELECT coalesce(v.district_code, s.district_code), coalesce(v.open_postings, 0),
        coalesce(v.open_vacancies, 0), coalesce(s.active_job_seekers, 0)
    FROM vacancies v FULL JOIN seekers s ON s.district_code = v.district_code;
END
$$;

-- Read contract -------------------------------------------------------------------------------

-- Every district with open vacancies or active seekers (scope 'district'), and the city (scope
-- 'city', district_code null: always one row, zeros when matching holds nothing yet), with the
-- figures the ratio is made of.
CREATE VIEW monitoring.job_seeker_ratio_v AS
SELECT CASE WHEN GROUPING(district_code) = 0 THEN 'district' ELSE 'city' END AS scope,
    district_code,
    coalesce(sum(open_postings), 0)::bigint AS open_postings,
    coalesce(sum(open_vacancies), 0)::bigint AS open_vacancies,
    coalesce(sum(active_job_seekers), 0)::bigint AS active_job_seekers,
    monitoring.vacancies_per_seeker(coalesce(sum(open_vacancies), 0)::bigint,
        coalesce(sum(active_job_seekers), 0)::bigint) AS vacancies_per_seeker
FROM monitoring.matching_district_counts()
GROUP BY GROUPING SETS ((district_code), ());

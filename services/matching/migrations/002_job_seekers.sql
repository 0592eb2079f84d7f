-- Job seekers (issue 8 item 6): personal data, kept only here. A seeker's latest event stands;
-- a withdrawal forgets the profile and the mobile and keeps the row, so that an older update
-- delivered late cannot bring them back.
CREATE TABLE matching.job_seekers (
    seeker_id uuid PRIMARY KEY,
    active boolean NOT NULL,
    district_code char(6),
    occupation_group char(1),
    desired_groups text[],
    salary_floor integer,
    profile jsonb,
    mobile text,
    consent_to_contact boolean NOT NULL DEFAULT false,
    registered_by text CHECK (registered_by IN ('assistant', 'self')),
    changed_at timestamptz NOT NULL,
    event_id text NOT NULL,
    CHECK (active = (profile IS NOT NULL AND mobile IS NOT NULL AND district_code IS NOT NULL
                     AND occupation_group IS NOT NULL))
);
-- A new posting's candidate seekers: those wanting its major group.
CREATE INDEX job_seekers_by_desired_group ON matching.job_seekers USING gin (desired_groups)
    WHERE active;

-- Published views.

-- The gateway's: a seeker's profile as the seeker and their district's assistants read it, the
-- mobile masked (the seeker typed it; nobody needs to read it back in full).
CREATE VIEW matching.job_seekers_v AS
SELECT seeker_id::text AS seeker_id, active, district_code::text AS district_code,
       occupation_group::text AS occupation_group, profile,
       CASE WHEN mobile IS NULL THEN NULL
            ELSE left(mobile, 6) || '****' || right(mobile, 4) END AS mobile_masked,
       registered_by, changed_at
FROM matching.job_seekers;

-- Notify's: how to reach a seeker who consented to be contacted.
CREATE VIEW matching.job_seeker_contacts_v AS
SELECT seeker_id::text AS seeker_id, mobile, profile->>'preferred_channel' AS preferred_channel
FROM matching.job_seekers
WHERE active AND consent_to_contact;

-- For monitoring's 求人倍率 (open vacancies / active job seekers), beside open_vacancies_v: each
-- active seeker counted once, under the major group of the occupation they want most.
CREATE VIEW matching.active_job_seekers_v AS
SELECT district_code::text AS district_code, occupation_group::text AS occupation_group,
       count(*)::integer AS active_job_seekers
FROM matching.job_seekers
WHERE active
GROUP BY district_code, occupation_group;

-- Online job fairs (线上招聘会, 二(一)): from matching.fairs, judged by each event's own time
-- (domain/fairs.py). Registrations hold personal data (name, mobile): this schema only.

CREATE TABLE matching.fairs (
    fair_id uuid PRIMARY KEY,
    title text NOT NULL,
    organiser_district char(6),  -- NULL: the city bureau
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
    theme text NOT NULL,
    partner_regions text[] NOT NULL,
    organised_by text NOT NULL,
    scheduled_at timestamptz NOT NULL,
    event_id text NOT NULL
);

CREATE TABLE matching.fair_enterprises (
    fair_id uuid NOT NULL REFERENCES matching.fairs,
    credit_code char(18) NOT NULL,
    joined_by text NOT NULL,
    joined_at timestamptz NOT NULL,
    PRIMARY KEY (fair_id, credit_code)
);

-- The postings an enterprise brought; shown only while its own and published (fair_postings_v).
CREATE TABLE matching.fair_postings (
    fair_id uuid NOT NULL REFERENCES matching.fairs,
    posting_id uuid NOT NULL,
    credit_code char(18) NOT NULL,
    enrolled_at timestamptz NOT NULL,
    PRIMARY KEY (fair_id, posting_id)
);

CREATE TABLE matching.fair_registrations (
    registration_id uuid PRIMARY KEY,
    fair_id uuid NOT NULL REFERENCES matching.fairs,
    name text NOT NULL,
    mobile text NOT NULL,
    origin_region char(6) NOT NULL,
    desired_occupation text NOT NULL,
    consent boolean NOT NULL,
    seeker_id uuid,  -- a registered job seeker, once linked
    registered_at timestamptz NOT NULL,
    event_id text NOT NULL
);
CREATE INDEX fair_registrations_by_fair ON matching.fair_registrations (fair_id);

CREATE TABLE matching.fair_interests (
    registration_id uuid NOT NULL REFERENCES matching.fair_registrations,
    posting_id uuid NOT NULL,
    fair_id uuid NOT NULL,
    expressed_at timestamptz NOT NULL,
    event_id text NOT NULL,
    PRIMARY KEY (registration_id, posting_id)
);
CREATE INDEX fair_interests_by_fair ON matching.fair_interests (fair_id, posting_id);

-- Fair events that could not apply, with why (never dropped in silence; no personal data).
CREATE TABLE matching.fair_ignored_events (
    event_id text PRIMARY KEY,
    fair_id uuid NOT NULL,
    reason text NOT NULL,
    at timestamptz NOT NULL
);

-- Published views (the gateway's).

CREATE VIEW matching.fair_postings_v AS
SELECT f.fair_id::text AS fair_id, p.posting_id::text AS posting_id,
       p.credit_code::text AS credit_code, p.title, p.occupation_code,
       p.district_code::text AS district_code, p.headcount - p.filled AS open_vacancies,
       p.details, f.enrolled_at
FROM matching.fair_postings f
JOIN matching.postings p ON p.posting_id = f.posting_id AND p.credit_code = f.credit_code
WHERE p.status = 'published';

CREATE VIEW matching.fairs_v AS
SELECT f.fair_id::text AS fair_id, f.title, f.organiser_district::text AS organiser_district,
       f.starts_at, f.ends_at, f.theme, f.partner_regions, f.organised_by,
       (SELECT count(*) FROM matching.fair_enterprises e WHERE e.fair_id = f.fair_id)::integer
           AS enterprises,
       (SELECT count(*) FROM matching.fair_postings_v s WHERE s.fair_id = f.fair_id::text)::integer
           AS postings,
       (SELECT count(*) FROM matching.fair_registrations r
        WHERE r.fair_id = f.fair_id)::integer AS registrations
FROM matching.fairs f;

CREATE VIEW matching.fair_enterprises_v AS
SELECT fair_id::text AS fair_id, credit_code::text AS credit_code, joined_by, joined_at
FROM matching.fair_enterprises;

-- Personal data: the gateway shows name and mobile in full only to the registrant themself and,
-- with consent, to the enterprise whose posting they marked; masked to anyone else.
CREATE VIEW matching.fair_registrations_v AS
SELECT registration_id::text AS registration_id, fair_id::text AS fair_id, name, mobile,
       origin_region::text AS origin_region, desired_occupation, consent,
       seeker_id::text AS seeker_id, registered_at
FROM matching.fair_registrations;

CREATE VIEW matching.fair_interests_v AS
SELECT i.fair_id::text AS fair_id, i.posting_id::text AS posting_id,
       fp.credit_code::text AS credit_code, i.registration_id::text AS registration_id,
       r.name, r.mobile, r.origin_region::text AS origin_region, r.desired_occupation,
       r.consent, i.expressed_at
FROM matching.fair_interests i
JOIN matching.fair_registrations r USING (registration_id)
JOIN matching.fair_postings fp ON fp.fair_id = i.fair_id AND fp.posting_id = i.posting_id;

-- The officials' figures, no one named: (registrations, interests) by posting, enterprise and
-- origin region (domain/fairs.py fair_counts is the reference).
CREATE VIEW matching.fair_counts_v AS
SELECT fair_id, dimension, value, sum(registrations)::integer AS registrations,
       sum(interests)::integer AS interests
FROM (
    SELECT fair_id::text AS fair_id, 'origin_region' AS dimension, origin_region::text AS value,
           1 AS registrations, 0 AS interests
    FROM matching.fair_registrations
    UNION ALL
    SELECT fair_id, d.dimension, d.value, 0, 1
    FROM matching.fair_interests_v i
    CROSS JOIN LATERAL (VALUES ('posting', i.posting_id), ('enterprise', i.credit_code),
                               ('origin_region', i.origin_region)) AS d(dimension, value)
) c
GROUP BY fair_id, dimension, value;

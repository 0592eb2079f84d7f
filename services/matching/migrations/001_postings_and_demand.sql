-- Matching owns this schema. Other services read only the views at the end (its read contract).

CREATE TABLE matching.processed_events (
    event_id text PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- The key-enterprise register (三(一)): every registered enterprise, with its key category if
-- it is a key enterprise; from enterprise.registrations, the latest registration standing.
CREATE TABLE matching.enterprises (
    credit_code char(18) PRIMARY KEY,
    name text NOT NULL,
    district_code char(6) NOT NULL,
    industry_section char(1) NOT NULL,
    key_category text CHECK (key_category IN (
        'city_operations', 'epidemic_prevention', 'daily_necessities', 'national_economy')),
    key_enterprise boolean GENERATED ALWAYS AS (key_category IS NOT NULL) STORED,
    registered_at timestamptz NOT NULL,
    event_id text NOT NULL
);

-- Exactly one employment service officer per enterprise at any time: the latest assignment.
CREATE TABLE matching.service_officers (
    credit_code char(18) PRIMARY KEY,
    district_code char(6) NOT NULL,
    staff_id text NOT NULL,
    assigned_by text NOT NULL,
    assigned_at timestamptz NOT NULL,
    event_id text NOT NULL
);

CREATE TABLE matching.service_officer_history (
    event_id text PRIMARY KEY,
    credit_code char(18) NOT NULL,
    district_code char(6) NOT NULL,
    staff_id text NOT NULL,
    assigned_by text NOT NULL,
    assigned_at timestamptz NOT NULL
);

CREATE TABLE matching.postings (
    posting_id uuid PRIMARY KEY,
    credit_code char(18) NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    status text NOT NULL CHECK (status IN ('held', 'published', 'refused', 'filled', 'closed')),
    title text NOT NULL,
    occupation_code text NOT NULL,
    occupation_group char(1) NOT NULL,
    headcount integer NOT NULL CHECK (headcount >= 1),
    filled integer NOT NULL CHECK (filled >= 0),
    district_code char(6) NOT NULL,
    details jsonb NOT NULL,
    findings jsonb NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX postings_by_enterprise ON matching.postings (credit_code);
CREATE INDEX postings_held ON matching.postings (district_code) WHERE status = 'held';

-- Changes that came before the versions they follow; applied once the gap is filled.
CREATE TABLE matching.pending_changes (
    event_id text PRIMARY KEY,
    posting_id uuid NOT NULL,
    version integer NOT NULL,
    change jsonb NOT NULL
);
CREATE INDEX pending_changes_by_posting ON matching.pending_changes (posting_id);

-- The audit trail of screening (四(四)): every decision on a posting, automatic or an official's.
CREATE TABLE matching.posting_decisions (
    event_id text PRIMARY KEY,
    posting_id uuid NOT NULL,
    version integer NOT NULL,
    outcome text NOT NULL,
    decided_by text NOT NULL,
    reason text NOT NULL,
    findings jsonb NOT NULL,
    decided_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX posting_decisions_by_posting ON matching.posting_decisions (posting_id, decided_at);

-- The two demand lists, cell by cell (domain/demand.py is the reference arithmetic).
CREATE TABLE matching.demand_cells (
    demand_list text NOT NULL CHECK (demand_list IN ('key_enterprises', 'public_service')),
    district_code char(6) NOT NULL,
    industry_section char(1) NOT NULL,
    occupation_group char(1) NOT NULL,
    open_postings integer NOT NULL CHECK (open_postings > 0),
    open_vacancies integer NOT NULL CHECK (open_vacancies > 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (demand_list, district_code, industry_section, occupation_group)
);

-- Cell changes to publish on matching.demand-changes, written with the change itself.
CREATE TABLE matching.demand_outbox (
    sequence bigserial PRIMARY KEY,
    demand_list text NOT NULL,
    district_code char(6) NOT NULL,
    industry_section char(1) NOT NULL,
    occupation_group char(1) NOT NULL,
    open_postings integer NOT NULL,
    open_vacancies integer NOT NULL,
    previous_open_postings integer NOT NULL,
    previous_open_vacancies integer NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX demand_outbox_unpublished ON matching.demand_outbox (sequence)
    WHERE published_at IS NULL;

-- Published views: matching's read contract.

-- The gateway's: one row per key enterprise with an officer (the officer's district and number).
CREATE VIEW matching.key_enterprise_officers_v AS
SELECT o.credit_code::text AS credit_code, o.district_code::text AS district_code, o.staff_id
FROM matching.service_officers o
JOIN matching.enterprises e USING (credit_code)
WHERE e.key_enterprise;

CREATE VIEW matching.key_enterprises_v AS
SELECT e.credit_code::text AS credit_code, e.name, e.district_code::text AS district_code,
       e.industry_section::text AS industry_section, e.key_category,
       o.district_code::text AS officer_district_code, o.staff_id AS officer_staff_id,
       coalesce(d.open_postings, 0) AS open_postings,
       coalesce(d.open_vacancies, 0) AS open_vacancies
FROM matching.enterprises e
LEFT JOIN matching.service_officers o USING (credit_code)
LEFT JOIN (
    SELECT credit_code, count(*)::integer AS open_postings,
           sum(headcount - filled)::integer AS open_vacancies
    FROM matching.postings WHERE status = 'published' GROUP BY credit_code
) d USING (credit_code)
WHERE e.key_enterprise;

CREATE VIEW matching.postings_v AS
SELECT posting_id::text AS posting_id, credit_code::text AS credit_code, version, status, title,
       occupation_code, occupation_group::text AS occupation_group, headcount, filled,
       CASE WHEN status = 'published' THEN headcount - filled ELSE 0 END AS open_vacancies,
       district_code::text AS district_code, details, findings, changed_at
FROM matching.postings;

CREATE VIEW matching.posting_decisions_v AS
SELECT event_id, posting_id::text AS posting_id, version, outcome, decided_by, reason, findings,
       decided_at
FROM matching.posting_decisions;

CREATE VIEW matching.demand_lists_v AS
SELECT demand_list, district_code::text AS district_code,
       industry_section::text AS industry_section, occupation_group::text AS occupation_group,
       open_postings, open_vacancies, updated_at
FROM matching.demand_cells;

-- For monitoring's 求人倍率 (open vacancies / active job seekers): every published posting's
-- open vacancies, by district x industry section (the public employment service list).
CREATE VIEW matching.open_vacancies_v AS
SELECT district_code::text AS district_code, industry_section::text AS industry_section,
       sum(open_postings)::integer AS open_postings,
       sum(open_vacancies)::integer AS open_vacancies
FROM matching.demand_cells
WHERE demand_list = 'public_service'
GROUP BY district_code, industry_section;

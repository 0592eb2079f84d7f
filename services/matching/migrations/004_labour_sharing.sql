-- Labour sharing (用工调剂 / 共享用工, 四(三)): declarations, their closures, answers, and the
-- proposals domain/sharing/ computes from them (the store recomputes the occupation major groups
-- a batch touches, under a lock per group).

-- Industry division (GB/T 4754 大类) of each registered enterprise: sharing ranks by it.
CREATE TABLE matching.enterprise_divisions (
    credit_code char(18) PRIMARY KEY,
    industry_division char(2) NOT NULL,
    registered_at timestamptz NOT NULL
);

CREATE TABLE matching.sharing_declarations (
    declaration_id uuid PRIMARY KEY,
    event_id text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('surplus', 'shortage')),
    credit_code char(18) NOT NULL,
    occupation_code text NOT NULL,
    occupation_group char(1) NOT NULL,
    count integer NOT NULL CHECK (count >= 1),
    period_from date NOT NULL,
    period_to date NOT NULL,
    district_code char(6) NOT NULL,
    conditions text NOT NULL,
    declared_at timestamptz NOT NULL,
    contract_end date,
    fee_per_worker_month integer NOT NULL,
    employer_retained boolean NOT NULL,
    -- What became of it (domain/sharing's Standing), kept with the proposals.
    status text NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'refused', 'withdrawn', 'filled')),
    remaining integer NOT NULL,
    refusals jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX sharing_declarations_by_group ON matching.sharing_declarations (occupation_group);
CREATE INDEX sharing_declarations_by_enterprise ON matching.sharing_declarations (credit_code);

CREATE TABLE matching.sharing_closures (
    event_id text PRIMARY KEY,
    declaration_id uuid NOT NULL,
    credit_code char(18) NOT NULL,
    reason text NOT NULL,
    closed_at timestamptz NOT NULL
);
CREATE INDEX sharing_closures_by_declaration ON matching.sharing_closures (declaration_id);

CREATE TABLE matching.sharing_answers (
    event_id text PRIMARY KEY,
    proposal_id uuid NOT NULL,
    credit_code char(18) NOT NULL,
    accept boolean NOT NULL,
    workers_consented boolean NOT NULL,
    reason text NOT NULL,
    answered_at timestamptz NOT NULL
);
CREATE INDEX sharing_answers_by_enterprise ON matching.sharing_answers (credit_code);

CREATE TABLE matching.sharing_proposals (
    proposal_id uuid PRIMARY KEY,
    occupation_group char(1) NOT NULL,
    surplus_id uuid NOT NULL,
    shortage_id uuid NOT NULL,
    lender char(18) NOT NULL,
    borrower char(18) NOT NULL,
    occupation_code text NOT NULL,
    count integer NOT NULL,
    period_from date NOT NULL,
    period_to date NOT NULL,
    contract_end date NOT NULL,
    lender_district char(6) NOT NULL,
    borrower_district char(6) NOT NULL,
    industry_closeness smallint NOT NULL,
    occupation_levels smallint NOT NULL,
    distance_km double precision NOT NULL,
    overlap_days integer NOT NULL,
    reasons jsonb NOT NULL,
    checks jsonb NOT NULL,
    notes jsonb NOT NULL,
    status text NOT NULL CHECK (status IN ('open', 'agreed', 'declined', 'retired')),
    lender_answer text NOT NULL,
    borrower_answer text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sharing_proposals_by_group ON matching.sharing_proposals (occupation_group);
CREATE INDEX sharing_proposals_by_lender ON matching.sharing_proposals (lender);
CREATE INDEX sharing_proposals_by_borrower ON matching.sharing_proposals (borrower);

-- Published views (the gateway's).

CREATE VIEW matching.sharing_declarations_v AS
SELECT declaration_id::text AS declaration_id, kind, credit_code::text AS credit_code,
       district_code::text AS district_code, occupation_code, count, remaining, period_from,
       period_to, conditions, contract_end, fee_per_worker_month, employer_retained, status,
       refusals, declared_at
FROM matching.sharing_declarations;

-- Ranked best first: same industry division, then section, occupation, nearer, longer.
CREATE VIEW matching.sharing_proposals_v AS
SELECT proposal_id::text AS proposal_id, surplus_id::text AS surplus_id,
       shortage_id::text AS shortage_id, lender::text AS lender_credit_code,
       borrower::text AS borrower_credit_code, lender::text AS employer_credit_code,
       lender_district::text AS lender_district_code,
       borrower_district::text AS borrower_district_code, occupation_code, count, period_from,
       period_to, industry_closeness, occupation_levels, distance_km, overlap_days, reasons,
       checks, notes, status, lender_answer, borrower_answer, changed_at
FROM matching.sharing_proposals;

-- Notices to both enterprises' contacts (a proposal made, an arrangement agreed), written with
-- the proposal and published to notify.requests by a periodic job (sharing_notices.py).
CREATE TABLE matching.sharing_notices (
    notice_id text PRIMARY KEY,
    credit_code char(18) NOT NULL,
    template text NOT NULL,
    parameters jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX sharing_notices_unpublished ON matching.sharing_notices (recorded_at)
    WHERE published_at IS NULL;

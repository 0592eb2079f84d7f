-- Targeted recommendations (issue 8 item 7): each seeker's best postings, at most 20, with the
-- reasons in plain words (domain/seeker_lists.py keeps them).
CREATE TABLE matching.recommendations (
    seeker_id uuid NOT NULL,
    posting_id uuid NOT NULL,
    rank smallint NOT NULL CHECK (rank >= 1),
    score real NOT NULL,
    reasons jsonb NOT NULL,
    recommended_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (seeker_id, posting_id)
);
CREATE INDEX recommendations_by_posting ON matching.recommendations (posting_id);

-- Seekers to tell of a posting (those who consented), written with the recommendation and
-- published on notify.requests by a periodic job; once per seeker and posting, ever.
CREATE TABLE matching.recommendation_notices (
    seeker_id uuid NOT NULL,
    posting_id uuid NOT NULL,
    parameters jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    PRIMARY KEY (seeker_id, posting_id)
);
CREATE INDEX recommendation_notices_unpublished ON matching.recommendation_notices (recorded_at)
    WHERE published_at IS NULL;

-- The gateway's: recommendations of postings still open, with the posting's particulars and
-- the seeker's district (for assistants) and the posting's enterprise (for its officer). No
-- personal data: the seeker is an id, a district and a priority group.
CREATE VIEW matching.recommendations_v AS
SELECT r.seeker_id::text AS seeker_id, r.posting_id::text AS posting_id, r.rank, r.score,
       r.reasons, r.recommended_at,
       s.district_code::text AS seeker_district_code, s.profile->>'priority_group' AS priority_group,
       p.credit_code::text AS credit_code, p.title, p.occupation_code,
       p.district_code::text AS posting_district_code,
       (p.details->>'salary_min')::integer AS salary_min,
       (p.details->>'salary_max')::integer AS salary_max,
       p.headcount - p.filled AS open_vacancies
FROM matching.recommendations r
JOIN matching.job_seekers s USING (seeker_id)
JOIN matching.postings p USING (posting_id)
WHERE s.active AND p.status = 'published' AND p.headcount > p.filled
  AND (p.details->>'valid_until')::date >= current_date;

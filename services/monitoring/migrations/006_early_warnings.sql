-- Early warnings (六): raised once per rule, week and scope when the week's figures show a risk;
-- published to monitoring.warnings; acknowledged by officials (through the gateway and Kafka).

CREATE TABLE monitoring.warnings (
    warning_id text PRIMARY KEY,
    rule text NOT NULL,
    week char(8) NOT NULL,
    district_code char(6),
    industry_section char(1),
    figures jsonb NOT NULL,
    raised_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX warnings_to_publish ON monitoring.warnings (raised_at) WHERE published_at IS NULL;

-- Derived from monitoring.warning-acknowledgements (so rebuilt with the rest); the first counts.
CREATE TABLE monitoring.warning_acknowledgements (
    warning_id text PRIMARY KEY,
    acknowledged_by text NOT NULL,
    acknowledged_at timestamptz NOT NULL,
    note text,
    event_id text NOT NULL
);

-- Read contract -------------------------------------------------------------------------------

CREATE VIEW monitoring.warnings_v AS
SELECT w.warning_id, w.rule, w.week::text AS week, w.district_code::text AS district_code,
    w.industry_section::text AS industry_section, w.figures, w.raised_at,
    CASE WHEN a.warning_id IS NULL THEN 'open' ELSE 'acknowledged' END AS status,
    a.acknowledged_by, a.acknowledged_at, a.note
FROM monitoring.warnings w
LEFT JOIN monitoring.warning_acknowledgements a USING (warning_id);

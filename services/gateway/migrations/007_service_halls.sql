-- Public employment service halls (经办大厅) and the status of each service at each: suspended,
-- online-only or resumed from a date (seed 二(二), 五(四)). The current status is one row per hall
-- and service; every change is also kept, with the principal who made it and when.
CREATE TABLE gateway.service_halls (
    hall_code text PRIMARY KEY CHECK (hall_code ~ '^31[0-9]{4}-[0-9]{3}$'),
    district_code char(6) NOT NULL,
    name text NOT NULL,
    address text NOT NULL,
    opens_at time NOT NULL,
    closes_at time NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT hall_code_names_its_district CHECK (left(hall_code, 6) = district_code),
    CONSTRAINT hall_opens_before_it_closes CHECK (opens_at < closes_at)
);
CREATE INDEX service_halls_by_district ON gateway.service_halls (district_code, hall_code);

CREATE TABLE gateway.service_status_changes (
    change_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hall_code text NOT NULL REFERENCES gateway.service_halls,
    service text NOT NULL,
    state text NOT NULL CHECK (state IN ('suspended', 'online_only', 'resumed')),
    resumes_on date,
    online_url text,
    note text,
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL,
    CONSTRAINT resumed_has_a_date CHECK (state <> 'resumed' OR resumes_on IS NOT NULL),
    CONSTRAINT online_only_names_where CHECK (state <> 'online_only' OR online_url IS NOT NULL)
);
CREATE INDEX service_status_changes_by_hall
    ON gateway.service_status_changes (hall_code, changed_at DESC, change_id DESC);

CREATE TABLE gateway.service_statuses (
    hall_code text NOT NULL REFERENCES gateway.service_halls,
    service text NOT NULL,
    change_id bigint NOT NULL REFERENCES gateway.service_status_changes,
    PRIMARY KEY (hall_code, service)
);

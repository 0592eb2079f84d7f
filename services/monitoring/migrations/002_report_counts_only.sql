-- A report row keeps the counts the figures are made of and nothing else: the whole event stays on
-- its topic (which the rebuild reads). Separations become a figure (for early warnings).
-- Rows recorded before this migration have no separations; `python -m services.monitoring.rebuild`
-- recomputes them from the topics.
ALTER TABLE monitoring.weekly_reports
    DROP COLUMN payload,
    ADD COLUMN separations integer NOT NULL DEFAULT 0 CHECK (separations >= 0);

ALTER TABLE monitoring.return_to_work_cells
    ADD COLUMN separations bigint NOT NULL DEFAULT 0;

-- Proklik, schema version 2.6: "aggregates rebuild" works in bounded transactions. Up to 2.5 it recomputed every
-- aggregate in one transaction, which at 20 million raw events grew the embedded H2 file from 9 GB past 53 GB
-- (bench/RESULTS.md) and would hold SQL Server's log just as long. Now it empties the aggregates, folds the raw
-- events in slices of pkl_event.id with a commit after each, then recomputes the campaign-level tables. While it
-- runs the aggregates are incomplete: this row says so (the report warns), the import job leaves its files to the
-- rebuild instead of folding them, and a second rebuild takes over from the first.

-- Plug-in: Proklik (click statistics). One row: the rebuild that owns the aggregates. run_id NULL = none running.
-- events_upto = the last pkl_event.id it folds (the table's end when it started); events_done = how far it got.
-- finished_at = when the last rebuild completed.
CREATE TABLE pkl_agg_rebuild_state (
    state_id      INT           NOT NULL,
    run_id        CHAR(36)      NULL,
    started_at    DATETIME2(3)  NULL,
    events_upto   BIGINT        NULL,
    events_done   BIGINT        NULL,
    finished_at   DATETIME2(3)  NULL,
    CONSTRAINT pk_pkl_agg_rebuild_state PRIMARY KEY (state_id),
    CONSTRAINT ck_pkl_agg_rebuild_state_one CHECK (state_id = 1)
);

INSERT INTO pkl_agg_rebuild_state (state_id, run_id, started_at, events_upto, events_done, finished_at)
VALUES (1, NULL, NULL, NULL, NULL, NULL);

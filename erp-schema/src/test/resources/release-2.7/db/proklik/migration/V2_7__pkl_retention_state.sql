-- Proklik, schema version 2.7: personal data is kept no longer than configured (docs/privacy.md). The import job
-- clears the client address and the user agent of events imported more than proklik.retention.event-details-days
-- ago (the flags and the user-agent class computed from them stay), and deletes quarantined lines older than
-- proklik.retention.files-days. It walks pkl_event in id order from where it stopped last time, so a run reads only
-- the events that have aged since.

-- Plug-in: Proklik (click statistics). One row: every pkl_event row with id <= details_cleared_upto has no client
-- address or user agent left (0 = nothing cleared yet); last_run_at = when retention last ran.
CREATE TABLE pkl_retention_state (
    state_id              INT           NOT NULL,
    details_cleared_upto  BIGINT        NOT NULL,
    last_run_at           DATETIME2(3)  NULL,
    CONSTRAINT pk_pkl_retention_state PRIMARY KEY (state_id),
    CONSTRAINT ck_pkl_retention_state_one CHECK (state_id = 1)
);

INSERT INTO pkl_retention_state (state_id, details_cleared_upto, last_run_at) VALUES (1, 0, NULL);

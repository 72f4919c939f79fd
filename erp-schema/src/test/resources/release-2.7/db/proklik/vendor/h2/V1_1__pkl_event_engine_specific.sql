-- Proklik, schema version 1, H2 variant of the engine-specific part of pkl_event (SQL Server twin:
-- db/proklik/vendor/sqlserver/V1_1__pkl_event_engine_specific.sql; keep the two in step).

-- Plug-in: Proklik (click statistics). is_clean = no flag set; computed, so it can never disagree with the flags.
ALTER TABLE pkl_event ADD is_clean BIT GENERATED ALWAYS AS (
    CASE WHEN is_bot_ua = 0 AND is_security_scanner = 0 AND is_prefetch = 0
              AND is_mpp_suspect = 0 AND is_too_fast_after_send = 0
         THEN CAST(1 AS BIT) ELSE CAST(0 AS BIT) END);

-- Plug-in: Proklik (click statistics). One row per event id. H2 has no IGNORE_DUP_KEY, so RawEventDao inserts
-- with INSERT ... SELECT ... WHERE NOT EXISTS on this engine.
CREATE UNIQUE INDEX ux_pkl_event_event_id ON pkl_event (event_id);

-- Proklik, schema version 1, SQL Server variant of the engine-specific part of pkl_event (H2 twin:
-- db/proklik/vendor/h2/V1_1__pkl_event_engine_specific.sql; keep the two in step).

-- Plug-in: Proklik (click statistics). is_clean = no flag set; PERSISTED so reports can filter and index on it.
ALTER TABLE pkl_event ADD is_clean AS CAST(
    CASE WHEN is_bot_ua = 0 AND is_security_scanner = 0 AND is_prefetch = 0
              AND is_mpp_suspect = 0 AND is_too_fast_after_send = 0
         THEN 1 ELSE 0 END AS BIT) PERSISTED;

-- Plug-in: Proklik (click statistics). One row per event id. IGNORE_DUP_KEY turns a duplicate in a plain
-- (batch) INSERT into a skipped row with a warning instead of an error, also when two importers race, so
-- RawEventDao can use the cheapest insert there is on this engine.
CREATE UNIQUE INDEX ux_pkl_event_event_id ON pkl_event (event_id) WITH (IGNORE_DUP_KEY = ON);

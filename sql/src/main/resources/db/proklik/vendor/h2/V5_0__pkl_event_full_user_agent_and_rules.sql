-- Proklik, schema version 5.0, H2 variant (SQL Server twin: db/proklik/vendor/sqlserver/V5_0__...; keep in step).
-- Issue 13: the whole user agent (click-log format v2 keeps up to 2048 UTF-8 bytes, so at most 2048 UTF-16 code
-- units), the database rule that flagged an event, and the rules version that set its flags.

-- Plug-in: Proklik (click statistics). Up to 2 KiB of user agent, byte-faithful (docs/clicklog-format.md, v2).
ALTER TABLE pkl_event ALTER COLUMN user_agent NVARCHAR(2048) NULL;

-- Plug-in: Proklik (click statistics). Which burst rule set is_security_scanner: 'click' (a click of a burst),
-- 'open_before' / 'open_after' (the same client's open within the window before / after a burst); NULL = none.
ALTER TABLE pkl_event ADD burst_rule NVARCHAR(16) NULL;

-- Plug-in: Proklik (click statistics). The flag rules version (docs/flags.md) that last set this event's flags;
-- NULL = before version 2, when it was not recorded.
ALTER TABLE pkl_event ADD rules_version INT NULL;

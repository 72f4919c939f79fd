-- Proklik, schema version 8.1, SQL Server twin of vendor/h2/V8_1__pkl_erp_send.sql, engine-specific by design: the
-- id columns carry the binary collation of every Proklik id (docs/schema.md), and the view starts its own batch.
-- Issue 14 items 2 and 4: the sends of the ERP's own bulk e-mail module through the adapter view
-- pkl_erp_send (over a stand-in table here; sql/helios-*/adapter-views.sql map it on a real Helios), read
-- incrementally into pkl_send per campaign, and each campaign's refresh state (when, why, how far the sends are read).

-- Plug-in: Proklik (click statistics). Stand-in for the ERP mailing module's per-recipient sends (embedded default
-- and demo). status as the view gives it: sent, failed, bounced, or queued (not sent yet: skipped).
CREATE TABLE pkl_standin_send (
    campaign_id   NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    recipient_id  NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    email         NVARCHAR(320)  NULL,
    sent_at       DATETIME2(3)   NULL,
    status        NVARCHAR(16)   NOT NULL,
    error_text    NVARCHAR(1000) NULL,
    changed_at    DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_pkl_standin_send PRIMARY KEY (campaign_id, recipient_id)
);

-- Plug-in: Proklik (click statistics). The incremental read: a campaign's rows changed since the watermark.
CREATE INDEX ix_pkl_standin_send_changed ON pkl_standin_send (campaign_id, changed_at, recipient_id);

GO
-- Plug-in: Proklik (click statistics). ERP adapter view: one row per recipient of a mailing sent by the ERP's own
-- bulk e-mail module. changed_at = when the ERP last changed the row (the import's watermark).
CREATE VIEW pkl_erp_send AS
SELECT campaign_id, recipient_id, email, sent_at, status, error_text, changed_at
FROM pkl_standin_send;
GO

-- Plug-in: Proklik (click statistics). One row per campaign refreshed at least once: when and why (schedule = the
-- 'import --every auto' curve or a plain 'import', campaign = 'import --campaign', all = 'import --all'), and how far
-- the sends of pkl_erp_send are read (the greatest changed_at taken) with the rows of the last refresh.
CREATE TABLE pkl_campaign_refresh (
    campaign_id         NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    refreshed_at        DATETIME2(3)  NOT NULL,
    refresh_reason      NVARCHAR(16)  NOT NULL,
    sends_changed_upto  DATETIME2(3)  NULL,
    sends_read          INT           DEFAULT 0 NOT NULL,
    sends_refused       INT           DEFAULT 0 NOT NULL,
    CONSTRAINT pk_pkl_campaign_refresh PRIMARY KEY (campaign_id),
    CONSTRAINT fk_pkl_campaign_refresh_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id),
    CONSTRAINT ck_pkl_campaign_refresh_reason CHECK (refresh_reason IN ('schedule', 'campaign', 'all'))
);

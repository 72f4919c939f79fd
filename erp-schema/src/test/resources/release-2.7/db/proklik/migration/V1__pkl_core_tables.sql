-- Proklik (click statistics for bulk e-mail), schema version 1: the plug-in's own tables.
--
-- This file runs unchanged on Microsoft SQL Server 2019/2022 and on H2 2.x in MODE=MSSQLServer, so it keeps to
-- the intersection of both dialects (see docs/schema.md, "Per-engine differences"):
--   * no named DEFAULT constraints, no CLUSTERED/NONCLUSTERED keywords, no INCLUDE columns, no computed columns,
--     no SYSUTCDATETIME(): every time is written by the application, in UTC, as DATETIME2(3);
--   * a PRIMARY KEY is the clustered index on SQL Server by default, which is what every table here wants;
--   * text is NVARCHAR because mssql-jdbc sends string parameters as NVARCHAR: a VARCHAR column compared with
--     an NVARCHAR parameter is converted row by row and its index is scanned instead of sought.
-- Every object starts with pkl_ and is lower-case snake_case; ERP tables are never touched.

-- Plug-in: Proklik (click statistics). A mailing: what was sent, when, and how its revenue is attributed.
CREATE TABLE pkl_campaign (
    campaign_id       NVARCHAR(64)  NOT NULL,
    name              NVARCHAR(200) NOT NULL,
    subject           NVARCHAR(400) NULL,
    utm_campaign      NVARCHAR(200) NOT NULL,
    utm_medium        NVARCHAR(50)  NULL,
    starts_at         DATETIME2(3)  NULL,
    sent_at           DATETIME2(3)  NULL,
    attribution_days  INT           DEFAULT 5 NOT NULL,
    status            NVARCHAR(16)  DEFAULT 'draft' NOT NULL,
    created_at        DATETIME2(3)  NOT NULL,
    CONSTRAINT pk_pkl_campaign PRIMARY KEY (campaign_id),
    CONSTRAINT uq_pkl_campaign_utm UNIQUE (utm_campaign),
    CONSTRAINT ck_pkl_campaign_window CHECK (attribution_days BETWEEN 0 AND 365),
    CONSTRAINT ck_pkl_campaign_status CHECK (status IN ('draft', 'sending', 'paused', 'done', 'cancelled'))
);

-- Plug-in: Proklik (click statistics). The parts of one e-mail that carry a tracking link ("hero", "btn_secondary").
CREATE TABLE pkl_campaign_link (
    campaign_id   NVARCHAR(64)   NOT NULL,
    link_id       NVARCHAR(64)   NOT NULL,
    description   NVARCHAR(400)  NULL,
    target_url    NVARCHAR(2048) NULL,
    position_no   INT            NULL,
    CONSTRAINT pk_pkl_campaign_link PRIMARY KEY (campaign_id, link_id),
    CONSTRAINT fk_pkl_campaign_link_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id)
);

-- Plug-in: Proklik (click statistics). A/B split of a campaign; share_pct is the planned share of recipients.
CREATE TABLE pkl_campaign_variant (
    campaign_id   NVARCHAR(64)  NOT NULL,
    variant       NVARCHAR(16)  NOT NULL,
    description   NVARCHAR(400) NULL,
    share_pct     DECIMAL(5,2)  NULL,
    CONSTRAINT pk_pkl_campaign_variant PRIMARY KEY (campaign_id, variant),
    CONSTRAINT fk_pkl_campaign_variant_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id),
    CONSTRAINT ck_pkl_campaign_variant_share CHECK (share_pct IS NULL OR (share_pct >= 0 AND share_pct <= 100))
);

-- Plug-in: Proklik (click statistics). One row per recipient of a campaign: the denominator of every rate
-- (sent, delivered = sent - bounced). Written by the mailer or by the sends CSV import; upserted on
-- (campaign_id, recipient_id) so a repeated import never duplicates.
CREATE TABLE pkl_send (
    send_id       BIGINT IDENTITY(1,1) NOT NULL,
    campaign_id   NVARCHAR(64)   NOT NULL,
    recipient_id  NVARCHAR(64)   NOT NULL,
    email         NVARCHAR(320)  NOT NULL,
    variant       NVARCHAR(16)   NULL,
    sent_at       DATETIME2(3)   NULL,
    status        NVARCHAR(16)   NOT NULL,
    error_text    NVARCHAR(1000) NULL,
    bounce_kind   NVARCHAR(8)    NULL,
    bounced_at    DATETIME2(3)   NULL,
    updated_at    DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_pkl_send PRIMARY KEY (send_id),
    CONSTRAINT uq_pkl_send_recipient UNIQUE (campaign_id, recipient_id),
    CONSTRAINT fk_pkl_send_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id),
    CONSTRAINT ck_pkl_send_status CHECK (status IN ('sent', 'failed', 'bounced')),
    CONSTRAINT ck_pkl_send_bounce CHECK (bounce_kind IS NULL OR bounce_kind IN ('hard', 'soft'))
);

-- Plug-in: Proklik (click statistics). One row per click-log file the import job has seen: what it held and
-- how it ended. file_name is unique because the contract puts node, open time and a sequence in every name;
-- sha256 lets the job notice a file that changed after it was imported.
CREATE TABLE pkl_import_file (
    file_id            BIGINT IDENTITY(1,1) NOT NULL,
    file_name          NVARCHAR(255)  NOT NULL,
    node               NVARCHAR(64)   NULL,
    sha256             CHAR(64)       NOT NULL,
    size_bytes         BIGINT         NULL,
    line_count         BIGINT         DEFAULT 0 NOT NULL,
    imported_count     BIGINT         DEFAULT 0 NOT NULL,
    duplicate_count    BIGINT         DEFAULT 0 NOT NULL,
    quarantined_count  BIGINT         DEFAULT 0 NOT NULL,
    started_at         DATETIME2(3)   NOT NULL,
    finished_at        DATETIME2(3)   NULL,
    status             NVARCHAR(16)   NOT NULL,
    error_text         NVARCHAR(1000) NULL,
    CONSTRAINT pk_pkl_import_file PRIMARY KEY (file_id),
    CONSTRAINT uq_pkl_import_file_name UNIQUE (file_name),
    CONSTRAINT ck_pkl_import_file_status CHECK (status IN ('running', 'imported', 'failed'))
);

-- Plug-in: Proklik (click statistics). Lines of click-log files that were not imported as events, with the
-- reader's reason (TORN, CHECKSUM, ...). Unique per (file, line) so that re-running an import adds nothing.
CREATE TABLE pkl_quarantine (
    quarantine_id  BIGINT IDENTITY(1,1) NOT NULL,
    file_id        BIGINT         NOT NULL,
    line_no        BIGINT         NOT NULL,
    reason         NVARCHAR(32)   NOT NULL,
    detail         NVARCHAR(400)  NULL,
    raw_line       NVARCHAR(4000) NULL,
    raw_truncated  BIT            DEFAULT 0 NOT NULL,
    created_at     DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_pkl_quarantine PRIMARY KEY (quarantine_id),
    CONSTRAINT uq_pkl_quarantine_line UNIQUE (file_id, line_no),
    CONSTRAINT fk_pkl_quarantine_file FOREIGN KEY (file_id) REFERENCES pkl_import_file (file_id)
);

-- Plug-in: Proklik (click statistics). Opt-outs: one row per recipient and campaign, the first one wins.
CREATE TABLE pkl_unsubscribe (
    campaign_id      NVARCHAR(64)  NOT NULL,
    recipient_id     NVARCHAR(64)  NOT NULL,
    unsubscribed_at  DATETIME2(3)  NOT NULL,
    source_event_id  CHAR(36)      NULL,
    CONSTRAINT pk_pkl_unsubscribe PRIMARY KEY (campaign_id, recipient_id)
);

-- Plug-in: Proklik (click statistics). The raw layer: every imported click-log line, never deleted by cleaning.
-- Cleaning only sets the is_* flags (and the derived ua_* fields); is_clean is a computed column added per
-- engine in V1_1, together with the unique index on event_id that makes the insert idempotent.
-- The clustered key is a BIGINT identity, so inserts append at the end of the table whatever the event order;
-- event_id (UUID v7, lower-case canonical text as in the file) is CHAR(36): its text sorts by time, whereas
-- SQL Server orders UNIQUEIDENTIFIER by its last six bytes first, which would scatter v7 ids over the index.
-- Columns without a foreign key on purpose: the raw layer keeps events of campaigns nobody registered.
CREATE TABLE pkl_event (
    id                      BIGINT IDENTITY(1,1) NOT NULL,
    event_id                CHAR(36)       NOT NULL,
    event_time              DATETIME2(3)   NOT NULL,
    event_type              NVARCHAR(16)   NOT NULL,
    method                  NVARCHAR(8)    NOT NULL,
    campaign_id             NVARCHAR(64)   NULL,
    recipient_id            NVARCHAR(64)   NULL,
    link_id                 NVARCHAR(64)   NULL,
    variant                 NVARCHAR(16)   NULL,
    target                  NVARCHAR(2048) NULL,
    key_id                  NVARCHAR(32)   NULL,
    reason                  NVARCHAR(32)   NULL,
    client_ip               NVARCHAR(45)   NULL,
    user_agent              NVARCHAR(512)  NULL,
    node                    NVARCHAR(64)   NOT NULL,
    request_path            NVARCHAR(256)  NULL,
    file_id                 BIGINT         NULL,
    file_seq                BIGINT         NULL,
    imported_at             DATETIME2(3)   NOT NULL,
    is_bot_ua               BIT            DEFAULT 0 NOT NULL,
    is_security_scanner     BIT            DEFAULT 0 NOT NULL,
    is_prefetch             BIT            DEFAULT 0 NOT NULL,
    is_mpp_suspect          BIT            DEFAULT 0 NOT NULL,
    is_too_fast_after_send  BIT            DEFAULT 0 NOT NULL,
    ua_class                NVARCHAR(16)   NULL,
    ua_name                 NVARCHAR(64)   NULL,
    device_class            NVARCHAR(16)   NULL,
    flagged_at              DATETIME2(3)   NULL,
    CONSTRAINT pk_pkl_event PRIMARY KEY (id),
    CONSTRAINT ck_pkl_event_type CHECK (event_type IN ('click', 'open', 'unsubscribe', 'rejected')),
    CONSTRAINT ck_pkl_event_method CHECK (method IN ('GET', 'HEAD', 'POST'))
);

-- Plug-in: Proklik (click statistics). Campaign reports: counts per type over time.
CREATE INDEX ix_pkl_event_campaign_type_time ON pkl_event (campaign_id, event_type, event_time);

-- Plug-in: Proklik (click statistics). Per-recipient reactions, unique opens/clicks, attribution joins.
CREATE INDEX ix_pkl_event_campaign_recipient ON pkl_event (campaign_id, recipient_id);

-- Plug-in: Proklik (click statistics). Re-flagging and reports by import file.
CREATE INDEX ix_pkl_event_file ON pkl_event (file_id);

-- SQL Server twin of vendor/h2/V4_0__pkl_bounce_tables.sql, engine-specific by design: the ids carry the binary
-- collation of every Proklik id column on SQL Server (docs/schema.md, "Ids and collation"), so that joins with
-- pkl_send meet no collation conflict and ids stay case-sensitive as on H2.
-- Proklik, schema version 4.0: bounces and complaints (docs/bounce-matching.md, docs/bounces.md). The bounce
-- mailbox is read once per message (pkl_bounce_message), every failed recipient is kept with its verdict
-- (pkl_bounce), and what may no longer be mailed is in pkl_suppression, which the mailer reads before each send.
-- Only tables, indexes and inserts: valid as one SQL Server batch, so the file is common to both engines.

-- Plug-in: Proklik (click statistics). The Message-ID the mailer gave each send (without the angle brackets),
-- so that a bounce quoting the original message finds its send even when the Return-Path was rewritten.
CREATE TABLE pkl_send_message (
    message_id    NVARCHAR(400)  NOT NULL,
    campaign_id   NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    recipient_id  NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    created_at    DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_pkl_send_message PRIMARY KEY (message_id)
);

-- Plug-in: Proklik (click statistics). Every message taken from a bounce source, once: message_key is the SHA-256
-- of its Message-ID and the hash of its body, so a copy fetched again (another folder, a re-delivery) is skipped.
-- kind: bounce, complaint, auto_reply, notice (a DSN without a failure: delayed, delivered), not_bounce.
CREATE TABLE pkl_bounce_message (
    bounce_message_id  BIGINT IDENTITY(1,1) NOT NULL,
    message_key        CHAR(64)       NOT NULL,
    message_id         NVARCHAR(400)  NULL,
    source             NVARCHAR(400)  NOT NULL,
    kind               NVARCHAR(16)   NOT NULL,
    format             NVARCHAR(32)   NULL,
    received_at        DATETIME2(3)   NULL,
    processed_at       DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_pkl_bounce_message PRIMARY KEY (bounce_message_id),
    CONSTRAINT uq_pkl_bounce_message_key UNIQUE (message_key)
);

-- Plug-in: Proklik (click statistics). One row per failed (or complaining, or auto-replying) recipient of a
-- message, with the verdict: kind hard, soft, complaint, auto_reply; reason as in docs/bounces.md; the send it was
-- matched to (matched_by verp, message_id, link, address; NULL campaign = no send found).
CREATE TABLE pkl_bounce (
    bounce_id          BIGINT IDENTITY(1,1) NOT NULL,
    bounce_message_id  BIGINT         NOT NULL,
    email              NVARCHAR(320)  NOT NULL,
    kind               NVARCHAR(16)   NOT NULL,
    reason             NVARCHAR(32)   NOT NULL,
    status_code        NVARCHAR(16)   NULL,
    diagnostic         NVARCHAR(1000) NULL,
    campaign_id        NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL,
    recipient_id       NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL,
    matched_by         NVARCHAR(16)   NULL,
    occurred_at        DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_pkl_bounce PRIMARY KEY (bounce_id),
    CONSTRAINT fk_pkl_bounce_message FOREIGN KEY (bounce_message_id) REFERENCES pkl_bounce_message (bounce_message_id)
);

CREATE INDEX ix_pkl_bounce_email_time ON pkl_bounce (email, occurred_at);
CREATE INDEX ix_pkl_bounce_campaign ON pkl_bounce (campaign_id, kind, reason);

-- Plug-in: Proklik (click statistics). Addresses (lower case) that may not be mailed: purpose 'all' (hard bounce,
-- repeated soft bounces) or 'marketing' (a complaint: transactional mail still goes). The reason and the bounce
-- that caused it stay with the row.
CREATE TABLE pkl_suppression (
    email          NVARCHAR(320)  NOT NULL,
    purpose        NVARCHAR(16)   NOT NULL,
    reason         NVARCHAR(32)   NOT NULL,
    bounce_id      BIGINT         NULL,
    suppressed_at  DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_pkl_suppression PRIMARY KEY (email, purpose),
    CONSTRAINT ck_pkl_suppression_purpose CHECK (purpose IN ('all', 'marketing'))
);

-- Plug-in: Proklik (click statistics). pkl_send.email is the address the bounce matcher and the soft-bounce
-- counter's reset look sends up by.
CREATE INDEX ix_pkl_send_email ON pkl_send (email);

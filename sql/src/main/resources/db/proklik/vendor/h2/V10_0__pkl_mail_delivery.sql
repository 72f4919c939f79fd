-- Proklik, schema version 10.0: the mailer's sending state (docs/mailer-sending.md). One row per recipient of a
-- campaign send, committed at every step, so that a pause, a restart or a killed process continues where it stopped
-- and never hands a message over twice on its own: queued -> handing_over -> accepted (relay reply) / failed (SMTP
-- reply) / in_doubt (a crash caught it handing over: shown, never resent automatically) / skipped (no longer on the
-- list or now suppressed when the send resumed). Only tables and indexes; the SQL Server twin adds the id collation.

-- Plug-in: Proklik (click statistics). One recipient of a campaign send: its state, the Message-ID made before the
-- hand-off (also in pkl_send_message), attempts and the next one after a temporary (4xx) reply, the last SMTP reply.
CREATE TABLE pkl_mail_delivery (
    delivery_id      BIGINT IDENTITY(1,1) NOT NULL,
    campaign_id      NVARCHAR(64)   NOT NULL,
    recipient_id     NVARCHAR(64)   NOT NULL,
    email            NVARCHAR(320)  NOT NULL,
    variant          NVARCHAR(16)   NULL,
    state            NVARCHAR(16)   NOT NULL,
    message_id       NVARCHAR(400)  NULL,
    attempts         INT            DEFAULT 0 NOT NULL,
    next_attempt_at  DATETIME2(3)   NULL,
    smtp_reply       NVARCHAR(1000) NULL,
    queued_at        DATETIME2(3)   NOT NULL,
    handed_over_at   DATETIME2(3)   NULL,
    finished_at      DATETIME2(3)   NULL,
    updated_at       DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_pkl_mail_delivery PRIMARY KEY (delivery_id),
    CONSTRAINT uq_pkl_mail_delivery_recipient UNIQUE (campaign_id, recipient_id),
    CONSTRAINT fk_pkl_mail_delivery_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id),
    CONSTRAINT ck_pkl_mail_delivery_state CHECK (state IN ('queued', 'handing_over', 'accepted', 'failed', 'in_doubt',
                                                           'skipped'))
);

-- The sender reads the due queued rows of one campaign in id order, and status counts them per state.
CREATE INDEX ix_pkl_mail_delivery_state ON pkl_mail_delivery (campaign_id, state, delivery_id);

-- Plug-in: Proklik (click statistics). One row per campaign being sent: the pause flag another process sets and
-- the sender polls, the reason of the last pause (operator, signal, automatic with its figures), and the lease of
-- the one process sending it (runner, heartbeat), so that two senders never work on one campaign; with an A/B
-- test phase, when its test group was sent (ab_test_done_at) and the winner chosen with the rule's reason, so that
-- a restart continues the phase where it was.
CREATE TABLE pkl_mail_send_control (
    campaign_id      NVARCHAR(64)   NOT NULL,
    pause_requested  BIT            DEFAULT 0 NOT NULL,
    pause_reason     NVARCHAR(400)  NULL,
    runner           NVARCHAR(100)  NULL,
    heartbeat_at     DATETIME2(3)   NULL,
    started_at       DATETIME2(3)   NULL,
    ab_test_done_at  DATETIME2(3)   NULL,
    ab_winner        NVARCHAR(16)   NULL,
    ab_winner_reason NVARCHAR(400)  NULL,
    updated_at       DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_pkl_mail_send_control PRIMARY KEY (campaign_id),
    CONSTRAINT fk_pkl_mail_send_control_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id)
);

-- Proklik, schema version 2: the analytics layer (raw -> flagged -> ANALYTICS). Aggregates of pkl_event kept up
-- to date by cz.proklik.erp.aggregate.AggregateMaintainer: addFile(file_id) folds the events of one imported file in,
-- rebuild() empties them and recomputes everything from pkl_event (raw stays the source of truth; run it after the
-- flags of already folded events changed, e.g. a re-flag with new rules, or after late sends moved send times).
-- The pkl_eval_* views (V2_1) read these tables, never pkl_event, so a report costs O(recipients who reacted),
-- not O(events). Only 'open' and 'click' events with a campaign and a recipient are folded: 'rejected' events
-- (forged/expired links) never count; unsubscribes are counted from pkl_unsubscribe.
-- Times DATETIME2(3) UTC; counts INT (a campaign with more than 2^31 clicks is not expected); a link id missing
-- from an event is stored as N'' because it is part of a primary key.

-- Plug-in: Proklik (click statistics). Import files already folded into the aggregates: makes addFile idempotent.
CREATE TABLE pkl_agg_file_done (
    file_id    BIGINT        NOT NULL,
    folded_at  DATETIME2(3)  NOT NULL,
    CONSTRAINT pk_pkl_agg_file_done PRIMARY KEY (file_id)
);

-- Plug-in: Proklik (click statistics). Per campaign and recipient: opens and clicks, raw and clean, with first and
-- last times. The exact source of every unique count (a recipient is counted once however many files held events).
-- variant = the A/B variant carried by the recipient's events (pkl_send.variant wins in the views).
CREATE TABLE pkl_agg_recipient (
    campaign_id        NVARCHAR(64)  NOT NULL,
    recipient_id       NVARCHAR(64)  NOT NULL,
    variant            NVARCHAR(16)  NULL,
    opens_raw          INT           NOT NULL,
    opens_clean        INT           NOT NULL,
    first_open_raw     DATETIME2(3)  NULL,
    last_open_raw      DATETIME2(3)  NULL,
    first_open_clean   DATETIME2(3)  NULL,
    last_open_clean    DATETIME2(3)  NULL,
    clicks_raw         INT           NOT NULL,
    clicks_clean       INT           NOT NULL,
    first_click_raw    DATETIME2(3)  NULL,
    last_click_raw     DATETIME2(3)  NULL,
    first_click_clean  DATETIME2(3)  NULL,
    last_click_clean   DATETIME2(3)  NULL,
    CONSTRAINT pk_pkl_agg_recipient PRIMARY KEY (campaign_id, recipient_id)
);

-- Plug-in: Proklik (click statistics). Per campaign, recipient and link (element of the e-mail): clicks raw and clean.
CREATE TABLE pkl_agg_recipient_link (
    campaign_id        NVARCHAR(64)  NOT NULL,
    recipient_id       NVARCHAR(64)  NOT NULL,
    link_id            NVARCHAR(64)  NOT NULL,
    clicks_raw         INT           NOT NULL,
    clicks_clean       INT           NOT NULL,
    first_click_raw    DATETIME2(3)  NULL,
    last_click_raw     DATETIME2(3)  NULL,
    first_click_clean  DATETIME2(3)  NULL,
    last_click_clean   DATETIME2(3)  NULL,
    CONSTRAINT pk_pkl_agg_recipient_link PRIMARY KEY (campaign_id, recipient_id, link_id)
);

-- Plug-in: Proklik (click statistics). Per campaign and A/B variant (N'' = none): totals and unique recipients.
-- Recomputed from pkl_agg_recipient for the campaigns a file touched; the variant is pkl_send.variant, else the
-- events' variant.
CREATE TABLE pkl_agg_campaign (
    campaign_id          NVARCHAR(64)  NOT NULL,
    variant              NVARCHAR(16)  NOT NULL,
    opens_raw            INT           NOT NULL,
    opens_clean          INT           NOT NULL,
    unique_opens_raw     INT           NOT NULL,
    unique_opens_clean   INT           NOT NULL,
    clicks_raw           INT           NOT NULL,
    clicks_clean         INT           NOT NULL,
    unique_clicks_raw    INT           NOT NULL,
    unique_clicks_clean  INT           NOT NULL,
    CONSTRAINT pk_pkl_agg_campaign PRIMARY KEY (campaign_id, variant)
);

-- Plug-in: Proklik (click statistics). Per campaign and link: total clicks and unique clicking recipients.
-- Recomputed from pkl_agg_recipient_link for the campaigns a file touched.
CREATE TABLE pkl_agg_link (
    campaign_id          NVARCHAR(64)  NOT NULL,
    link_id              NVARCHAR(64)  NOT NULL,
    clicks_raw           INT           NOT NULL,
    clicks_clean         INT           NOT NULL,
    unique_clicks_raw    INT           NOT NULL,
    unique_clicks_clean  INT           NOT NULL,
    CONSTRAINT pk_pkl_agg_link PRIMARY KEY (campaign_id, link_id)
);

-- Plug-in: Proklik (click statistics). Per campaign and calendar hour (UTC, start of the hour): event counts.
-- Additive, so a file's counts are simply added; the day and week views roll it up.
CREATE TABLE pkl_agg_hour (
    campaign_id   NVARCHAR(64)  NOT NULL,
    hour_start    DATETIME2(3)  NOT NULL,
    opens_raw     INT           NOT NULL,
    opens_clean   INT           NOT NULL,
    clicks_raw    INT           NOT NULL,
    clicks_clean  INT           NOT NULL,
    CONSTRAINT pk_pkl_agg_hour PRIMARY KEY (campaign_id, hour_start)
);

-- Plug-in: Proklik (click statistics). Per campaign and hour since the send (0 = within the first hour after the
-- recipient's pkl_send.sent_at, else the campaign's sent_at; -1 = before it): event counts. Computed when the
-- event is folded; rebuild() recomputes it when send times arrive later than the events.
CREATE TABLE pkl_agg_send_hour (
    campaign_id   NVARCHAR(64)  NOT NULL,
    hour_no       INT           NOT NULL,
    opens_raw     INT           NOT NULL,
    opens_clean   INT           NOT NULL,
    clicks_raw    INT           NOT NULL,
    clicks_clean  INT           NOT NULL,
    CONSTRAINT pk_pkl_agg_send_hour PRIMARY KEY (campaign_id, hour_no)
);

-- Plug-in: Proklik (click statistics). The clean clicks, narrow and keyed by recipient and time: the input of
-- order attribution (which needs every clean click time, not only first/last). pkl_event has no index that starts
-- with the recipient, and adding one would slow the import.
CREATE TABLE pkl_agg_click (
    recipient_id  NVARCHAR(64)  NOT NULL,
    clicked_at    DATETIME2(3)  NOT NULL,
    event_id      CHAR(36)      NOT NULL,
    campaign_id   NVARCHAR(64)  NOT NULL,
    link_id       NVARCHAR(64)  NOT NULL,
    CONSTRAINT pk_pkl_agg_click PRIMARY KEY (recipient_id, clicked_at, event_id)
);

-- Proklik, schema version 2.2: a report must cost the same whether a campaign went to 2 000 or 2 000 000 people.
-- Version 2.1 still counted pkl_send and joined every clicking recipient to the ERP contacts on each query; with a
-- million recipients that was most of a report's time (bench/RESULTS.md). This version adds
--   pkl_agg_send           send counts per campaign and variant, kept by SendDao with every write to pkl_send;
--   pkl_agg_link_segment   clicks per link and contact segment, folded with the clicks (segment as of the fold);
--   pkl_agg_campaign.recipients_reacted   recipients with any open or click, so "N reacting" is not a count;
--   ix_pkl_agg_recipient_top   the index that lists a campaign's most active recipients without a sort;
-- the views that read them are in R__pkl_eval_views.sql (one definition each, re-run by Flyway when it changes).
-- AggregateMaintainer.rebuild() recomputes all of it from pkl_send, pkl_event and the ERP contacts.

-- Plug-in: Proklik (click statistics). Per campaign and A/B variant (N'' = none): the send rows by status.
CREATE TABLE pkl_agg_send (
    campaign_id    NVARCHAR(64)  NOT NULL,
    variant        NVARCHAR(16)  NOT NULL,
    recipients     INT           NOT NULL,
    sent           INT           NOT NULL,
    failed         INT           NOT NULL,
    bounced        INT           NOT NULL,
    bounced_hard   INT           NOT NULL,
    bounced_soft   INT           NOT NULL,
    CONSTRAINT pk_pkl_agg_send PRIMARY KEY (campaign_id, variant)
);

INSERT INTO pkl_agg_send (campaign_id, variant, recipients, sent, failed, bounced, bounced_hard, bounced_soft)
SELECT s.campaign_id, COALESCE(s.variant, N''), COUNT(*),
       SUM(CASE WHEN s.status IN ('sent', 'bounced') THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.status = 'failed' THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.status = 'bounced' THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.status = 'bounced' AND s.bounce_kind = 'hard' THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.status = 'bounced' AND s.bounce_kind = 'soft' THEN 1 ELSE 0 END)
FROM pkl_send s
GROUP BY s.campaign_id, COALESCE(s.variant, N'');

-- Plug-in: Proklik (click statistics). Per campaign, link and segment of the clicking contact (segment_kind
-- 'region' / 'language' / 'organisation_category'; segment_value N'' = unknown contact or attribute not filled in):
-- clicks raw and clean, unique clicking recipients. The segment is the contact's at the time the clicks were folded;
-- rebuild() re-reads the current ones.
CREATE TABLE pkl_agg_link_segment (
    campaign_id          NVARCHAR(64)   NOT NULL,
    link_id              NVARCHAR(64)   NOT NULL,
    segment_kind         NVARCHAR(32)   NOT NULL,
    segment_value        NVARCHAR(100)  NOT NULL,
    clicks_raw           INT            NOT NULL,
    clicks_clean         INT            NOT NULL,
    unique_clicks_raw    INT            NOT NULL,
    unique_clicks_clean  INT            NOT NULL,
    CONSTRAINT pk_pkl_agg_link_segment PRIMARY KEY (campaign_id, link_id, segment_kind, segment_value)
);

INSERT INTO pkl_agg_link_segment (campaign_id, link_id, segment_kind, segment_value, clicks_raw, clicks_clean,
        unique_clicks_raw, unique_clicks_clean)
SELECT x.campaign_id, x.link_id, x.segment_kind, x.segment_value, SUM(x.clicks_raw), SUM(x.clicks_clean),
       SUM(CASE WHEN x.clicks_raw > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN x.clicks_clean > 0 THEN 1 ELSE 0 END)
FROM (
    SELECT r.campaign_id, r.link_id, N'region' AS segment_kind, COALESCE(LEFT(c.region, 100), N'') AS segment_value,
           r.clicks_raw, r.clicks_clean
    FROM pkl_agg_recipient_link r
    LEFT JOIN pkl_erp_contact c ON c.contact_id = r.recipient_id
    UNION ALL
    SELECT r.campaign_id, r.link_id, N'language', COALESCE(LEFT(c.language_code, 100), N''), r.clicks_raw,
           r.clicks_clean
    FROM pkl_agg_recipient_link r
    LEFT JOIN pkl_erp_contact c ON c.contact_id = r.recipient_id
    UNION ALL
    SELECT r.campaign_id, r.link_id, N'organisation_category', COALESCE(LEFT(o.category, 100), N''), r.clicks_raw,
           r.clicks_clean
    FROM pkl_agg_recipient_link r
    LEFT JOIN pkl_erp_contact c ON c.contact_id = r.recipient_id
    LEFT JOIN pkl_erp_organisation o ON o.organisation_id = c.organisation_id
) x
GROUP BY x.campaign_id, x.link_id, x.segment_kind, x.segment_value;

-- Plug-in: Proklik (click statistics). Recipients with at least one open or click (raw), per campaign and variant.
ALTER TABLE pkl_agg_campaign ADD recipients_reacted INT DEFAULT 0 NOT NULL;

UPDATE pkl_agg_campaign SET recipients_reacted = (
    SELECT COUNT(*)
    FROM pkl_agg_recipient r
    LEFT JOIN pkl_send s ON s.campaign_id = r.campaign_id AND s.recipient_id = r.recipient_id
    WHERE r.campaign_id = pkl_agg_campaign.campaign_id
      AND COALESCE(s.variant, r.variant, N'') = pkl_agg_campaign.variant);

-- Plug-in: Proklik (click statistics). A campaign's most active recipients first, read in index order.
CREATE INDEX ix_pkl_agg_recipient_top
    ON pkl_agg_recipient (campaign_id, clicks_clean DESC, clicks_raw DESC, opens_clean DESC, recipient_id);


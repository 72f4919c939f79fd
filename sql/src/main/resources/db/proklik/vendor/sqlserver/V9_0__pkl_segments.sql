-- SQL Server twin of vendor/h2/V9_0__pkl_segments.sql, engine-specific by design: the ids carry the binary collation
-- of every Proklik id column on SQL Server (docs/schema.md, "Ids and collation"), so the view joins our tables and
-- the adapter views without a collation conflict; the view starts its own batch (GO).
-- Proklik, schema version 9.0: saved reaction segments (target groups, issue 14 item 7). A segment is a name, a
-- campaign and one reaction rule; who belongs is not stored but read live by the view pkl_segment_member from the
-- aggregates the import job keeps (opens and clicks clean, i.e. bot, scanner and pre-fetch flagged events left out),
-- the attributed orders, the sends and the opt-outs, so a segment is exactly as current as the campaign report.

-- Plug-in: Proklik (click statistics). A saved reaction segment; rule_kind names one fixed SQL shape of the view
-- below, link_id is the element of the e-mail for clicked_link (and only for it).
CREATE TABLE pkl_segment (
    segment_id   NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    campaign_id  NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    rule_kind    NVARCHAR(24)  NOT NULL,
    link_id      NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL,
    description  NVARCHAR(400) NULL,
    created_at   DATETIME2(3)  NOT NULL,
    CONSTRAINT pk_pkl_segment PRIMARY KEY (segment_id),
    CONSTRAINT fk_pkl_segment_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id),
    CONSTRAINT ck_pkl_segment_rule CHECK (rule_kind IN ('clicked_link', 'clicked_any', 'opened_not_clicked',
                                                        'ordered', 'not_opened', 'unsubscribed')),
    CONSTRAINT ck_pkl_segment_link CHECK ((rule_kind = 'clicked_link' AND link_id IS NOT NULL)
                                          OR (rule_kind <> 'clicked_link' AND link_id IS NULL))
);
GO

-- Plug-in: Proklik (click statistics). The members of every saved segment, for the ERP to join on contact_id (the
-- recipient id of the links is the ERP contact id, docs/schema.md) and for the mailer's lists (criterion segment).
-- since = when the member qualified: the first clean click (on the link, or any), the first clean open, the first
-- attributed order, the send (did not open), the opt-out.
CREATE VIEW pkl_segment_member AS
SELECT s.segment_id, s.campaign_id, a.recipient_id AS contact_id, a.first_click_clean AS since
FROM pkl_segment s
JOIN pkl_agg_recipient_link a ON a.campaign_id = s.campaign_id AND a.link_id = s.link_id
WHERE s.rule_kind = 'clicked_link' AND a.clicks_clean > 0
UNION ALL
SELECT s.segment_id, s.campaign_id, a.recipient_id, a.first_click_clean
FROM pkl_segment s
JOIN pkl_agg_recipient a ON a.campaign_id = s.campaign_id
WHERE s.rule_kind = 'clicked_any' AND a.clicks_clean > 0
UNION ALL
SELECT s.segment_id, s.campaign_id, a.recipient_id, a.first_open_clean
FROM pkl_segment s
JOIN pkl_agg_recipient a ON a.campaign_id = s.campaign_id
WHERE s.rule_kind = 'opened_not_clicked' AND a.opens_clean > 0 AND a.clicks_clean = 0
UNION ALL
SELECT s.segment_id, s.campaign_id, t.contact_id, MIN(t.ordered_at)
FROM pkl_segment s
JOIN pkl_agg_attribution t ON t.campaign_id = s.campaign_id
WHERE s.rule_kind = 'ordered'
GROUP BY s.segment_id, s.campaign_id, t.contact_id
UNION ALL
SELECT s.segment_id, s.campaign_id, d.recipient_id, COALESCE(d.sent_at, c.sent_at, c.starts_at)
FROM pkl_segment s
JOIN pkl_campaign c ON c.campaign_id = s.campaign_id
JOIN pkl_send d ON d.campaign_id = s.campaign_id
WHERE s.rule_kind = 'not_opened' AND d.status = 'sent'
  AND NOT EXISTS (SELECT 1 FROM pkl_agg_recipient a
                  WHERE a.campaign_id = d.campaign_id AND a.recipient_id = d.recipient_id
                    AND (a.opens_clean > 0 OR a.clicks_clean > 0))
UNION ALL
SELECT s.segment_id, s.campaign_id, u.recipient_id, u.unsubscribed_at
FROM pkl_segment s
JOIN pkl_unsubscribe u ON u.campaign_id = s.campaign_id
WHERE s.rule_kind = 'unsubscribed';
GO

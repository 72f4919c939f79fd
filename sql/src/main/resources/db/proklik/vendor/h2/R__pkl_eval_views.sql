-- Proklik: the evaluation views ERP users query (docs/evaluation.md describes every column), as they are now.
-- A repeatable migration: Flyway re-runs it whenever this file changes, after the versioned ones, so every view is
-- defined here once (H2 has no CREATE OR ALTER VIEW, and a versioned file per change repeated every definition).
-- Version 2.1 created the first definitions; 2.2-2.5 added the aggregates these read.
-- They read the aggregates (pkl_agg_*), pkl_campaign*, pkl_send, pkl_unsubscribe and the ERP adapter views, never
-- pkl_event; the campaign-level views read no per-recipient rows. Definitions (seed 003, decided in docs/evaluation.md):
--   sent       = send rows with status sent or bounced (the e-mail left our server); failed = status failed,
--                never sent, shown apart and in no rate; recipients = all send rows
--   delivered  = sent - bounced (= status sent); bounced_hard/_soft by bounce_kind
--   open rate  = unique opens / delivered; CTR = unique clicks / delivered; CTR total = clicks / delivered;
--   CTOR       = unique clicks / unique opens; unsubscribe rate = unsubscribes / delivered
--   every open/click figure twice: _raw (all) and _clean (pkl_event.is_clean = 1); rejected events never count
--   rates DECIMAL(19,4) as a fraction (0.2500 = 25 %), money DECIMAL(19,4); NULL when the denominator is 0
--   attribution: post-click, last clean click wins (see pkl_eval_order_attribution)
-- Runs unchanged on SQL Server and on H2 (MODE=MSSQLServer): no CTEs, no CREATE OR ALTER; FULL JOINs are
-- written as UNION ALL + GROUP BY.

DROP VIEW IF EXISTS pkl_eval_variant;
DROP VIEW IF EXISTS pkl_eval_campaign_revenue;
DROP VIEW IF EXISTS pkl_eval_campaign;
DROP VIEW IF EXISTS pkl_eval_variant_counts;
DROP VIEW IF EXISTS pkl_eval_recipient;
DROP VIEW IF EXISTS pkl_eval_order_attribution;
DROP VIEW IF EXISTS pkl_eval_link;
DROP VIEW IF EXISTS pkl_eval_link_by_segment;
DROP VIEW IF EXISTS pkl_eval_recipient_click;
DROP VIEW IF EXISTS pkl_eval_timeline_hour;
DROP VIEW IF EXISTS pkl_eval_timeline_day;
DROP VIEW IF EXISTS pkl_eval_timeline_week;

-- Plug-in: Proklik (click statistics). Building block: counts per campaign and A/B variant (NULL = none):
-- sends by status, opens/clicks raw and clean (totals and unique recipients), unsubscribes. No rates.
CREATE VIEW pkl_eval_variant_counts AS
SELECT x.campaign_id, NULLIF(x.variant, N'') AS variant,
       SUM(x.recipients) AS recipients, SUM(x.sent) AS sent, SUM(x.failed) AS failed, SUM(x.bounced) AS bounced,
       SUM(x.bounced_hard) AS bounced_hard, SUM(x.bounced_soft) AS bounced_soft,
       SUM(x.sent) - SUM(x.bounced) AS delivered,
       SUM(x.opens_raw) AS opens_raw, SUM(x.opens_clean) AS opens_clean,
       SUM(x.unique_opens_raw) AS unique_opens_raw, SUM(x.unique_opens_clean) AS unique_opens_clean,
       SUM(x.clicks_raw) AS clicks_raw, SUM(x.clicks_clean) AS clicks_clean,
       SUM(x.unique_clicks_raw) AS unique_clicks_raw, SUM(x.unique_clicks_clean) AS unique_clicks_clean,
       SUM(x.unsubscribes) AS unsubscribes
FROM (
    SELECT s.campaign_id, s.variant, s.recipients, s.sent, s.failed, s.bounced, s.bounced_hard, s.bounced_soft,
           0 AS opens_raw, 0 AS opens_clean, 0 AS unique_opens_raw, 0 AS unique_opens_clean,
           0 AS clicks_raw, 0 AS clicks_clean, 0 AS unique_clicks_raw, 0 AS unique_clicks_clean, 0 AS unsubscribes
    FROM pkl_agg_send s
    UNION ALL
    SELECT a.campaign_id, a.variant, 0, 0, 0, 0, 0, 0,
           a.opens_raw, a.opens_clean, a.unique_opens_raw, a.unique_opens_clean,
           a.clicks_raw, a.clicks_clean, a.unique_clicks_raw, a.unique_clicks_clean, 0
    FROM pkl_agg_campaign a
    UNION ALL
    SELECT u.campaign_id, u.variant, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, u.unsubscribes
    FROM pkl_agg_unsubscribe u
) x
GROUP BY x.campaign_id, x.variant;

-- Plug-in: Proklik (click statistics). Every attributed order with its winning click and its amounts, as of the last
-- import run (pkl_agg_attribution). Post-click, last click: an order (not a return) of contact X is attributed to the
-- LATEST clean click of recipient X (any campaign) made before the order and no more than that campaign's
-- attribution_days before it (N = 0 switches attribution off). revenue_net = the order's net amount (after
-- discount) minus the net amount of its returns; revenue_gross = the order's gross amount. same_session = ordered on
-- the same UTC day as the winning click, else lagged. variant = the buyer's A/B variant in that campaign.
CREATE VIEW pkl_eval_order_attribution AS
SELECT a.order_id, a.contact_id, a.ordered_at, a.currency, a.campaign_id, NULLIF(a.variant, N'') AS variant,
       NULLIF(a.link_id, N'') AS link_id, a.click_event_id, a.clicked_at,
       a.gross_amount, a.discount_amount, a.net_amount, a.returned_net_amount,
       a.gross_amount AS revenue_gross, a.revenue_net,
       CAST(CASE WHEN CAST(a.ordered_at AS DATE) = CAST(a.clicked_at AS DATE) THEN 1 ELSE 0 END AS BIT)
           AS same_session
FROM pkl_agg_attribution a;

-- Plug-in: Proklik (click statistics). Campaign KPIs: sends, bounces, delivery; opens, clicks, rates raw and clean;
-- unsubscribes. One row per registered campaign (zeros before anything was sent).
CREATE VIEW pkl_eval_campaign AS
SELECT k.campaign_id, k.name, k.utm_campaign, k.status, k.sent_at, k.attribution_days,
       k.recipients, k.sent, k.failed, k.bounced, k.bounced_hard, k.bounced_soft, k.delivered,
       CAST(CAST(k.delivered AS DECIMAL(19,4)) / NULLIF(k.sent, 0) AS DECIMAL(19,4)) AS delivery_rate,
       CAST(CAST(k.bounced AS DECIMAL(19,4)) / NULLIF(k.sent, 0) AS DECIMAL(19,4)) AS bounce_rate,
       k.opens_raw, k.opens_clean, k.unique_opens_raw, k.unique_opens_clean,
       k.clicks_raw, k.clicks_clean, k.unique_clicks_raw, k.unique_clicks_clean,
       CAST(CAST(k.unique_opens_raw AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS open_rate_raw,
       CAST(CAST(k.unique_opens_clean AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS open_rate_clean,
       CAST(CAST(k.unique_clicks_raw AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS ctr_raw,
       CAST(CAST(k.unique_clicks_clean AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS ctr_clean,
       CAST(CAST(k.clicks_raw AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS ctr_total_raw,
       CAST(CAST(k.clicks_clean AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS ctr_total_clean,
       CAST(CAST(k.unique_clicks_raw AS DECIMAL(19,4)) / NULLIF(k.unique_opens_raw, 0) AS DECIMAL(19,4)) AS ctor_raw,
       CAST(CAST(k.unique_clicks_clean AS DECIMAL(19,4)) / NULLIF(k.unique_opens_clean, 0) AS DECIMAL(19,4))
           AS ctor_clean,
       k.unsubscribes,
       CAST(CAST(k.unsubscribes AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS unsubscribe_rate
FROM (
    SELECT c.campaign_id, c.name, c.utm_campaign, c.status, c.sent_at, c.attribution_days,
           COALESCE(v.recipients, 0) AS recipients, COALESCE(v.sent, 0) AS sent, COALESCE(v.failed, 0) AS failed,
           COALESCE(v.bounced, 0) AS bounced, COALESCE(v.bounced_hard, 0) AS bounced_hard,
           COALESCE(v.bounced_soft, 0) AS bounced_soft, COALESCE(v.delivered, 0) AS delivered,
           COALESCE(v.opens_raw, 0) AS opens_raw, COALESCE(v.opens_clean, 0) AS opens_clean,
           COALESCE(v.unique_opens_raw, 0) AS unique_opens_raw, COALESCE(v.unique_opens_clean, 0) AS unique_opens_clean,
           COALESCE(v.clicks_raw, 0) AS clicks_raw, COALESCE(v.clicks_clean, 0) AS clicks_clean,
           COALESCE(v.unique_clicks_raw, 0) AS unique_clicks_raw,
           COALESCE(v.unique_clicks_clean, 0) AS unique_clicks_clean,
           COALESCE(v.unsubscribes, 0) AS unsubscribes
    FROM pkl_campaign c
    LEFT JOIN (
        SELECT campaign_id, SUM(recipients) AS recipients, SUM(sent) AS sent, SUM(failed) AS failed,
               SUM(bounced) AS bounced, SUM(bounced_hard) AS bounced_hard, SUM(bounced_soft) AS bounced_soft,
               SUM(delivered) AS delivered, SUM(opens_raw) AS opens_raw, SUM(opens_clean) AS opens_clean,
               SUM(unique_opens_raw) AS unique_opens_raw, SUM(unique_opens_clean) AS unique_opens_clean,
               SUM(clicks_raw) AS clicks_raw, SUM(clicks_clean) AS clicks_clean,
               SUM(unique_clicks_raw) AS unique_clicks_raw, SUM(unique_clicks_clean) AS unique_clicks_clean,
               SUM(unsubscribes) AS unsubscribes
        FROM pkl_eval_variant_counts
        GROUP BY campaign_id
    ) v ON v.campaign_id = c.campaign_id
) k;

-- Plug-in: Proklik (click statistics). Revenue KPIs per campaign from pkl_agg_revenue: orders, CVR,
-- AOV, revenue gross/net (same-session and lagged), RPE, RPR, EPPC (net revenue per 1000 clean clicks, all clicks
-- not unique ones).
CREATE VIEW pkl_eval_campaign_revenue AS
SELECT k.campaign_id, k.attribution_days, k.sent, k.delivered, k.clicks_clean, k.unique_clicks_clean,
       k.orders, k.orders_same_session, k.orders_lagged, k.buyers, k.currency, k.currency_count,
       k.revenue_gross, k.returned_net_amount, k.revenue_net, k.revenue_net_same_session, k.revenue_net_lagged,
       CAST(CAST(k.orders AS DECIMAL(19,4)) / NULLIF(k.unique_clicks_clean, 0) AS DECIMAL(19,4)) AS cvr,
       CAST(k.revenue_net / NULLIF(k.orders, 0) AS DECIMAL(19,4)) AS aov,
       CAST(k.revenue_net / NULLIF(k.sent, 0) AS DECIMAL(19,4)) AS rpe,
       CAST(k.revenue_net / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS rpr,
       CAST(k.revenue_net * 1000 / NULLIF(k.clicks_clean, 0) AS DECIMAL(19,4)) AS eppc
FROM (
    SELECT c.campaign_id, c.attribution_days, c.sent, c.delivered, c.clicks_clean, c.unique_clicks_clean,
           COALESCE(r.orders, 0) AS orders, COALESCE(r.orders_same_session, 0) AS orders_same_session,
           COALESCE(r.orders, 0) - COALESCE(r.orders_same_session, 0) AS orders_lagged,
           COALESCE(r.buyers, 0) AS buyers, r.currency, COALESCE(r.currency_count, 0) AS currency_count,
           CAST(COALESCE(r.revenue_gross, 0) AS DECIMAL(19,4)) AS revenue_gross,
           CAST(COALESCE(r.returned_net_amount, 0) AS DECIMAL(19,4)) AS returned_net_amount,
           CAST(COALESCE(r.revenue_net, 0) AS DECIMAL(19,4)) AS revenue_net,
           CAST(COALESCE(r.revenue_net_same_session, 0) AS DECIMAL(19,4)) AS revenue_net_same_session,
           CAST(COALESCE(r.revenue_net, 0) - COALESCE(r.revenue_net_same_session, 0) AS DECIMAL(19,4))
               AS revenue_net_lagged
    FROM pkl_eval_campaign c
    LEFT JOIN (
        SELECT campaign_id, SUM(orders) AS orders, SUM(orders_same_session) AS orders_same_session,
               SUM(buyers) AS buyers, MIN(currency) AS currency, COUNT(DISTINCT currency) AS currency_count,
               SUM(revenue_gross) AS revenue_gross, SUM(returned_net_amount) AS returned_net_amount,
               SUM(revenue_net) AS revenue_net, SUM(revenue_net_same_session) AS revenue_net_same_session
        FROM pkl_agg_revenue
        GROUP BY campaign_id
    ) r ON r.campaign_id = c.campaign_id
) k;

-- Plug-in: Proklik (click statistics). The campaign KPIs per A/B variant side by side (variant = pkl_send.variant,
-- else the variant carried by the recipient's events; NULL = no variant), with attributed orders and revenue.
CREATE VIEW pkl_eval_variant AS
SELECT k.campaign_id, k.variant, k.recipients, k.sent, k.failed, k.bounced, k.bounced_hard, k.bounced_soft,
       k.delivered,
       CAST(CAST(k.delivered AS DECIMAL(19,4)) / NULLIF(k.sent, 0) AS DECIMAL(19,4)) AS delivery_rate,
       CAST(CAST(k.bounced AS DECIMAL(19,4)) / NULLIF(k.sent, 0) AS DECIMAL(19,4)) AS bounce_rate,
       k.opens_raw, k.opens_clean, k.unique_opens_raw, k.unique_opens_clean,
       k.clicks_raw, k.clicks_clean, k.unique_clicks_raw, k.unique_clicks_clean,
       CAST(CAST(k.unique_opens_raw AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS open_rate_raw,
       CAST(CAST(k.unique_opens_clean AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS open_rate_clean,
       CAST(CAST(k.unique_clicks_raw AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS ctr_raw,
       CAST(CAST(k.unique_clicks_clean AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS ctr_clean,
       CAST(CAST(k.clicks_raw AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS ctr_total_raw,
       CAST(CAST(k.clicks_clean AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS ctr_total_clean,
       CAST(CAST(k.unique_clicks_raw AS DECIMAL(19,4)) / NULLIF(k.unique_opens_raw, 0) AS DECIMAL(19,4)) AS ctor_raw,
       CAST(CAST(k.unique_clicks_clean AS DECIMAL(19,4)) / NULLIF(k.unique_opens_clean, 0) AS DECIMAL(19,4))
           AS ctor_clean,
       k.unsubscribes,
       CAST(CAST(k.unsubscribes AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(19,4)) AS unsubscribe_rate,
       k.orders, k.revenue_gross, k.revenue_net,
       CAST(CAST(k.orders AS DECIMAL(19,4)) / NULLIF(k.unique_clicks_clean, 0) AS DECIMAL(19,4)) AS cvr,
       CAST(k.revenue_net / NULLIF(k.sent, 0) AS DECIMAL(19,4)) AS rpe
FROM (
    SELECT v.campaign_id, v.variant, v.recipients, v.sent, v.failed, v.bounced, v.bounced_hard, v.bounced_soft,
           v.delivered, v.opens_raw, v.opens_clean, v.unique_opens_raw, v.unique_opens_clean,
           v.clicks_raw, v.clicks_clean, v.unique_clicks_raw, v.unique_clicks_clean, v.unsubscribes,
           COALESCE(r.orders, 0) AS orders,
           CAST(COALESCE(r.revenue_gross, 0) AS DECIMAL(19,4)) AS revenue_gross,
           CAST(COALESCE(r.revenue_net, 0) AS DECIMAL(19,4)) AS revenue_net
    FROM pkl_eval_variant_counts v
    LEFT JOIN (
        SELECT a.campaign_id, a.variant, SUM(a.orders) AS orders,
               SUM(a.revenue_gross) AS revenue_gross, SUM(a.revenue_net) AS revenue_net
        FROM pkl_agg_revenue a
        GROUP BY a.campaign_id, a.variant
    ) r ON r.campaign_id = v.campaign_id AND r.variant = COALESCE(v.variant, N'')
) k;

-- Plug-in: Proklik (click statistics). Per campaign and link (element of the e-mail): clicks raw and clean, total
-- and unique recipients, and the link's share of the campaign's clean clicks. Registered links without a click
-- show zeros; clicked links nobody registered show NULL description.
CREATE VIEW pkl_eval_link AS
SELECT l.campaign_id, NULLIF(l.link_id, N'') AS link_id, cl.description, cl.target_url, cl.position_no,
       l.clicks_raw, l.clicks_clean, l.unique_clicks_raw, l.unique_clicks_clean,
       CAST(CAST(l.clicks_clean AS DECIMAL(19,4)) / NULLIF(t.clicks_clean, 0) AS DECIMAL(19,4)) AS share_clean_clicks
FROM (
    SELECT a.campaign_id, a.link_id, a.clicks_raw, a.clicks_clean, a.unique_clicks_raw, a.unique_clicks_clean
    FROM pkl_agg_link a
    UNION ALL
    SELECT r.campaign_id, r.link_id, 0, 0, 0, 0
    FROM pkl_campaign_link r
    WHERE NOT EXISTS (SELECT 1 FROM pkl_agg_link a WHERE a.campaign_id = r.campaign_id AND a.link_id = r.link_id)
) l
LEFT JOIN pkl_campaign_link cl ON cl.campaign_id = l.campaign_id AND cl.link_id = l.link_id
LEFT JOIN (
    SELECT campaign_id, SUM(clicks_clean) AS clicks_clean FROM pkl_agg_link GROUP BY campaign_id
) t ON t.campaign_id = l.campaign_id;

-- Plug-in: Proklik (click statistics). Which part of the e-mail interested whom: clicks per campaign, link and
-- segment of the clicking contacts (segment_kind 'region' / 'language' of pkl_erp_contact, 'organisation_category'
-- of pkl_erp_organisation; segment_value NULL = unknown contact or attribute not filled in). The segment is the
-- contact's when the clicks were imported; 'proklik aggregates rebuild' re-reads the current ones.
CREATE VIEW pkl_eval_link_by_segment AS
SELECT campaign_id, NULLIF(link_id, N'') AS link_id, segment_kind, NULLIF(segment_value, N'') AS segment_value,
       clicks_raw, clicks_clean, unique_clicks_raw, unique_clicks_clean
FROM pkl_agg_link_segment;

-- Plug-in: Proklik (click statistics). Per campaign, recipient and link: the clicks (proof of a reaction to one
-- part of the e-mail).
CREATE VIEW pkl_eval_recipient_click AS
SELECT campaign_id, recipient_id, NULLIF(link_id, N'') AS link_id, clicks_raw, clicks_clean,
       first_click_raw, last_click_raw, first_click_clean, last_click_clean
FROM pkl_agg_recipient_link;

-- Plug-in: Proklik (click statistics). Per campaign and recipient: the proof that the recipient reacted - send,
-- bounce, opens, clicks (raw and clean, first and last), distinct links clicked, unsubscribe, attributed orders.
-- One row for every recipient with a send row, an open/click or an unsubscribe.
CREATE VIEW pkl_eval_recipient AS
SELECT k.campaign_id, k.recipient_id, s.email, COALESCE(s.variant, r.variant) AS variant,
       s.status AS send_status, s.sent_at,
       CAST(CASE WHEN s.status = 'bounced' THEN 1 ELSE 0 END AS BIT) AS bounced, s.bounce_kind, s.bounced_at,
       COALESCE(r.opens_raw, 0) AS opens_raw, COALESCE(r.opens_clean, 0) AS opens_clean,
       r.first_open_raw, r.last_open_raw, r.first_open_clean, r.last_open_clean,
       COALESCE(r.clicks_raw, 0) AS clicks_raw, COALESCE(r.clicks_clean, 0) AS clicks_clean,
       r.first_click_raw, r.last_click_raw, r.first_click_clean, r.last_click_clean,
       COALESCE(l.links_raw, 0) AS links_clicked_raw, COALESCE(l.links_clean, 0) AS links_clicked_clean,
       CAST(CASE WHEN u.recipient_id IS NULL THEN 0 ELSE 1 END AS BIT) AS unsubscribed,
       u.unsubscribed_at,
       COALESCE(o.orders, 0) AS orders,
       CAST(COALESCE(o.revenue_gross, 0) AS DECIMAL(19,4)) AS revenue_gross,
       CAST(COALESCE(o.revenue_net, 0) AS DECIMAL(19,4)) AS revenue_net
FROM (
    SELECT campaign_id, recipient_id FROM pkl_send
    UNION
    SELECT campaign_id, recipient_id FROM pkl_agg_recipient
    UNION
    SELECT campaign_id, recipient_id FROM pkl_unsubscribe
) k
LEFT JOIN pkl_send s ON s.campaign_id = k.campaign_id AND s.recipient_id = k.recipient_id
LEFT JOIN pkl_agg_recipient r ON r.campaign_id = k.campaign_id AND r.recipient_id = k.recipient_id
LEFT JOIN pkl_unsubscribe u ON u.campaign_id = k.campaign_id AND u.recipient_id = k.recipient_id
LEFT JOIN (
    SELECT campaign_id, recipient_id, COUNT(*) AS links_raw,
           SUM(CASE WHEN clicks_clean > 0 THEN 1 ELSE 0 END) AS links_clean
    FROM pkl_agg_recipient_link
    GROUP BY campaign_id, recipient_id
) l ON l.campaign_id = k.campaign_id AND l.recipient_id = k.recipient_id
LEFT JOIN (
    SELECT campaign_id, contact_id, COUNT(*) AS orders, SUM(revenue_gross) AS revenue_gross,
           SUM(revenue_net) AS revenue_net
    FROM pkl_eval_order_attribution
    GROUP BY campaign_id, contact_id
) o ON o.campaign_id = k.campaign_id AND o.contact_id = k.recipient_id;

-- Plug-in: Proklik (click statistics). Reactions by hour since the send: hour_no 0 = the first hour after the
-- recipient's pkl_send.sent_at (else the campaign's sent_at, else starts_at), 1 = the second, ...; -1 = earlier.
CREATE VIEW pkl_eval_timeline_hour AS
SELECT campaign_id, hour_no, opens_raw, opens_clean, clicks_raw, clicks_clean
FROM pkl_agg_send_hour;

-- Plug-in: Proklik (click statistics). Reactions per calendar day (UTC).
CREATE VIEW pkl_eval_timeline_day AS
SELECT d.campaign_id, d.period_start, SUM(d.opens_raw) AS opens_raw, SUM(d.opens_clean) AS opens_clean,
       SUM(d.clicks_raw) AS clicks_raw, SUM(d.clicks_clean) AS clicks_clean
FROM (
    SELECT campaign_id, CAST(hour_start AS DATE) AS period_start, opens_raw, opens_clean, clicks_raw, clicks_clean
    FROM pkl_agg_hour
) d
GROUP BY d.campaign_id, d.period_start;

-- Plug-in: Proklik (click statistics). Reactions per calendar week (UTC, ISO weeks: period_start = the Monday).
CREATE VIEW pkl_eval_timeline_week AS
SELECT w.campaign_id, w.period_start, SUM(w.opens_raw) AS opens_raw, SUM(w.opens_clean) AS opens_clean,
       SUM(w.clicks_raw) AS clicks_raw, SUM(w.clicks_clean) AS clicks_clean
FROM (
    SELECT campaign_id,
           DATEADD(DAY, (DATEDIFF(DAY, CAST('2000-01-03' AS DATE), CAST(hour_start AS DATE)) / 7) * 7,
                   CAST('2000-01-03' AS DATE)) AS period_start,
           opens_raw, opens_clean, clicks_raw, clicks_clean
    FROM pkl_agg_hour
) w
GROUP BY w.campaign_id, w.period_start;

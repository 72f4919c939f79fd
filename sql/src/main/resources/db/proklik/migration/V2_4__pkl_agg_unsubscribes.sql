-- Proklik, schema version 2.4: unsubscribes are counted per campaign and variant like sends (pkl_agg_unsubscribe,
-- kept by UnsubscribeDao with every new opt-out), so the campaign and variant views no longer join every
-- unsubscriber to the sends and the aggregates on each query (bench/RESULTS.md: most of the campaign view's time at
-- a million recipients). AggregateMaintainer.rebuild() recounts it from pkl_unsubscribe.

-- Plug-in: Proklik (click statistics). Opt-outs per campaign and A/B variant (pkl_send.variant, else the variant of
-- the recipient's folded events, N'' = none; taken when the opt-out is recorded, recomputed by a rebuild).
CREATE TABLE pkl_agg_unsubscribe (
    campaign_id    NVARCHAR(64)  NOT NULL,
    variant        NVARCHAR(16)  NOT NULL,
    unsubscribes   INT           NOT NULL,
    CONSTRAINT pk_pkl_agg_unsubscribe PRIMARY KEY (campaign_id, variant)
);

INSERT INTO pkl_agg_unsubscribe (campaign_id, variant, unsubscribes)
SELECT u.campaign_id, COALESCE(s.variant, r.variant, N''), COUNT(*)
FROM pkl_unsubscribe u
LEFT JOIN pkl_send s ON s.campaign_id = u.campaign_id AND s.recipient_id = u.recipient_id
LEFT JOIN pkl_agg_recipient r ON r.campaign_id = u.campaign_id AND r.recipient_id = u.recipient_id
GROUP BY u.campaign_id, COALESCE(s.variant, r.variant, N'');

DROP VIEW pkl_eval_variant;
DROP VIEW pkl_eval_campaign_revenue;
DROP VIEW pkl_eval_campaign;
DROP VIEW pkl_eval_variant_counts;

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

-- Plug-in: Proklik (click statistics). Campaign KPIs: sends, bounces, delivery; opens, clicks, rates raw and clean;
-- unsubscribes. One row per registered campaign (zeros before anything was sent).
CREATE VIEW pkl_eval_campaign AS
SELECT k.campaign_id, k.name, k.utm_campaign, k.status, k.sent_at, k.attribution_days,
       k.recipients, k.sent, k.failed, k.bounced, k.bounced_hard, k.bounced_soft, k.delivered,
       CAST(CAST(k.delivered AS DECIMAL(19,4)) / NULLIF(k.sent, 0) AS DECIMAL(9,4)) AS delivery_rate,
       CAST(CAST(k.bounced AS DECIMAL(19,4)) / NULLIF(k.sent, 0) AS DECIMAL(9,4)) AS bounce_rate,
       k.opens_raw, k.opens_clean, k.unique_opens_raw, k.unique_opens_clean,
       k.clicks_raw, k.clicks_clean, k.unique_clicks_raw, k.unique_clicks_clean,
       CAST(CAST(k.unique_opens_raw AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS open_rate_raw,
       CAST(CAST(k.unique_opens_clean AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS open_rate_clean,
       CAST(CAST(k.unique_clicks_raw AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS ctr_raw,
       CAST(CAST(k.unique_clicks_clean AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS ctr_clean,
       CAST(CAST(k.clicks_raw AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS ctr_total_raw,
       CAST(CAST(k.clicks_clean AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS ctr_total_clean,
       CAST(CAST(k.unique_clicks_raw AS DECIMAL(19,4)) / NULLIF(k.unique_opens_raw, 0) AS DECIMAL(9,4)) AS ctor_raw,
       CAST(CAST(k.unique_clicks_clean AS DECIMAL(19,4)) / NULLIF(k.unique_opens_clean, 0) AS DECIMAL(9,4))
           AS ctor_clean,
       k.unsubscribes,
       CAST(CAST(k.unsubscribes AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS unsubscribe_rate
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

-- Plug-in: Proklik (click statistics). Revenue KPIs per campaign from pkl_eval_order_attribution: orders, CVR,
-- AOV, revenue gross/net (same-session and lagged), RPE, RPR, EPPC (net revenue per 1000 clean clicks, all clicks
-- not unique ones).
CREATE VIEW pkl_eval_campaign_revenue AS
SELECT k.campaign_id, k.attribution_days, k.sent, k.delivered, k.clicks_clean, k.unique_clicks_clean,
       k.orders, k.orders_same_session, k.orders_lagged, k.buyers, k.currency, k.currency_count,
       k.revenue_gross, k.returned_net_amount, k.revenue_net, k.revenue_net_same_session, k.revenue_net_lagged,
       CAST(CAST(k.orders AS DECIMAL(19,4)) / NULLIF(k.unique_clicks_clean, 0) AS DECIMAL(9,4)) AS cvr,
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
        SELECT campaign_id, COUNT(*) AS orders,
               SUM(CASE WHEN same_session = 1 THEN 1 ELSE 0 END) AS orders_same_session,
               COUNT(DISTINCT contact_id) AS buyers, MIN(currency) AS currency,
               COUNT(DISTINCT currency) AS currency_count,
               SUM(revenue_gross) AS revenue_gross, SUM(returned_net_amount) AS returned_net_amount,
               SUM(revenue_net) AS revenue_net,
               SUM(CASE WHEN same_session = 1 THEN revenue_net ELSE 0 END) AS revenue_net_same_session
        FROM pkl_eval_order_attribution
        GROUP BY campaign_id
    ) r ON r.campaign_id = c.campaign_id
) k;

-- Plug-in: Proklik (click statistics). The campaign KPIs per A/B variant side by side (variant = pkl_send.variant,
-- else the variant carried by the recipient's events; NULL = no variant), with attributed orders and revenue.
CREATE VIEW pkl_eval_variant AS
SELECT k.campaign_id, k.variant, k.recipients, k.sent, k.failed, k.bounced, k.bounced_hard, k.bounced_soft,
       k.delivered,
       CAST(CAST(k.delivered AS DECIMAL(19,4)) / NULLIF(k.sent, 0) AS DECIMAL(9,4)) AS delivery_rate,
       CAST(CAST(k.bounced AS DECIMAL(19,4)) / NULLIF(k.sent, 0) AS DECIMAL(9,4)) AS bounce_rate,
       k.opens_raw, k.opens_clean, k.unique_opens_raw, k.unique_opens_clean,
       k.clicks_raw, k.clicks_clean, k.unique_clicks_raw, k.unique_clicks_clean,
       CAST(CAST(k.unique_opens_raw AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS open_rate_raw,
       CAST(CAST(k.unique_opens_clean AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS open_rate_clean,
       CAST(CAST(k.unique_clicks_raw AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS ctr_raw,
       CAST(CAST(k.unique_clicks_clean AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS ctr_clean,
       CAST(CAST(k.clicks_raw AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS ctr_total_raw,
       CAST(CAST(k.clicks_clean AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS ctr_total_clean,
       CAST(CAST(k.unique_clicks_raw AS DECIMAL(19,4)) / NULLIF(k.unique_opens_raw, 0) AS DECIMAL(9,4)) AS ctor_raw,
       CAST(CAST(k.unique_clicks_clean AS DECIMAL(19,4)) / NULLIF(k.unique_opens_clean, 0) AS DECIMAL(9,4))
           AS ctor_clean,
       k.unsubscribes,
       CAST(CAST(k.unsubscribes AS DECIMAL(19,4)) / NULLIF(k.delivered, 0) AS DECIMAL(9,4)) AS unsubscribe_rate,
       k.orders, k.revenue_gross, k.revenue_net,
       CAST(CAST(k.orders AS DECIMAL(19,4)) / NULLIF(k.unique_clicks_clean, 0) AS DECIMAL(9,4)) AS cvr,
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
        SELECT a.campaign_id, COALESCE(a.variant, N'') AS variant, COUNT(*) AS orders,
               SUM(a.revenue_gross) AS revenue_gross, SUM(a.revenue_net) AS revenue_net
        FROM pkl_eval_order_attribution a
        GROUP BY a.campaign_id, COALESCE(a.variant, N'')
    ) r ON r.campaign_id = v.campaign_id AND r.variant = COALESCE(v.variant, N'')
) k;

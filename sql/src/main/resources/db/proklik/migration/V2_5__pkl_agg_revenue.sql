-- Proklik, schema version 2.5: revenue is summed when attribution is refreshed, not on each query. Summing a
-- campaign's attributed orders cost ~25 ms per view at 2,700 orders on H2, and a report reads revenue and variants
-- (bench/RESULTS.md). OrderAttribution recomputes pkl_agg_revenue from pkl_agg_attribution on every refresh, and
-- keeps each order's net revenue in pkl_agg_attribution.revenue_net, indexed for the report's "largest orders".

-- Plug-in: Proklik (click statistics). Net revenue of the order (net amount minus its returns), kept with it.
ALTER TABLE pkl_agg_attribution ADD revenue_net DECIMAL(19,4) DEFAULT 0 NOT NULL;

UPDATE pkl_agg_attribution SET revenue_net = net_amount - returned_net_amount;

-- Plug-in: Proklik (click statistics). A campaign's largest orders first, read in index order.
CREATE INDEX ix_pkl_agg_attribution_largest
    ON pkl_agg_attribution (campaign_id, revenue_net DESC, ordered_at, order_id);

-- Plug-in: Proklik (click statistics). Attributed orders summed per campaign, A/B variant of the buyer (N'' = none)
-- and currency, as of the last attribution refresh. buyers = distinct contacts; a buyer who paid in two currencies
-- counts once in each (pkl_eval_campaign_revenue.currency_count > 1 warns of such a campaign anyway).
CREATE TABLE pkl_agg_revenue (
    campaign_id               NVARCHAR(64)   NOT NULL,
    variant                   NVARCHAR(16)   NOT NULL,
    currency                  NVARCHAR(3)    NOT NULL,
    orders                    INT            NOT NULL,
    orders_same_session       INT            NOT NULL,
    buyers                    INT            NOT NULL,
    revenue_gross             DECIMAL(19,4)  NOT NULL,
    returned_net_amount       DECIMAL(19,4)  NOT NULL,
    revenue_net               DECIMAL(19,4)  NOT NULL,
    revenue_net_same_session  DECIMAL(19,4)  NOT NULL,
    CONSTRAINT pk_pkl_agg_revenue PRIMARY KEY (campaign_id, variant, currency)
);

INSERT INTO pkl_agg_revenue (campaign_id, variant, currency, orders, orders_same_session, buyers, revenue_gross,
                             returned_net_amount, revenue_net, revenue_net_same_session)
SELECT a.campaign_id, a.variant, a.currency, COUNT(*),
       SUM(CASE WHEN CAST(a.ordered_at AS DATE) = CAST(a.clicked_at AS DATE) THEN 1 ELSE 0 END),
       COUNT(DISTINCT a.contact_id), SUM(a.gross_amount), SUM(a.returned_net_amount), SUM(a.revenue_net),
       SUM(CASE WHEN CAST(a.ordered_at AS DATE) = CAST(a.clicked_at AS DATE) THEN a.revenue_net ELSE 0 END)
FROM pkl_agg_attribution a
GROUP BY a.campaign_id, a.variant, a.currency;

DROP VIEW pkl_eval_variant;
DROP VIEW pkl_eval_campaign_revenue;
DROP VIEW pkl_eval_recipient;
DROP VIEW pkl_eval_order_attribution;

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

-- Plug-in: Proklik (click statistics). Revenue KPIs per campaign from pkl_agg_revenue: orders, CVR,
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
        SELECT a.campaign_id, a.variant, SUM(a.orders) AS orders,
               SUM(a.revenue_gross) AS revenue_gross, SUM(a.revenue_net) AS revenue_net
        FROM pkl_agg_revenue a
        GROUP BY a.campaign_id, a.variant
    ) r ON r.campaign_id = v.campaign_id AND r.variant = COALESCE(v.variant, N'')
) k;

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

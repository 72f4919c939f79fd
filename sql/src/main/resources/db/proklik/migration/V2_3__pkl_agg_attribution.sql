-- Proklik, schema version 2.3: order attribution is materialised. Version 2.1 matched every ERP order against the
-- clean clicks on each query, and a campaign report did so several times (bench/RESULTS.md). Now the import job
-- keeps pkl_agg_attribution up to date (cz.proklik.erp.aggregate.OrderAttribution): after it folded new clicks it
-- re-attributes only the orders those clicks and newly entered orders can affect, and it re-reads the amounts and
-- returns of every attributed order from pkl_erp_order. The views read this table alone, so revenue is as of the
-- last import run. Attribution rules are unchanged (post-click, last clean click within the campaign's window).

-- Plug-in: Proklik (click statistics). Every attributed order (not returns): its winning click, the buyer's A/B
-- variant in that campaign (pkl_send.variant, else the events'; N'' = none) and its amounts as the ERP had them at
-- the last refresh. returned_net_amount = the net amount of its returns (rows with is_return = 1 and
-- return_of_order_id = this order, whatever their sign).
CREATE TABLE pkl_agg_attribution (
    order_id             NVARCHAR(64)   NOT NULL,
    contact_id           NVARCHAR(64)   NOT NULL,
    ordered_at           DATETIME2(3)   NOT NULL,
    campaign_id          NVARCHAR(64)   NOT NULL,
    variant              NVARCHAR(16)   NOT NULL,
    link_id              NVARCHAR(64)   NOT NULL,
    click_event_id       CHAR(36)       NOT NULL,
    clicked_at           DATETIME2(3)   NOT NULL,
    currency             NVARCHAR(3)    NOT NULL,
    gross_amount         DECIMAL(19,4)  NOT NULL,
    discount_amount      DECIMAL(19,4)  NOT NULL,
    net_amount           DECIMAL(19,4)  NOT NULL,
    returned_net_amount  DECIMAL(19,4)  NOT NULL,
    CONSTRAINT pk_pkl_agg_attribution PRIMARY KEY (order_id)
);

-- Plug-in: Proklik (click statistics). A campaign's attributed orders (and one buyer's) without reading the others.
CREATE INDEX ix_pkl_agg_attribution_campaign ON pkl_agg_attribution (campaign_id, contact_id);

-- Plug-in: Proklik (click statistics). Re-attribution works on a time range of orders.
CREATE INDEX ix_pkl_agg_attribution_time ON pkl_agg_attribution (ordered_at);

-- Plug-in: Proklik (click statistics). One row: how far attribution is up to date. dirty_since = the earliest clean
-- click folded since the last refresh (orders after it may have a new winner); refreshed_at = when it last ran.
-- Both NULL until the first refresh, which attributes every order.
CREATE TABLE pkl_agg_attribution_state (
    state_id      INT           NOT NULL,
    dirty_since   DATETIME2(3)  NULL,
    refreshed_at  DATETIME2(3)  NULL,
    CONSTRAINT pk_pkl_agg_attribution_state PRIMARY KEY (state_id),
    CONSTRAINT ck_pkl_agg_attribution_state_one CHECK (state_id = 1)
);

INSERT INTO pkl_agg_attribution_state (state_id, dirty_since, refreshed_at) VALUES (1, NULL, NULL);

-- Plug-in: Proklik (click statistics). The stand-in order book is looked up by contact and time (attribution), by
-- time (re-attribution) and by the order a return belongs to. A Helios order table needs the same indexes behind
-- pkl_erp_order.
CREATE INDEX ix_pkl_standin_order_contact ON pkl_standin_order (contact_id, ordered_at);

-- Plug-in: Proklik (click statistics). Re-attribution reads the orders of a time range.
CREATE INDEX ix_pkl_standin_order_time ON pkl_standin_order (ordered_at);

-- Plug-in: Proklik (click statistics). Returns by the order they return.
CREATE INDEX ix_pkl_standin_order_return ON pkl_standin_order (return_of_order_id);

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
       a.gross_amount AS revenue_gross,
       CAST(a.net_amount - a.returned_net_amount AS DECIMAL(19,4)) AS revenue_net,
       CAST(CASE WHEN CAST(a.ordered_at AS DATE) = CAST(a.clicked_at AS DATE) THEN 1 ELSE 0 END AS BIT)
           AS same_session
FROM pkl_agg_attribution a;

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

-- The orders attributed so far, so that revenue does not read zero until the next import run (which re-attributes
-- and re-reads amounts and returns anyway). The same statement as OrderAttribution.ATTRIBUTE, from the beginning.
INSERT INTO pkl_agg_attribution (order_id, contact_id, ordered_at, campaign_id, variant, link_id, click_event_id,
                                 clicked_at, currency, gross_amount, discount_amount, net_amount, returned_net_amount)
SELECT w.order_id, w.contact_id, w.ordered_at, w.campaign_id, COALESCE(s.variant, g.variant, N''), w.link_id,
       w.click_event_id, w.clicked_at, w.currency, w.gross_amount, w.discount_amount, w.net_amount,
       COALESCE((SELECT SUM(ABS(r.net_amount)) FROM pkl_erp_order r
                 WHERE r.is_return = 1 AND r.return_of_order_id = w.order_id), 0)
FROM (
    SELECT o.order_id, o.contact_id, o.ordered_at, o.currency, o.gross_amount, o.discount_amount, o.net_amount,
           k.campaign_id, k.link_id, k.event_id AS click_event_id, k.clicked_at,
           ROW_NUMBER() OVER (PARTITION BY o.order_id
                              ORDER BY k.clicked_at DESC, k.campaign_id DESC, k.event_id DESC) AS rn
    FROM pkl_erp_order o
    JOIN pkl_agg_click k ON k.recipient_id = o.contact_id
                        AND k.clicked_at < o.ordered_at
                        AND k.clicked_at >= DATEADD(DAY, -365, o.ordered_at)
    JOIN pkl_campaign c ON c.campaign_id = k.campaign_id
    WHERE o.is_return = 0
      AND o.ordered_at <= DATEADD(DAY, c.attribution_days, k.clicked_at)
) w
LEFT JOIN pkl_send s ON s.campaign_id = w.campaign_id AND s.recipient_id = w.contact_id
LEFT JOIN pkl_agg_recipient g ON g.campaign_id = w.campaign_id AND g.recipient_id = w.contact_id
WHERE w.rn = 1;

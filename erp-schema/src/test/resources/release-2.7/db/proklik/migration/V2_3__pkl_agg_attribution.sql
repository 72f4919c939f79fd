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

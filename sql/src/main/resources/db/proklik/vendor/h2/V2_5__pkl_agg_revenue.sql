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


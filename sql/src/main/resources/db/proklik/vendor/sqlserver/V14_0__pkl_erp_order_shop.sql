-- Proklik, schema version 14.0 (SQL Server twin of vendor/h2/V14_0, engine-specific: CREATE OR ALTER VIEW, which
-- H2 lacks, where H2 says CREATE OR REPLACE VIEW): the web shop an order was placed in (seed 001). The adapter view
-- pkl_erp_order gains shop_code (NULL = not known: such orders match no shop criterion). On Helios the adapter
-- script defines the view over the ERP's own tables; re-run it after this upgrade (docs/upgrade.md).

-- Plug-in: Proklik (click statistics). Stand-in for the ERP's web shop of an order (embedded default only).
CREATE TABLE pkl_standin_order_shop (
    order_id   NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    shop_code  NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT pk_pkl_standin_order_shop PRIMARY KEY (order_id)
);
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: orders and returns (conversions, revenue), with their shop.
CREATE OR ALTER VIEW pkl_erp_order AS
SELECT o.order_id, o.contact_id, o.organisation_id, o.ordered_at, o.currency, o.gross_amount, o.discount_amount,
       o.net_amount, o.is_return, o.return_of_order_id, s.shop_code
FROM pkl_standin_order o
LEFT JOIN pkl_standin_order_shop s ON s.order_id = o.order_id;
GO

-- Proklik, schema version 14.0: the web shop an order was placed in (seed 001: "web shop" as a list criterion).
-- The adapter view pkl_erp_order gains shop_code (NULL = not known: such orders match no shop criterion). In the
-- embedded default the shop comes from a stand-in table of its own, so the repeatable stand-in seed (which deletes
-- and re-inserts pkl_standin_order, and also runs against schemas older than this one) stays as it is.

-- Plug-in: Proklik (click statistics). Stand-in for the ERP's web shop of an order (embedded default only).
CREATE TABLE pkl_standin_order_shop (
    order_id   NVARCHAR(64) NOT NULL,
    shop_code  NVARCHAR(64) NOT NULL,
    CONSTRAINT pk_pkl_standin_order_shop PRIMARY KEY (order_id)
);

-- Plug-in: Proklik (click statistics). ERP adapter view: orders and returns (conversions, revenue), with their shop.
CREATE OR REPLACE VIEW pkl_erp_order AS
SELECT o.order_id, o.contact_id, o.organisation_id, o.ordered_at, o.currency, o.gross_amount, o.discount_amount,
       o.net_amount, o.is_return, o.return_of_order_id, s.shop_code
FROM pkl_standin_order o
LEFT JOIN pkl_standin_order_shop s ON s.order_id = o.order_id;

-- Proklik, schema version 19.1, H2 variant (SQL Server twin: vendor/sqlserver/V19_1__pkl_erp_cart_item.sql, which adds
-- the id collation and the GO lines; keep the two in step). The items of a web shop cart, so that an abandoned-cart
-- mail shows the products left in it (docs/triggers.md, "Products of the occurrence").

-- Plug-in: Proklik (click statistics). Stand-in for the items of the web shop's carts (embedded default only).
-- unit_price: the price the cart shows for one unit, NULL = the product's price (pkl_erp_product.price).
CREATE TABLE pkl_standin_cart_item (
    cart_id     NVARCHAR(64)   NOT NULL,
    line_no     INT            NOT NULL,
    product_id  NVARCHAR(64)   NOT NULL,
    quantity    DECIMAL(19,4)  NOT NULL,
    unit_price  DECIMAL(19,4)  NULL,
    CONSTRAINT pk_pkl_standin_cart_item PRIMARY KEY (cart_id, line_no)
);

-- Plug-in: Proklik (click statistics). ERP adapter view: the items of a web shop cart, in the cart's order (the
-- abandoned-cart mail's {{#products}}).
CREATE VIEW pkl_erp_cart_item AS
SELECT cart_id, line_no, product_id, quantity, unit_price
FROM pkl_standin_cart_item;

-- The send reads each trigger mail's products by its delivery (one lookup per mail).
CREATE INDEX ix_pkl_trigger_occurrence_delivery ON pkl_trigger_occurrence (delivery_id);

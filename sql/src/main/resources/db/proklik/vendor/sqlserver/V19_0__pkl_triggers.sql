-- Proklik, schema version 19.0, SQL Server twin of vendor/h2/V19_0__pkl_triggers.sql, engine-specific by design:
-- the id columns carry the binary collation of every Proklik id (docs/schema.md), each view starts its own batch,
-- and the new delivery column is used only in a later batch than the one adding it (the batch rule).
-- four ERP adapter views the trigger conditions read (registrations, carts, pre-orders, stock; birthdays and orders
-- come from pkl_erp_contact and pkl_erp_order), over stand-in tables here; the triggers; the occurrences each was
-- mailed for, so that a contact gets one mail per trigger and occurrence; and the occurrence on a delivery row, so
-- that the send engine's exactly-once states serve a trigger's campaign, whose contact may be mailed again for a new
-- occurrence (the next birthday, a second cart).

-- Plug-in: Proklik (click statistics). Stand-in for the web shop's customer registrations (embedded default only).
CREATE TABLE pkl_standin_registration (
    contact_id     NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    registered_at  DATETIME2(3)  NOT NULL,
    shop_code      NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL,
    CONSTRAINT pk_pkl_standin_registration PRIMARY KEY (contact_id)
);

-- Plug-in: Proklik (click statistics). Stand-in for the web shop's carts (embedded default only). order_id: the order
-- the cart became, NULL while it was not ordered.
CREATE TABLE pkl_standin_cart (
    cart_id     NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    contact_id  NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    shop_code   NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL,
    changed_at  DATETIME2(3)  NOT NULL,
    item_count  INT           NOT NULL,
    order_id    NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL,
    CONSTRAINT pk_pkl_standin_cart PRIMARY KEY (cart_id)
);

-- Plug-in: Proklik (click statistics). Stand-in for pre-orders of goods not in stock (embedded default only). is_open:
-- 1 while the customer still waits for the goods.
CREATE TABLE pkl_standin_preorder (
    preorder_id    NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    contact_id     NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    product_id     NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    preordered_at  DATETIME2(3)  NOT NULL,
    is_open        BIT           DEFAULT 1 NOT NULL,
    CONSTRAINT pk_pkl_standin_preorder PRIMARY KEY (preorder_id)
);

-- Plug-in: Proklik (click statistics). Stand-in for the stock of each product over all warehouses (embedded default).
CREATE TABLE pkl_standin_stock (
    product_id     NVARCHAR(64) COLLATE Latin1_General_100_BIN2  NOT NULL,
    available_qty  DECIMAL(19,4)  NOT NULL,
    CONSTRAINT pk_pkl_standin_stock PRIMARY KEY (product_id)
);
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: when a contact registered in a web shop (the trigger "no
-- purchase within N days after registration").
CREATE VIEW pkl_erp_registration AS
SELECT contact_id, registered_at, shop_code
FROM pkl_standin_registration;
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: web shop carts (the trigger "abandoned cart").
CREATE VIEW pkl_erp_cart AS
SELECT cart_id, contact_id, shop_code, changed_at, item_count, order_id
FROM pkl_standin_cart;
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: pre-orders (the trigger "pre-ordered goods back in stock").
CREATE VIEW pkl_erp_preorder AS
SELECT preorder_id, contact_id, product_id, preordered_at, is_open
FROM pkl_standin_preorder;
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: the quantity of a product available now.
CREATE VIEW pkl_erp_stock AS
SELECT product_id, available_qty
FROM pkl_standin_stock;
GO

-- Plug-in: Proklik (click statistics). A trigger: the event kind and its parameter (days, hours or amount), the
-- template (language by contact, the shop's version), greeting on/off, and its automation campaign (utm_medium
-- trigger), whose sends, clicks and orders the evaluation views count like any campaign's. Occurrences before
-- active_from are never mailed (adding a trigger does not mail the past). status: active, or removed (kept for its
-- campaign's history, never run again).
CREATE TABLE pkl_trigger (
    trigger_id         NVARCHAR(64) COLLATE Latin1_General_100_BIN2  NOT NULL,
    kind               NVARCHAR(32)   NOT NULL,
    days               INT            NULL,
    hours              INT            NULL,
    min_amount         DECIMAL(19,4)  NULL,
    campaign_id        NVARCHAR(64) COLLATE Latin1_General_100_BIN2  NOT NULL,
    template_id        NVARCHAR(64)   NOT NULL,
    shop_code          NVARCHAR(64) COLLATE Latin1_General_100_BIN2  NULL,
    personal_greeting  BIT            DEFAULT 1 NOT NULL,
    active_from        DATETIME2(3)   NOT NULL,
    status             NVARCHAR(16)   DEFAULT 'active' NOT NULL,
    created_at         DATETIME2(3)   NOT NULL,
    last_run_at        DATETIME2(3)   NULL,
    CONSTRAINT pk_pkl_trigger PRIMARY KEY (trigger_id),
    CONSTRAINT uq_pkl_trigger_campaign UNIQUE (campaign_id),
    CONSTRAINT fk_pkl_trigger_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id),
    CONSTRAINT fk_pkl_trigger_template FOREIGN KEY (template_id) REFERENCES pkl_mail_template (template_id),
    CONSTRAINT ck_pkl_trigger_kind CHECK (kind IN ('no_purchase', 'birthday', 'back_in_stock', 'abandoned_cart',
                                                   'order_over')),
    CONSTRAINT ck_pkl_trigger_status CHECK (status IN ('active', 'removed'))
);

-- Plug-in: Proklik (click statistics). One occurrence of a trigger's event for a contact (occurrence_key: the
-- registration, the birthday's year, the cart, the pre-order, the order), recorded with its delivery row in one
-- transaction: the key is what makes a contact's mail once per trigger and occurrence. The delivery row says whether
-- it was mailed, or skipped and why (unsubscribed, hard bounce, complaint, no consent, ...).
CREATE TABLE pkl_trigger_occurrence (
    trigger_id      NVARCHAR(64) COLLATE Latin1_General_100_BIN2  NOT NULL,
    contact_id      NVARCHAR(64) COLLATE Latin1_General_100_BIN2  NOT NULL,
    occurrence_key  NVARCHAR(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    occurred_at     DATETIME2(3)   NOT NULL,
    detail          NVARCHAR(200)  NULL,
    found_at        DATETIME2(3)   NOT NULL,
    delivery_id     BIGINT         NOT NULL,
    CONSTRAINT pk_pkl_trigger_occurrence PRIMARY KEY (trigger_id, contact_id, occurrence_key),
    CONSTRAINT fk_pkl_trigger_occurrence_trigger FOREIGN KEY (trigger_id) REFERENCES pkl_trigger (trigger_id),
    CONSTRAINT fk_pkl_trigger_occurrence_delivery FOREIGN KEY (delivery_id) REFERENCES pkl_mail_delivery (delivery_id)
);

-- A campaign send has one delivery per recipient (occurrence_key ''); a trigger's campaign one per recipient and
-- occurrence.
ALTER TABLE pkl_mail_delivery ADD occurrence_key NVARCHAR(128) COLLATE Latin1_General_100_BIN2 DEFAULT '' NOT NULL;
GO

ALTER TABLE pkl_mail_delivery DROP CONSTRAINT uq_pkl_mail_delivery_recipient;

ALTER TABLE pkl_mail_delivery ADD CONSTRAINT uq_pkl_mail_delivery_recipient
    UNIQUE (campaign_id, recipient_id, occurrence_key);

-- Proklik, schema version 1: the ERP adapter. The plug-in reads the ERP ONLY through the pkl_erp_* views.
-- Here they are created over small stand-in tables (pkl_standin_*) shaped exactly like the views, so a fresh
-- machine has a working "ERP". On a real Helios the installer replaces the views (CREATE OR ALTER VIEW) with
-- sql/helios-green/adapter-views.sql or sql/helios-orange/adapter-views.sql; the stand-in tables then stay
-- empty and unused. Ids are NVARCHAR(64) text in every view because a recipient id in a tracking link is text
-- ([A-Za-z0-9._:-]{1,64}); the Helios scripts cast their integer keys. Amounts are DECIMAL(19,4) in the order's
-- currency, without VAT; gross = before discount, net = gross - discount (returns come as separate orders).

-- Plug-in: Proklik (click statistics). Stand-in for the ERP's organisations (embedded default only).
CREATE TABLE pkl_standin_organisation (
    organisation_id  NVARCHAR(64)  NOT NULL,
    name             NVARCHAR(200) NOT NULL,
    country_code     NVARCHAR(2)   NULL,
    region           NVARCHAR(100) NULL,
    category         NVARCHAR(100) NULL,
    CONSTRAINT pk_pkl_standin_organisation PRIMARY KEY (organisation_id)
);

-- Plug-in: Proklik (click statistics). Stand-in for the ERP's contact persons (embedded default only).
CREATE TABLE pkl_standin_contact (
    contact_id       NVARCHAR(64)  NOT NULL,
    email            NVARCHAR(320) NULL,
    first_name       NVARCHAR(100) NULL,
    last_name        NVARCHAR(100) NULL,
    language_code    NVARCHAR(8)   NULL,
    region           NVARCHAR(100) NULL,
    country_code     NVARCHAR(2)   NULL,
    organisation_id  NVARCHAR(64)  NULL,
    email_consent    BIT           DEFAULT 0 NOT NULL,
    birthday         DATE          NULL,
    CONSTRAINT pk_pkl_standin_contact PRIMARY KEY (contact_id)
);

-- Plug-in: Proklik (click statistics). Stand-in for the ERP's product catalogue (embedded default only).
CREATE TABLE pkl_standin_product (
    product_id     NVARCHAR(64)   NOT NULL,
    sku            NVARCHAR(64)   NOT NULL,
    name           NVARCHAR(200)  NOT NULL,
    product_group  NVARCHAR(100)  NULL,
    price          DECIMAL(19,4)  NULL,
    image_url      NVARCHAR(2048) NULL,
    CONSTRAINT pk_pkl_standin_product PRIMARY KEY (product_id)
);

-- Plug-in: Proklik (click statistics). Stand-in for the ERP's received orders and returns (embedded default only).
CREATE TABLE pkl_standin_order (
    order_id            NVARCHAR(64)  NOT NULL,
    contact_id          NVARCHAR(64)  NULL,
    organisation_id     NVARCHAR(64)  NULL,
    ordered_at          DATETIME2(3)  NOT NULL,
    currency            NVARCHAR(3)   NOT NULL,
    gross_amount        DECIMAL(19,4) NOT NULL,
    discount_amount     DECIMAL(19,4) DEFAULT 0 NOT NULL,
    net_amount          DECIMAL(19,4) NOT NULL,
    is_return           BIT           DEFAULT 0 NOT NULL,
    return_of_order_id  NVARCHAR(64)  NULL,
    CONSTRAINT pk_pkl_standin_order PRIMARY KEY (order_id)
);

-- Plug-in: Proklik (click statistics). Stand-in for the ERP's order lines (embedded default only).
CREATE TABLE pkl_standin_order_line (
    order_id      NVARCHAR(64)  NOT NULL,
    line_no       INT           NOT NULL,
    product_id    NVARCHAR(64)  NULL,
    quantity      DECIMAL(19,4) NOT NULL,
    gross_amount  DECIMAL(19,4) NOT NULL,
    net_amount    DECIMAL(19,4) NOT NULL,
    CONSTRAINT pk_pkl_standin_order_line PRIMARY KEY (order_id, line_no)
);

-- Plug-in: Proklik (click statistics). ERP adapter view: contacts (the recipients).
CREATE VIEW pkl_erp_contact AS
SELECT contact_id, email, first_name, last_name, language_code, region, country_code, organisation_id,
       email_consent, birthday
FROM pkl_standin_contact;

-- Plug-in: Proklik (click statistics). ERP adapter view: organisations.
CREATE VIEW pkl_erp_organisation AS
SELECT organisation_id, name, country_code, region, category
FROM pkl_standin_organisation;

-- Plug-in: Proklik (click statistics). ERP adapter view: products.
CREATE VIEW pkl_erp_product AS
SELECT product_id, sku, name, product_group, price, image_url
FROM pkl_standin_product;

-- Plug-in: Proklik (click statistics). ERP adapter view: orders and returns (conversions, revenue).
CREATE VIEW pkl_erp_order AS
SELECT order_id, contact_id, organisation_id, ordered_at, currency, gross_amount, discount_amount, net_amount,
       is_return, return_of_order_id
FROM pkl_standin_order;

-- Plug-in: Proklik (click statistics). ERP adapter view: order lines (units per click, product reports).
CREATE VIEW pkl_erp_order_line AS
SELECT order_id, line_no, product_id, quantity, gross_amount, net_amount
FROM pkl_standin_order_line;

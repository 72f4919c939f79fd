-- Proklik (click statistics) - ERP adapter views for Helios Green (HeG, schema lcs).
--
-- NOT applied by the migrations. Install AFTER Proklik's migrations have run (they create these views over the
-- empty stand-in tables pkl_standin_*), connected as the same user, so that the views land in the same schema:
--     sqlcmd -S <server> -d <HeG database> -U <Proklik login> -I -i adapter-views.sql   (-I: QUOTED_IDENTIFIER ON)
-- Re-runnable (CREATE OR ALTER). Nothing here changes a HeG table; the views only read.
--
-- READ THIS FIRST: little of Green's schema is public (see /work/shared/HELIOS.md). Every column below is marked
--   [confirmed]   table and column seen in public HeG SQL (lcs.organizace, lcs.kontaktni_osoby, lcs.subjekty,
--                 lcs.vztahysubjektu, lcs.kmenova_karta_skladu and the cislo_subjektu/nazev_subjektu pattern);
--   [inferred]    follows a confirmed HeG pattern (every class table is keyed by cislo_subjektu, header/line tables
--                 are *_hlavicka/*_polozka with cislo_nonsubjektu) - check the name;
--   [PLACEHOLDER] nothing public: a made-up name the installer MUST replace, or NULL/0. The script fails on a
--                 missing name rather than guessing, which is what we want.
-- Sales orders are entirely placeholders: Green's order tables were not found publicly. Until they are mapped,
-- replace the two order views' bodies by "SELECT ... FROM pkl_standin_order" (empty) so the rest works.
-- Ids are cast to NVARCHAR(64): the mailer must put the same contact id (cislo_subjektu) into tracking links.
-- Collations (docs/schema.md): ids COLLATE Latin1_General_100_BIN2, as Proklik's own id columns on SQL Server, so
-- they join without a collation conflict and compare case-sensitively; every other text column COLLATE
-- DATABASE_DEFAULT, because a CAST keeps the source column's collation and a HeG column may differ from the
-- database's. Keep both when you map a placeholder. Run with sqlcmd -I (QUOTED_IDENTIFIER ON).

-- Plug-in: Proklik (click statistics). ERP adapter view: organisations (lcs.organizace).
CREATE OR ALTER VIEW pkl_erp_organisation AS
SELECT CAST(o.cislo_subjektu AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS organisation_id, -- [confirmed] cislo_subjektu
       CAST(o.nazev_subjektu AS NVARCHAR(200)) COLLATE DATABASE_DEFAULT AS name, -- [confirmed] nazev_subjektu
       CAST(o.zeme AS NVARCHAR(2)) COLLATE DATABASE_DEFAULT AS country_code, -- [confirmed] zeme; [PLACEHOLDER] check that it
                                                                      -- holds an ISO code, not a number
       CAST(NULL AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS region, -- [PLACEHOLDER] not public
       CAST(NULL AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS category -- [PLACEHOLDER] e.g. an attribute in
                                                                      -- lcs.uda_organizace (same key)
FROM lcs.organizace o;
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: contact persons (lcs.kontaktni_osoby) and their
-- organisation through the record links in lcs.vztahysubjektu.
CREATE OR ALTER VIEW pkl_erp_contact AS
SELECT CAST(k.cislo_subjektu AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS contact_id, -- [confirmed] cislo_subjektu
       CAST(k.e_mail AS NVARCHAR(320)) COLLATE DATABASE_DEFAULT AS email, -- [confirmed] e_mail
       CAST(k.jmeno AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS first_name, -- [confirmed] jmeno
       CAST(k.prijmeni AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS last_name, -- [confirmed] prijmeni
       CAST(NULL AS NVARCHAR(8)) COLLATE DATABASE_DEFAULT AS language_code, -- [PLACEHOLDER] not public
       CAST(NULL AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS region, -- [PLACEHOLDER] misto_domu is the city
       CAST(o.zeme AS NVARCHAR(2)) COLLATE DATABASE_DEFAULT AS country_code, -- [confirmed] of the organisation
       CAST(o.cislo_subjektu AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS organisation_id, -- [confirmed] via lcs.vztahysubjektu
       CAST(0 AS BIT)                            AS email_consent,    -- [PLACEHOLDER] consent is not public: 0 means
                                                                      -- "no consent known"; map a UDA attribute
       CAST(NULL AS DATE)                        AS birthday          -- [PLACEHOLDER] not public
FROM lcs.kontaktni_osoby k
OUTER APPLY (SELECT TOP 1 vs.cislo_subjektu_vztazeny AS org_id     -- [PLACEHOLDER] column of the linked record
             FROM lcs.vztahysubjektu vs                             -- [confirmed] table, cislo_subjektu, cislo_vztahu
             WHERE vs.cislo_subjektu = k.cislo_subjektu
               AND vs.cislo_vztahu = 0                              -- [PLACEHOLDER] number of the relation
                                                                    -- "contact person of organisation"
             ORDER BY vs.cislo_subjektu_vztazeny) rel               -- [PLACEHOLDER] as above
LEFT JOIN lcs.organizace o ON o.cislo_subjektu = rel.org_id;
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: products (stock cards, lcs.kmenova_karta_skladu).
CREATE OR ALTER VIEW pkl_erp_product AS
SELECT CAST(z.cislo_subjektu AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS product_id, -- [inferred] class key cislo_subjektu
       CAST(z.reference_subjektu AS NVARCHAR(64)) COLLATE DATABASE_DEFAULT AS sku, -- [inferred] reference_subjektu
       CAST(z.nazev_subjektu AS NVARCHAR(200)) COLLATE DATABASE_DEFAULT AS name, -- [inferred] nazev_subjektu
       CAST(NULL AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS product_group, -- [PLACEHOLDER] not public
       CAST(NULL AS DECIMAL(19,4))                 AS price,          -- [PLACEHOLDER] price lists not public
       CAST(NULL AS NVARCHAR(2048)) COLLATE DATABASE_DEFAULT AS image_url -- [PLACEHOLDER] not public
FROM lcs.kmenova_karta_skladu z;                                      -- [confirmed] table
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: received orders and returns.
-- [PLACEHOLDER] table lcs.objednavka_prijata_hlavicka and all its columns are made up after the pattern of
-- lcs.faktura_vydana_hlavicka; returns (credit notes) are not mapped at all.
CREATE OR ALTER VIEW pkl_erp_order AS
SELECT CAST(h.cislo_subjektu AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS order_id, -- [inferred] class key
       CAST(h.kontaktni_osoba AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS contact_id, -- [PLACEHOLDER]
       CAST(h.organizace AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS organisation_id, -- [PLACEHOLDER]
       CAST(h.datum_pripadu AS DATETIME2(3))       AS ordered_at,         -- [PLACEHOLDER] local time in HeG
       CAST(h.mena AS NVARCHAR(3)) COLLATE DATABASE_DEFAULT AS currency,  -- [PLACEHOLDER]
       CAST(h.castka_bez_dph AS DECIMAL(19,4))     AS gross_amount,       -- [PLACEHOLDER]
       CAST(0 AS DECIMAL(19,4))                    AS discount_amount,    -- [PLACEHOLDER]
       CAST(h.castka_bez_dph AS DECIMAL(19,4))     AS net_amount,         -- [PLACEHOLDER]
       CAST(0 AS BIT)                              AS is_return,          -- [PLACEHOLDER] credit notes not mapped
       CAST(NULL AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS return_of_order_id, -- [PLACEHOLDER]
       CAST(NULL AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS shop_code -- [PLACEHOLDER] web shop (schema 14.0)
FROM lcs.objednavka_prijata_hlavicka h;                                    -- [PLACEHOLDER] table
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: order lines.
-- [PLACEHOLDER] lcs.objednavka_prijata_polozka after the *_polozka pattern (cislo_nonsubjektu, pointing back to the
-- header by a column whose name is not public).
CREATE OR ALTER VIEW pkl_erp_order_line AS
SELECT CAST(p.cislo_subjektu AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS order_id, -- [PLACEHOLDER] header link column
       CAST(p.cislo_nonsubjektu AS INT)            AS line_no,       -- [inferred] line key of *_polozka tables;
                                                                      -- [PLACEHOLDER] a per-order position fits better
       CAST(p.kmenova_karta AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS product_id, -- [PLACEHOLDER]
       CAST(p.mnozstvi AS DECIMAL(19,4))           AS quantity,      -- [PLACEHOLDER]
       CAST(p.castka_bez_dph AS DECIMAL(19,4))     AS gross_amount,  -- [PLACEHOLDER]
       CAST(p.castka_bez_dph AS DECIMAL(19,4))     AS net_amount     -- [PLACEHOLDER]
FROM lcs.objednavka_prijata_polozka p;                                -- [PLACEHOLDER] table
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: greeting data of contact persons (lcs.kontaktni_osoby),
-- read by the mailer's {{greeting}} keyword (docs/mailer.md). salutation = a complete greeting the ERP keeps; else
-- the vocative of first and last name and the gender (F/M) from which the mailer builds "Vážená paní Nováková"; a
-- row of NULLs (or no row) gives the neutral greeting, never a wrong one.
CREATE OR ALTER VIEW pkl_erp_contact_greeting AS
SELECT CAST(k.cislo_subjektu AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS contact_id, -- [confirmed] as pkl_erp_contact
       CAST(NULL AS NVARCHAR(200)) COLLATE DATABASE_DEFAULT AS salutation,          -- [PLACEHOLDER] not public
       CAST(NULL AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS vocative_first_name, -- [PLACEHOLDER] not public
       CAST(NULL AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS vocative_last_name,  -- [PLACEHOLDER] not public
       CAST(NULL AS NVARCHAR(1)) COLLATE DATABASE_DEFAULT AS gender                 -- [PLACEHOLDER] 'F'/'M'; not public
FROM lcs.kontaktni_osoby k;
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: the sends of HeG's own bulk e-mail module, one row per
-- recipient of a mailing (schema 8.1; read incrementally by changed_at, per campaign, by 'proklik import').
-- ENTIRELY PLACEHOLDERS: the tables of Green's bulk e-mail module are not public (HELIOS.md). Map each column to the
-- module's recipient/sending log; campaign_id must be the Proklik campaign id the mailing was registered under
-- ('proklik campaigns add ID --sent-at ...'), recipient_id the same contact id the tracking links carry
-- (cislo_subjektu of lcs.kontaktni_osoby). status must come out as sent, failed, bounced or queued (not sent yet).
-- Until it is mapped, keep "FROM pkl_standin_send" (empty) so the rest works, and use 'proklik sends import'.
CREATE OR ALTER VIEW pkl_erp_send AS
SELECT CAST(m.cislo_kampane AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS campaign_id, -- [PLACEHOLDER] mailing id
       CAST(m.cislo_subjektu_osoby AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS recipient_id, -- [PLACEHOLDER] contact
       CAST(m.e_mail AS NVARCHAR(320)) COLLATE DATABASE_DEFAULT AS email, -- [PLACEHOLDER] address sent to
       CAST(m.datum_odeslani AS DATETIME2(3)) AS sent_at, -- [PLACEHOLDER] when sent (UTC: convert if local time)
       CAST(CASE m.stav WHEN 1 THEN N'sent' WHEN 2 THEN N'failed' WHEN 3 THEN N'bounced' ELSE N'queued' END
            AS NVARCHAR(16)) COLLATE DATABASE_DEFAULT AS status, -- [PLACEHOLDER] the module's state codes
       CAST(m.chyba AS NVARCHAR(1000)) COLLATE DATABASE_DEFAULT AS error_text, -- [PLACEHOLDER] error message
       CAST(m.datum_zmeny AS DATETIME2(3)) AS changed_at -- [PLACEHOLDER] last change of the row (UTC), indexed
FROM lcs.hromadny_email_prijemce m; -- [PLACEHOLDER] table
GO

-- Plug-in: Proklik (click statistics). ERP adapter views of the triggers (schema 19.0, docs/triggers.md). Birthdays and
-- orders come from pkl_erp_contact and pkl_erp_order above; these four give registrations, carts, pre-orders, stock.
-- Green's e-shop, order and stock tables are not public (HELIOS.md): every column is a placeholder.

-- Plug-in: Proklik (click statistics). ERP adapter view: web shop registrations (trigger no_purchase).
CREATE OR ALTER VIEW pkl_erp_registration AS
SELECT CAST(k.cislo_subjektu AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS contact_id, -- [confirmed] cislo_subjektu
       CAST(u.datum_registrace AS DATETIME2(3)) AS registered_at, -- [PLACEHOLDER] a UDA with the registration time (UTC)
       CAST(NULL AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS shop_code -- [PLACEHOLDER] the shop registered in
FROM lcs.kontaktni_osoby k
JOIN lcs.uda_kontaktni_osoby u ON u.cislo_subjektu = k.cislo_subjektu; -- [PLACEHOLDER] the UDA table of the class
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: web shop carts (trigger abandoned_cart). Carts live in the
-- web shop: have its connector write them into pkl_standin_cart (the view's shape), or point the view at its table.
CREATE OR ALTER VIEW pkl_erp_cart AS
SELECT CAST(k.cart_id AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS cart_id, -- [PLACEHOLDER] the shop's cart id
       CAST(k.contact_id AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS contact_id, -- [PLACEHOLDER] = cislo_subjektu
       CAST(k.shop_code AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS shop_code, -- [PLACEHOLDER]
       CAST(k.changed_at AS DATETIME2(3)) AS changed_at, -- [PLACEHOLDER] last change of the cart (UTC)
       CAST(k.item_count AS INT) AS item_count, -- [PLACEHOLDER]
       CAST(k.order_id AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS order_id -- [PLACEHOLDER] pkl_erp_order.order_id
FROM pkl_standin_cart k; -- [PLACEHOLDER] table: the carts the shop's connector hands over
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: the items of a web shop cart (schema 19.1; the abandoned-cart
-- mail's products). Like the carts, they live in the web shop: its connector writes them into pkl_standin_cart_item,
-- or the view points at the shop's table. unit_price NULL = the product's price (pkl_erp_product.price).
CREATE OR ALTER VIEW pkl_erp_cart_item AS
SELECT CAST(i.cart_id AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS cart_id, -- [PLACEHOLDER] = pkl_erp_cart.cart_id
       CAST(i.line_no AS INT) AS line_no, -- [PLACEHOLDER] the item's order in the cart
       CAST(i.product_id AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS product_id, -- [PLACEHOLDER] = pkl_erp_product.product_id
       CAST(i.quantity AS DECIMAL(19,4)) AS quantity, -- [PLACEHOLDER]
       CAST(i.unit_price AS DECIMAL(19,4)) AS unit_price -- [PLACEHOLDER] the cart's price of one unit (NULL: the product's)
FROM pkl_standin_cart_item i; -- [PLACEHOLDER] table: the cart items the shop's connector hands over
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: pre-orders (trigger back_in_stock).
CREATE OR ALTER VIEW pkl_erp_preorder AS
SELECT CAST(p.cislo_nonsubjektu AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS preorder_id, -- [PLACEHOLDER] order line
       CAST(p.cislo_osoby AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS contact_id, -- [PLACEHOLDER] contact person
       CAST(p.cislo_zbozi AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS product_id, -- [PLACEHOLDER] kmenova_karta_skladu
       CAST(p.datum AS DATETIME2(3)) AS preordered_at, -- [PLACEHOLDER] (UTC)
       CAST(p.otevreno AS BIT) AS is_open -- [PLACEHOLDER] 1 while the customer waits for the goods
FROM lcs.objednavka_prijata_polozka p; -- [PLACEHOLDER] table of received-order lines marked as pre-orders
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: the quantity of each product available now.
CREATE OR ALTER VIEW pkl_erp_stock AS
SELECT CAST(s.cislo_subjektu AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS product_id, -- [confirmed] kmenova_karta_skladu
       CAST(s.mnozstvi_dostupne AS DECIMAL(19,4)) AS available_qty -- [PLACEHOLDER] available quantity over the stores
FROM lcs.kmenova_karta_skladu s;
GO

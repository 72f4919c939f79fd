-- Proklik (click statistics) - ERP adapter views for Helios Orange / iNuvio (schema dbo).
--
-- NOT applied by the migrations. Install AFTER Proklik's migrations have run (they create these views over the
-- empty stand-in tables pkl_standin_*), connected as the same user, so that the views land in the same schema:
--     sqlcmd -S <server> -d <helios database> -U <Proklik login> -I -i adapter-views.sql   (-I: QUOTED_IDENTIFIER ON)
-- Re-runnable (CREATE OR ALTER). Nothing here changes an Orange table; the views only read.
--
-- Sources: /work/shared/HELIOS.md. Every column says where it comes from:
--   [confirmed]   table and column named in public Orange SQL/documentation;
--   [inferred]    a reading of Orange naming patterns - check it on the customer's database;
--   [placeholder] no public source - the value is NULL/0 or a guess; map it to the customer's data or leave it.
-- Ids are cast to NVARCHAR(64) because recipient ids in tracking links are text; the mailer must put the same
-- id into links (TabCisKOs.ID for contacts). Amounts: DECIMAL(19,4); check the VAT basis noted below.
-- Collations (docs/schema.md): ids COLLATE Latin1_General_100_BIN2, as Proklik's own id columns on SQL Server, so
-- they join without a collation conflict and compare case-sensitively; every other text column COLLATE
-- DATABASE_DEFAULT, because a CAST keeps the source column's collation and a Helios column may differ from the
-- database's. Keep both when you map a placeholder. Run with sqlcmd -I (QUOTED_IDENTIFIER ON).

-- Plug-in: Proklik (click statistics). ERP adapter view: organisations from TabCisOrg.
CREATE OR ALTER VIEW pkl_erp_organisation AS
SELECT CAST(o.CisloOrg AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS organisation_id, -- [confirmed] CisloOrg: what other tables link to
       CAST(o.Nazev AS NVARCHAR(200)) COLLATE DATABASE_DEFAULT AS name, -- [confirmed] Nazev
       CAST(o.IdZeme AS NVARCHAR(2)) COLLATE DATABASE_DEFAULT AS country_code, -- [confirmed] IdZeme (ISO country)
       CAST(NULL AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS region, -- [placeholder] no region column is public
       CAST(CASE o.Stav WHEN 0 THEN N'active' WHEN 1 THEN N'blocked' WHEN 2 THEN N'disabled'
                        WHEN 3 THEN N'potential' END AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS category -- [confirmed] Stav codes;
                                                              -- [placeholder] a customer category may fit better
FROM dbo.TabCisOrg o;
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: contact persons from TabCisKOs, their organisation
-- via TabVztahOrgKOs and their e-mail from TabKontakty (Druh 10 = address for mass e-mail first, then Druh 6).
CREATE OR ALTER VIEW pkl_erp_contact AS
SELECT CAST(k.ID AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS contact_id, -- [confirmed] TabCisKOs.ID
       CAST(mail.Spojeni AS NVARCHAR(320)) COLLATE DATABASE_DEFAULT AS email, -- [confirmed] TabKontakty.Spojeni, Druh 10/6
       CAST(k.Jmeno AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS first_name, -- [confirmed] Jmeno
       CAST(k.Prijmeni AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS last_name, -- [confirmed] Prijmeni
       CAST(NULL AS NVARCHAR(8)) COLLATE DATABASE_DEFAULT AS language_code, -- [placeholder] not public
       CAST(NULL AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS region, -- [placeholder] not public
       CAST(o.IdZeme AS NVARCHAR(2)) COLLATE DATABASE_DEFAULT AS country_code, -- [confirmed] of the person's organisation
       CAST(o.CisloOrg AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS organisation_id, -- [confirmed] TabVztahOrgKOs.IDOrg -> TabCisOrg.ID
       CAST(COALESCE(o.EmailSouhlas, 0) AS BIT) AS email_consent, -- [confirmed] TabCisOrg.EmailSouhlas is the
                                                                 -- ORGANISATION's consent; [placeholder] a person-level
                                                                 -- consent, if the customer keeps one, belongs here
       CAST(NULL AS DATE)                   AS birthday          -- [placeholder] not public
FROM dbo.TabCisKOs k
OUTER APPLY (SELECT TOP 1 v.IDOrg                                -- [confirmed] IDOrg, IDCisKOs
             FROM dbo.TabVztahOrgKOs v
             WHERE v.IDCisKOs = k.ID
             ORDER BY v.IDOrg) rel                               -- [placeholder] which organisation wins if several
LEFT JOIN dbo.TabCisOrg o ON o.ID = rel.IDOrg
OUTER APPLY (SELECT TOP 1 t.Spojeni
             FROM dbo.TabKontakty t
             WHERE t.IDCisKOs = k.ID AND t.Druh IN (10, 6)         -- [confirmed] 10 mass e-mail, 6 e-mail
             ORDER BY CASE t.Druh WHEN 10 THEN 0 ELSE 1 END,
                      t.Prednastaveno DESC) mail;                 -- [confirmed] Prednastaveno = default contact
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: products from TabKmenZbozi with a price from TabNC.
CREATE OR ALTER VIEW pkl_erp_product AS
SELECT CAST(z.ID AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS product_id, -- [confirmed] TabKmenZbozi.ID
       CAST(z.RegCis AS NVARCHAR(64)) COLLATE DATABASE_DEFAULT AS sku, -- [confirmed] RegCis (registration number)
       CAST(z.Nazev1 AS NVARCHAR(200)) COLLATE DATABASE_DEFAULT AS name, -- [confirmed] Nazev1
       CAST(z.SkupZbo AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS product_group, -- [confirmed] SkupZbo
       CAST(nc.CenaKC AS DECIMAL(19,4))  AS price,           -- [confirmed] TabNC.CenaKC (CZK)
       CAST(NULL AS NVARCHAR(2048)) COLLATE DATABASE_DEFAULT AS image_url -- [placeholder] not public (e-shop connector data)
FROM dbo.TabKmenZbozi z
LEFT JOIN dbo.TabNC nc ON nc.IDKmenZbozi = z.ID
                      AND nc.CenovaUroven = 1;                -- [placeholder] the customer's retail price level
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: received orders (TabDosleObjH02, type 02 as read by
-- Asseco's e-shop connector) and returns = issued credit notes (TabDokladyZbozi, DruhPohybuZbo = 14, negative).
-- order_id is prefixed ("O" order, "D" document) because the two tables number their IDs independently.
CREATE OR ALTER VIEW pkl_erp_order AS
SELECT CAST(N'O' + CAST(h.ID AS NVARCHAR(20)) AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS order_id, -- [confirmed] TabDosleObjH02.ID
       CAST(h.IDKontaktOsoba AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS contact_id, -- [confirmed] column; [inferred] = TabCisKOs.ID
       CAST(h.CisloOrg AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS organisation_id, -- [confirmed] CisloOrg
       CAST(h.DatumPripadu AS DATETIME2(3))      AS ordered_at,       -- [confirmed] DatumPripadu; [placeholder]
                                                                      -- Helios keeps local time, Proklik compares UTC
       CAST(h.Mena AS NVARCHAR(3)) COLLATE DATABASE_DEFAULT AS currency, -- [confirmed] Mena
       CAST(h.SumaValPoZao AS DECIMAL(19,4))     AS gross_amount,     -- [confirmed] SumaValPoZao; [placeholder] VAT
                                                                      -- basis and discount not public: gross = net
       CAST(0 AS DECIMAL(19,4))                  AS discount_amount,  -- [placeholder]
       CAST(h.SumaValPoZao AS DECIMAL(19,4))     AS net_amount,       -- [confirmed] as gross_amount
       CAST(0 AS BIT)                            AS is_return,
       CAST(NULL AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS return_of_order_id,
       CAST(NULL AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS shop_code -- [placeholder] web shop (schema 14.0):
                                                                      -- e.g. the order's series (RadaDokladu) or a UDA
FROM dbo.TabDosleObjH02 h
UNION ALL
SELECT CAST(N'D' + CAST(d.ID AS NVARCHAR(20)) AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2, -- [confirmed] TabDokladyZbozi.ID
       CAST(d.KontaktOsoba AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2, -- [confirmed] column; [inferred] = TabCisKOs.ID
       CAST(d.CisloOrg AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2, -- [confirmed] CisloOrg
       CAST(d.DatPorizeni AS DATETIME2(3)),                           -- [confirmed] DatPorizeni
       CAST(N'CZK' AS NVARCHAR(3)) COLLATE DATABASE_DEFAULT,          -- [confirmed] SumaKc* are in CZK
       CAST(-d.SumaKcBezDPH AS DECIMAL(19,4)),                        -- [confirmed] without VAT
       CAST(0 AS DECIMAL(19,4)),                                      -- [placeholder]
       CAST(-d.SumaKcBezDPH AS DECIMAL(19,4)),                        -- [confirmed]
       CAST(1 AS BIT),
       CAST(NULL AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2,    -- [placeholder] link to the original order
       CAST(NULL AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2     -- a return is no purchase in a shop
FROM dbo.TabDokladyZbozi d
WHERE d.DruhPohybuZbo = 14;                                           -- [confirmed] 14 = issued credit note
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: order lines (TabDosleObjR02) and credit-note lines
-- (TabPohybyZbozi); the product is reached through the stock card TabStavSkladu.
CREATE OR ALTER VIEW pkl_erp_order_line AS
SELECT CAST(N'O' + CAST(r.IDHlava AS NVARCHAR(20)) AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS order_id, -- [confirmed] IDHlava
       CAST(ROW_NUMBER() OVER (PARTITION BY r.IDHlava ORDER BY r.ID) AS INT) AS line_no, -- [inferred] r.ID
       CAST(s.IDKmenZbozi AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS product_id, -- [confirmed] IDZboSklad -> TabStavSkladu.IDKmenZbozi
       CAST(r.Mnozstvi AS DECIMAL(19,4))    AS quantity,      -- [confirmed] Mnozstvi
       CAST(r.CCsDPHVal AS DECIMAL(19,4))   AS gross_amount,  -- [confirmed] CCsDPHVal (WITH VAT, order currency);
       CAST(r.CCsDPHVal AS DECIMAL(19,4))   AS net_amount     -- [placeholder] a without-VAT/after-discount column
FROM dbo.TabDosleObjR02 r
LEFT JOIN dbo.TabStavSkladu s ON s.ID = r.IDZboSklad
UNION ALL
SELECT CAST(N'D' + CAST(p.IDDoklad AS NVARCHAR(20)) AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2, -- [confirmed] IDDoklad
       CAST(ROW_NUMBER() OVER (PARTITION BY p.IDDoklad ORDER BY p.ID) AS INT), -- [inferred] p.ID
       CAST(s.IDKmenZbozi AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2, -- [confirmed] IDZboSklad -> TabStavSkladu
       CAST(-p.Mnozstvi AS DECIMAL(19,4)),                               -- [confirmed] Mnozstvi
       CAST(-p.CCbezDaniKc AS DECIMAL(19,4)),                            -- [confirmed] without VAT, CZK
       CAST(-p.CCbezDaniKc AS DECIMAL(19,4))                             -- [confirmed]
FROM dbo.TabPohybyZbozi p
JOIN dbo.TabDokladyZbozi d ON d.ID = p.IDDoklad AND d.DruhPohybuZbo = 14
LEFT JOIN dbo.TabStavSkladu s ON s.ID = p.IDZboSklad;
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: greeting data of contact persons (TabCisKOs), read by the
-- mailer's {{greeting}} keyword (docs/mailer.md). salutation = a complete greeting the ERP keeps; else the vocative
-- of first and last name and the gender (F/M) from which the mailer builds "Vážená paní Nováková"; a row of NULLs
-- (or no row) gives the neutral greeting, never a wrong one. TabCisKOs has TitulPred/TitulZa, Jmeno and Prijmeni
-- [confirmed], but no public column holds a vocative, a gender or a ready salutation.
CREATE OR ALTER VIEW pkl_erp_contact_greeting AS
SELECT CAST(k.ID AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS contact_id, -- [confirmed] TabCisKOs.ID, as pkl_erp_contact
       CAST(NULL AS NVARCHAR(200)) COLLATE DATABASE_DEFAULT AS salutation,          -- [placeholder] e.g. a UDA "Oslovení" in TabCisKOs_EXT
       CAST(NULL AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS vocative_first_name, -- [placeholder] not public
       CAST(NULL AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS vocative_last_name,  -- [placeholder] not public
       CAST(NULL AS NVARCHAR(1)) COLLATE DATABASE_DEFAULT AS gender                 -- [placeholder] 'F'/'M'; not public
FROM dbo.TabCisKOs k;
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: the sends of the ERP's own bulk e-mail (mass e-mail to the
-- contacts of Druh 10 / 17 in TabKontakty), one row per recipient of a mailing (schema 8.1; read incrementally by
-- changed_at, per campaign, by 'proklik import').
-- ENTIRELY PLACEHOLDERS: Orange's tables of sent mass e-mail are not in the public sources (HELIOS.md). Map each
-- column to the sending log; campaign_id must be the Proklik campaign id the mailing was registered under
-- ('proklik campaigns add ID --sent-at ...'), recipient_id the contact id the tracking links carry (TabCisKOs.ID, as
-- in pkl_erp_contact). status must come out as sent, failed, bounced or queued (not sent yet).
-- Until it is mapped, keep "FROM pkl_standin_send" (empty) so the rest works, and use 'proklik sends import'.
CREATE OR ALTER VIEW pkl_erp_send AS
SELECT CAST(m.IDKampane AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS campaign_id, -- [placeholder] mailing id
       CAST(m.IDCisKOs AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS recipient_id, -- [placeholder] TabCisKOs.ID
       CAST(m.Email AS NVARCHAR(320)) COLLATE DATABASE_DEFAULT AS email, -- [placeholder] address sent to
       CAST(m.DatOdeslani AS DATETIME2(3)) AS sent_at, -- [placeholder] when sent (UTC: convert if local time)
       CAST(CASE m.Stav WHEN 1 THEN N'sent' WHEN 2 THEN N'failed' WHEN 3 THEN N'bounced' ELSE N'queued' END
            AS NVARCHAR(16)) COLLATE DATABASE_DEFAULT AS status, -- [placeholder] the log's state codes
       CAST(m.Chyba AS NVARCHAR(1000)) COLLATE DATABASE_DEFAULT AS error_text, -- [placeholder] error message
       CAST(m.DatZmeny AS DATETIME2(3)) AS changed_at -- [placeholder] last change of the row (UTC), indexed
FROM dbo.TabHromadnyEmailOdeslany m; -- [placeholder] table: the mass e-mail log (name not public)
GO

-- Plug-in: Proklik (click statistics). ERP adapter views of the triggers (schema 19.0, docs/triggers.md). Birthdays and
-- orders come from pkl_erp_contact and pkl_erp_order above; these four give registrations, carts, pre-orders, stock.

-- Plug-in: Proklik (click statistics). ERP adapter view: web shop registrations (trigger no_purchase): the contact
-- person the shop's connector created, and when.
CREATE OR ALTER VIEW pkl_erp_registration AS
SELECT CAST(k.ID AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS contact_id, -- [confirmed] TabCisKOs.ID
       CAST(k.DatPorizeni AS DATETIME2(3)) AS registered_at, -- [inferred] DatPorizeni (created), as on TabCisOrg;
                                                             -- [placeholder] Helios keeps local time, Proklik compares UTC
       CAST(NULL AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS shop_code -- [placeholder] the shop registered in
FROM dbo.TabCisKOs k
WHERE k.DatPorizeni IS NOT NULL; -- [placeholder] only the persons the web shop registered (e.g. by a UDA or the author),
                                 -- or every contact person added in the window counts as a registration
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: web shop carts (trigger abandoned_cart).
-- ENTIRELY PLACEHOLDERS: carts live in the web shop, not in Orange (HELIOS.md names no cart table). Either have the
-- shop's connector write them into pkl_standin_cart (as below, the view's shape), or point the view at the shop's
-- table. order_id: the order the cart became (NULL = not ordered); changed_at in UTC.
CREATE OR ALTER VIEW pkl_erp_cart AS
SELECT CAST(k.cart_id AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS cart_id, -- [placeholder] the shop's cart id
       CAST(k.contact_id AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS contact_id, -- [placeholder] = TabCisKOs.ID
       CAST(k.shop_code AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS shop_code, -- [placeholder]
       CAST(k.changed_at AS DATETIME2(3)) AS changed_at, -- [placeholder] last change of the cart (UTC)
       CAST(k.item_count AS INT) AS item_count, -- [placeholder]
       CAST(k.order_id AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS order_id -- [placeholder] pkl_erp_order.order_id
FROM pkl_standin_cart k; -- [placeholder] table: the carts the shop's connector hands over
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: the items of a web shop cart (schema 19.1; the abandoned-cart
-- mail's products). Like the carts, they live in the web shop: its connector writes them into pkl_standin_cart_item,
-- or the view points at the shop's table. unit_price NULL = the product's price (pkl_erp_product.price).
CREATE OR ALTER VIEW pkl_erp_cart_item AS
SELECT CAST(i.cart_id AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS cart_id, -- [placeholder] = pkl_erp_cart.cart_id
       CAST(i.line_no AS INT) AS line_no, -- [placeholder] the item's order in the cart
       CAST(i.product_id AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS product_id, -- [placeholder] = pkl_erp_product.product_id
       CAST(i.quantity AS DECIMAL(19,4)) AS quantity, -- [placeholder]
       CAST(i.unit_price AS DECIMAL(19,4)) AS unit_price -- [placeholder] the cart's price of one unit (NULL: the product's)
FROM pkl_standin_cart_item i; -- [placeholder] table: the cart items the shop's connector hands over
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: pre-orders (trigger back_in_stock): received-order lines
-- (TabDosleObjR02) of goods that could not be delivered yet; the product through the stock card, as in
-- pkl_erp_order_line.
CREATE OR ALTER VIEW pkl_erp_preorder AS
SELECT CAST(N'R' + CAST(r.ID AS NVARCHAR(20)) AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS preorder_id, -- [inferred] TabDosleObjR02.ID
       CAST(h.IDKontaktOsoba AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS contact_id, -- [confirmed] column; [inferred] = TabCisKOs.ID
       CAST(s.IDKmenZbozi AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS product_id, -- [confirmed] TabStavSkladu.IDKmenZbozi
       CAST(h.DatumPripadu AS DATETIME2(3)) AS preordered_at, -- [confirmed] DatumPripadu (local time)
       CAST(1 AS BIT) AS is_open -- [placeholder] 1 while the line waits for the goods (e.g. quantity not yet delivered)
FROM dbo.TabDosleObjR02 r
JOIN dbo.TabDosleObjH02 h ON h.ID = r.IDHlava                        -- [confirmed] IDHlava
JOIN dbo.TabStavSkladu s ON s.ID = r.IDZboSklad                      -- [confirmed] IDZboSklad -> TabStavSkladu.ID
WHERE 1 = 0; -- [placeholder] the customer's mark of a pre-order (a series, a state, a UDA); none until mapped
GO

-- Plug-in: Proklik (click statistics). ERP adapter view: the quantity of each product available now, over all
-- stock cards (TabStavSkladu).
CREATE OR ALTER VIEW pkl_erp_stock AS
SELECT CAST(s.IDKmenZbozi AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS product_id, -- [confirmed] IDKmenZbozi
       CAST(SUM(s.Mnozstvi) AS DECIMAL(19,4)) AS available_qty -- [placeholder] Mnozstvi: the available quantity
                                                              -- (net of reservations) is not public
FROM dbo.TabStavSkladu s
GROUP BY s.IDKmenZbozi;
GO

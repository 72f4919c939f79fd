-- Proklik: demo data for the stand-in "ERP" of the embedded default. Applied ONLY from the location
-- db/proklik/standin (SchemaMigrator adds it for H2, never by default on SQL Server), so it can never reach a
-- real Helios database. Repeatable: when this file changes Flyway runs it again, and it starts by emptying the
-- stand-in tables, so anything typed into them by hand is lost then. Amounts without VAT, CZK/EUR.

DELETE FROM pkl_standin_order_line;
DELETE FROM pkl_standin_order;
DELETE FROM pkl_standin_product;
DELETE FROM pkl_standin_contact;
DELETE FROM pkl_standin_organisation;

INSERT INTO pkl_standin_organisation (organisation_id, name, country_code, region, category) VALUES
    ('ORG-1', N'Strojírny Vysočina s.r.o.', 'CZ', N'Vysočina', N'wholesale'),
    ('ORG-2', N'Kaviareň u Dunaja', 'SK', N'Bratislavský kraj', N'retail'),
    ('ORG-3', N'Pekárna Novák', 'CZ', N'Praha', N'retail');

INSERT INTO pkl_standin_contact (contact_id, email, first_name, last_name, language_code, region, country_code,
                                 organisation_id, email_consent, birthday) VALUES
    ('R1001', 'jana.novakova@example.com', N'Jana', N'Nováková', 'cs', N'Praha', 'CZ', 'ORG-3', 1, '1985-03-14'),
    ('R1002', 'petr.svoboda@example.com', N'Petr', N'Svoboda', 'cs', N'Vysočina', 'CZ', 'ORG-1', 1, '1979-11-02'),
    ('R1003', 'martina.horvathova@example.sk', N'Martina', N'Horváthová', 'sk', N'Bratislavský kraj', 'SK', 'ORG-2', 1, NULL),
    ('R1004', 'tomas.dvorak@example.com', N'Tomáš', N'Dvořák', 'cs', N'Praha', 'CZ', NULL, 0, '1990-07-21'),
    ('R1005', 'anna.kowalska@example.pl', N'Anna', N'Kowalska', 'pl', N'Mazowieckie', 'PL', NULL, 1, NULL);

INSERT INTO pkl_standin_product (product_id, sku, name, product_group, price, image_url) VALUES
    ('P1', 'SKU-COFFEE-1KG', N'Káva zrnková 1 kg', N'coffee', 459.0000, 'https://shop.example.com/img/coffee-1kg.jpg'),
    ('P2', 'SKU-MUG-WHITE', N'Hrnek bílý', N'accessories', 149.0000, 'https://shop.example.com/img/mug-white.jpg'),
    ('P3', 'SKU-GRINDER', N'Mlýnek na kávu', N'machines', 1890.0000, 'https://shop.example.com/img/grinder.jpg');

INSERT INTO pkl_standin_order (order_id, contact_id, organisation_id, ordered_at, currency, gross_amount,
                               discount_amount, net_amount, is_return, return_of_order_id) VALUES
    ('O-5001', 'R1001', 'ORG-3', '2026-11-20 10:15:00.000', 'CZK', 1067.0000, 100.0000, 967.0000, 0, NULL),
    ('O-5002', 'R1002', 'ORG-1', '2026-11-21 08:02:30.000', 'CZK', 1890.0000, 0.0000, 1890.0000, 0, NULL),
    ('O-5003', 'R1003', 'ORG-2', '2026-11-22 17:45:10.000', 'EUR', 18.0000, 0.0000, 18.0000, 0, NULL),
    ('O-5004', 'R1001', 'ORG-3', '2026-11-24 09:00:00.000', 'CZK', -149.0000, 0.0000, -149.0000, 1, 'O-5001');

INSERT INTO pkl_standin_order_line (order_id, line_no, product_id, quantity, gross_amount, net_amount) VALUES
    ('O-5001', 1, 'P1', 2.0000, 918.0000, 826.0000),
    ('O-5001', 2, 'P2', 1.0000, 149.0000, 141.0000),
    ('O-5002', 1, 'P3', 1.0000, 1890.0000, 1890.0000),
    ('O-5003', 1, 'P2', 3.0000, 18.0000, 18.0000),
    ('O-5004', 1, 'P2', -1.0000, -149.0000, -149.0000);

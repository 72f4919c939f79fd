-- Proklik, schema version 2.8, SQL Server variant (H2 twin: vendor/h2/V2_8__pkl_ids_binary_collation_and_indexes.sql,
-- a no-op). Engine-specific by design (ScriptGuard.ENGINE_SPECIFIC; docs/schema.md, "Ids and collation").
--
-- 1. Ids compare as H2 compares them: case-sensitively. Under the ERP database's collation (Czech_CI_AS on a Czech
--    Helios) 'abc' and 'ABC' would be one recipient: one send row overwriting the other, two people folded into one
--    aggregate row, erasing one erasing both. Every id column (campaign, recipient, link, variant, and the ERP keys
--    of the stand-in tables) gets the binary collation Latin1_General_100_BIN2, the one the Helios adapter scripts
--    give the ids of the pkl_erp_* views, so joins between them do not meet a collation conflict (Msg 468).
--    Binary also sorts ids by code point, as Java sorts the same strings.
--    A collation can be changed only on a column no key, index or foreign key uses, so each table's keys are
--    dropped and re-created around it (no SQL Server database got past 1.2 before this release: the tables are new
--    and small when this runs). Automatically created statistics are dropped by ALTER COLUMN itself.
-- 2. The indexes the fold and the burst rule need on SQL Server (review #15, #18), with INCLUDE columns H2 lacks.

-- Plug-in: Proklik (click statistics). The foreign keys to pkl_campaign go first: its key is re-created.
ALTER TABLE pkl_campaign_link DROP CONSTRAINT fk_pkl_campaign_link_campaign;
ALTER TABLE pkl_campaign_variant DROP CONSTRAINT fk_pkl_campaign_variant_campaign;
ALTER TABLE pkl_send DROP CONSTRAINT fk_pkl_send_campaign;

-- Plug-in: Proklik (click statistics). pkl_campaign: ids in binary collation.
ALTER TABLE pkl_campaign DROP CONSTRAINT pk_pkl_campaign;
ALTER TABLE pkl_campaign ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_campaign ADD CONSTRAINT pk_pkl_campaign PRIMARY KEY (campaign_id);

-- Plug-in: Proklik (click statistics). pkl_campaign_link: ids in binary collation.
ALTER TABLE pkl_campaign_link DROP CONSTRAINT pk_pkl_campaign_link;
ALTER TABLE pkl_campaign_link ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_campaign_link ALTER COLUMN link_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_campaign_link ADD CONSTRAINT pk_pkl_campaign_link PRIMARY KEY (campaign_id, link_id);

-- Plug-in: Proklik (click statistics). pkl_campaign_variant: ids in binary collation.
ALTER TABLE pkl_campaign_variant DROP CONSTRAINT pk_pkl_campaign_variant;
ALTER TABLE pkl_campaign_variant ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_campaign_variant ALTER COLUMN variant NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_campaign_variant ADD CONSTRAINT pk_pkl_campaign_variant PRIMARY KEY (campaign_id, variant);

-- Plug-in: Proklik (click statistics). pkl_send: ids in binary collation.
ALTER TABLE pkl_send DROP CONSTRAINT uq_pkl_send_recipient;
ALTER TABLE pkl_send ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_send ALTER COLUMN recipient_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_send ALTER COLUMN variant NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE pkl_send ADD CONSTRAINT uq_pkl_send_recipient UNIQUE (campaign_id, recipient_id);

-- Plug-in: Proklik (click statistics). pkl_unsubscribe: ids in binary collation.
ALTER TABLE pkl_unsubscribe DROP CONSTRAINT pk_pkl_unsubscribe;
ALTER TABLE pkl_unsubscribe ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_unsubscribe ALTER COLUMN recipient_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_unsubscribe ADD CONSTRAINT pk_pkl_unsubscribe PRIMARY KEY (campaign_id, recipient_id);

-- Plug-in: Proklik (click statistics). pkl_event: ids in binary collation.
DROP INDEX ix_pkl_event_campaign_type_time ON pkl_event;
DROP INDEX ix_pkl_event_campaign_recipient ON pkl_event;
ALTER TABLE pkl_event ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE pkl_event ALTER COLUMN recipient_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE pkl_event ALTER COLUMN link_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE pkl_event ALTER COLUMN variant NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NULL;
CREATE INDEX ix_pkl_event_campaign_type_time ON pkl_event (campaign_id, event_type, event_time);

-- Plug-in: Proklik (click statistics). pkl_agg_recipient: ids in binary collation.
DROP INDEX ix_pkl_agg_recipient_top ON pkl_agg_recipient;
ALTER TABLE pkl_agg_recipient DROP CONSTRAINT pk_pkl_agg_recipient;
ALTER TABLE pkl_agg_recipient ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_recipient ALTER COLUMN recipient_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_recipient ALTER COLUMN variant NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE pkl_agg_recipient ADD CONSTRAINT pk_pkl_agg_recipient PRIMARY KEY (campaign_id, recipient_id);
CREATE INDEX ix_pkl_agg_recipient_top ON pkl_agg_recipient (campaign_id, clicks_clean DESC, clicks_raw DESC, opens_clean DESC, recipient_id);

-- Plug-in: Proklik (click statistics). pkl_agg_recipient_link: ids in binary collation.
ALTER TABLE pkl_agg_recipient_link DROP CONSTRAINT pk_pkl_agg_recipient_link;
ALTER TABLE pkl_agg_recipient_link ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_recipient_link ALTER COLUMN recipient_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_recipient_link ALTER COLUMN link_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_recipient_link ADD CONSTRAINT pk_pkl_agg_recipient_link PRIMARY KEY (campaign_id, recipient_id, link_id);

-- Plug-in: Proklik (click statistics). pkl_agg_campaign: ids in binary collation.
ALTER TABLE pkl_agg_campaign DROP CONSTRAINT pk_pkl_agg_campaign;
ALTER TABLE pkl_agg_campaign ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_campaign ALTER COLUMN variant NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_campaign ADD CONSTRAINT pk_pkl_agg_campaign PRIMARY KEY (campaign_id, variant);

-- Plug-in: Proklik (click statistics). pkl_agg_link: ids in binary collation.
ALTER TABLE pkl_agg_link DROP CONSTRAINT pk_pkl_agg_link;
ALTER TABLE pkl_agg_link ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_link ALTER COLUMN link_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_link ADD CONSTRAINT pk_pkl_agg_link PRIMARY KEY (campaign_id, link_id);

-- Plug-in: Proklik (click statistics). pkl_agg_hour: ids in binary collation.
ALTER TABLE pkl_agg_hour DROP CONSTRAINT pk_pkl_agg_hour;
ALTER TABLE pkl_agg_hour ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_hour ADD CONSTRAINT pk_pkl_agg_hour PRIMARY KEY (campaign_id, hour_start);

-- Plug-in: Proklik (click statistics). pkl_agg_send_hour: ids in binary collation.
ALTER TABLE pkl_agg_send_hour DROP CONSTRAINT pk_pkl_agg_send_hour;
ALTER TABLE pkl_agg_send_hour ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_send_hour ADD CONSTRAINT pk_pkl_agg_send_hour PRIMARY KEY (campaign_id, hour_no);

-- Plug-in: Proklik (click statistics). pkl_agg_click: ids in binary collation.
ALTER TABLE pkl_agg_click DROP CONSTRAINT pk_pkl_agg_click;
ALTER TABLE pkl_agg_click ALTER COLUMN recipient_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_click ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_click ALTER COLUMN link_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_click ADD CONSTRAINT pk_pkl_agg_click PRIMARY KEY (recipient_id, clicked_at, event_id);

-- Plug-in: Proklik (click statistics). pkl_agg_send: ids in binary collation.
ALTER TABLE pkl_agg_send DROP CONSTRAINT pk_pkl_agg_send;
ALTER TABLE pkl_agg_send ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_send ALTER COLUMN variant NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_send ADD CONSTRAINT pk_pkl_agg_send PRIMARY KEY (campaign_id, variant);

-- Plug-in: Proklik (click statistics). pkl_agg_link_segment: ids in binary collation.
ALTER TABLE pkl_agg_link_segment DROP CONSTRAINT pk_pkl_agg_link_segment;
ALTER TABLE pkl_agg_link_segment ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_link_segment ALTER COLUMN link_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_link_segment ADD CONSTRAINT pk_pkl_agg_link_segment PRIMARY KEY (campaign_id, link_id, segment_kind, segment_value);

-- Plug-in: Proklik (click statistics). pkl_agg_attribution: ids in binary collation.
DROP INDEX ix_pkl_agg_attribution_campaign ON pkl_agg_attribution;
DROP INDEX ix_pkl_agg_attribution_largest ON pkl_agg_attribution;
ALTER TABLE pkl_agg_attribution DROP CONSTRAINT pk_pkl_agg_attribution;
ALTER TABLE pkl_agg_attribution ALTER COLUMN order_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_attribution ALTER COLUMN contact_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_attribution ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_attribution ALTER COLUMN variant NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_attribution ALTER COLUMN link_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_attribution ADD CONSTRAINT pk_pkl_agg_attribution PRIMARY KEY (order_id);
CREATE INDEX ix_pkl_agg_attribution_largest ON pkl_agg_attribution (campaign_id, revenue_net DESC, ordered_at, order_id);
CREATE INDEX ix_pkl_agg_attribution_campaign ON pkl_agg_attribution (campaign_id, contact_id);

-- Plug-in: Proklik (click statistics). pkl_agg_unsubscribe: ids in binary collation.
ALTER TABLE pkl_agg_unsubscribe DROP CONSTRAINT pk_pkl_agg_unsubscribe;
ALTER TABLE pkl_agg_unsubscribe ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_unsubscribe ALTER COLUMN variant NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_unsubscribe ADD CONSTRAINT pk_pkl_agg_unsubscribe PRIMARY KEY (campaign_id, variant);

-- Plug-in: Proklik (click statistics). pkl_agg_revenue: ids in binary collation.
ALTER TABLE pkl_agg_revenue DROP CONSTRAINT pk_pkl_agg_revenue;
ALTER TABLE pkl_agg_revenue ALTER COLUMN campaign_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_revenue ALTER COLUMN variant NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_agg_revenue ADD CONSTRAINT pk_pkl_agg_revenue PRIMARY KEY (campaign_id, variant, currency);

-- Plug-in: Proklik (click statistics). pkl_standin_organisation: ids in binary collation.
ALTER TABLE pkl_standin_organisation DROP CONSTRAINT pk_pkl_standin_organisation;
ALTER TABLE pkl_standin_organisation ALTER COLUMN organisation_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_standin_organisation ADD CONSTRAINT pk_pkl_standin_organisation PRIMARY KEY (organisation_id);

-- Plug-in: Proklik (click statistics). pkl_standin_contact: ids in binary collation.
ALTER TABLE pkl_standin_contact DROP CONSTRAINT pk_pkl_standin_contact;
ALTER TABLE pkl_standin_contact ALTER COLUMN contact_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_standin_contact ALTER COLUMN organisation_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE pkl_standin_contact ADD CONSTRAINT pk_pkl_standin_contact PRIMARY KEY (contact_id);

-- Plug-in: Proklik (click statistics). pkl_standin_product: ids in binary collation.
ALTER TABLE pkl_standin_product DROP CONSTRAINT pk_pkl_standin_product;
ALTER TABLE pkl_standin_product ALTER COLUMN product_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_standin_product ADD CONSTRAINT pk_pkl_standin_product PRIMARY KEY (product_id);

-- Plug-in: Proklik (click statistics). pkl_standin_order: ids in binary collation.
DROP INDEX ix_pkl_standin_order_contact ON pkl_standin_order;
DROP INDEX ix_pkl_standin_order_return ON pkl_standin_order;
ALTER TABLE pkl_standin_order DROP CONSTRAINT pk_pkl_standin_order;
ALTER TABLE pkl_standin_order ALTER COLUMN order_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_standin_order ALTER COLUMN contact_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE pkl_standin_order ALTER COLUMN organisation_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE pkl_standin_order ALTER COLUMN return_of_order_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE pkl_standin_order ADD CONSTRAINT pk_pkl_standin_order PRIMARY KEY (order_id);
CREATE INDEX ix_pkl_standin_order_return ON pkl_standin_order (return_of_order_id);
CREATE INDEX ix_pkl_standin_order_contact ON pkl_standin_order (contact_id, ordered_at);

-- Plug-in: Proklik (click statistics). pkl_standin_order_line: ids in binary collation.
ALTER TABLE pkl_standin_order_line DROP CONSTRAINT pk_pkl_standin_order_line;
ALTER TABLE pkl_standin_order_line ALTER COLUMN order_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE pkl_standin_order_line ALTER COLUMN product_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE pkl_standin_order_line ADD CONSTRAINT pk_pkl_standin_order_line PRIMARY KEY (order_id, line_no);

-- Plug-in: Proklik (click statistics). The foreign keys to pkl_campaign again.
ALTER TABLE pkl_campaign_link ADD CONSTRAINT fk_pkl_campaign_link_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id);
ALTER TABLE pkl_campaign_variant ADD CONSTRAINT fk_pkl_campaign_variant_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id);
ALTER TABLE pkl_send ADD CONSTRAINT fk_pkl_send_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id);

-- Plug-in: Proklik (click statistics). The fold reads a file's events by file_id about ten times per file; with the
-- narrow ix_pkl_event_file each read is a key lookup per event, and for a large file the optimizer scans the whole
-- clustered pkl_event instead. Covering, the reads are seeks on this index alone. It replaces ix_pkl_event_file.
DROP INDEX ix_pkl_event_file ON pkl_event;
CREATE INDEX ix_pkl_event_file ON pkl_event (file_id)
    INCLUDE (event_type, campaign_id, recipient_id, link_id, variant, event_time, is_clean);

-- Plug-in: Proklik (click statistics). The burst rule counts, per click, the distinct links of the same recipient
-- within a window: a seek on (campaign, recipient, type, time) with link_id at hand. Its leading columns are those
-- of ix_pkl_event_campaign_recipient (unique opens/clicks, reactions, attribution), which it replaces.
CREATE INDEX ix_pkl_event_burst ON pkl_event (campaign_id, recipient_id, event_type, event_time) INCLUDE (link_id);

-- Plug-in: Proklik (click statistics). The adapter views were created over the stand-in tables before their ids
-- changed collation; refresh their metadata so that the view columns report the new one.
EXEC sp_refreshview N'pkl_erp_contact';
EXEC sp_refreshview N'pkl_erp_organisation';
EXEC sp_refreshview N'pkl_erp_product';
EXEC sp_refreshview N'pkl_erp_order';
EXEC sp_refreshview N'pkl_erp_order_line';

-- SQL Server twin of vendor/h2/V3_1__pkl_standin_contact_greeting.sql, engine-specific by design: the ids carry the binary
-- collation of every Proklik id column on SQL Server (docs/schema.md, "Ids and collation"), so that foreign keys
-- and joins with pkl_campaign, pkl_send and the adapter views meet no collation conflict.
-- Proklik, schema version 3.1: what a personal greeting needs from the ERP (issue 15). Proklik does not decline
-- Czech names itself: the ERP gives either a ready salutation or the vocative of the names with the gender.

-- Plug-in: Proklik (click statistics). Stand-in for the ERP's greeting data of a contact (embedded default only).
CREATE TABLE pkl_standin_contact_greeting (
    contact_id           NVARCHAR(64) COLLATE Latin1_General_100_BIN2  NOT NULL,
    salutation           NVARCHAR(200) NULL,
    vocative_first_name  NVARCHAR(100) NULL,
    vocative_last_name   NVARCHAR(100) NULL,
    gender               NVARCHAR(1)   NULL,
    CONSTRAINT pk_pkl_standin_contact_greeting PRIMARY KEY (contact_id),
    CONSTRAINT ck_pkl_standin_contact_greeting_gender CHECK (gender IS NULL OR gender IN ('F', 'M'))
);

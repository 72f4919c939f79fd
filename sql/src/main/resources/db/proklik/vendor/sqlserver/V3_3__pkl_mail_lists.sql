-- SQL Server twin of vendor/h2/V3_3__pkl_mail_lists.sql, engine-specific by design: the ids carry the binary
-- collation of every Proklik id column on SQL Server (docs/schema.md, "Ids and collation"), so that foreign keys
-- and joins with pkl_campaign, pkl_send and the adapter views meet no collation conflict.
-- Proklik, schema version 3.3: recipient lists of the mailer (issue 15). A criteria list keeps only its criteria,
-- evaluated again at every use against the ERP adapter views and the reaction aggregates; an imported list keeps
-- its members as imported and is never re-synchronised.

-- Plug-in: Proklik (click statistics). A recipient list: saved criteria or an imported file.
CREATE TABLE pkl_mail_list (
    list_id      NVARCHAR(64)  NOT NULL,
    name         NVARCHAR(200) NOT NULL,
    kind         NVARCHAR(16)  NOT NULL,
    source_name  NVARCHAR(400) NULL,
    created_at   DATETIME2(3)  NOT NULL,
    CONSTRAINT pk_pkl_mail_list PRIMARY KEY (list_id),
    CONSTRAINT ck_pkl_mail_list_kind CHECK (kind IN ('criteria', 'imported'))
);

-- Plug-in: Proklik (click statistics). One criterion of a criteria list; all criteria of a list must hold (AND).
-- field and operator are names of fixed SQL shapes in the code, criterion_value is always a bound parameter.
CREATE TABLE pkl_mail_list_criterion (
    list_id      NVARCHAR(64)  NOT NULL,
    position_no  INT           NOT NULL,
    field        NVARCHAR(32)  NOT NULL,
    operator     NVARCHAR(4)   NOT NULL,
    criterion_value  NVARCHAR(400) NOT NULL,
    CONSTRAINT pk_pkl_mail_list_criterion PRIMARY KEY (list_id, position_no),
    CONSTRAINT fk_pkl_mail_list_criterion FOREIGN KEY (list_id) REFERENCES pkl_mail_list (list_id)
);

-- Plug-in: Proklik (click statistics). A member of an imported list: an ERP contact, with the address of the file
-- when it gave one (else the ERP's is used) and the file's line for the validation report.
CREATE TABLE pkl_mail_list_member (
    list_id      NVARCHAR(64)  NOT NULL,
    contact_id   NVARCHAR(64) COLLATE Latin1_General_100_BIN2  NOT NULL,
    email        NVARCHAR(320) NULL,
    line_no      INT           NOT NULL,
    CONSTRAINT pk_pkl_mail_list_member PRIMARY KEY (list_id, contact_id),
    CONSTRAINT fk_pkl_mail_list_member FOREIGN KEY (list_id) REFERENCES pkl_mail_list (list_id)
);

-- Proklik, schema version 7.0: pre-signed tracking links for keywords the ERP expands itself (docs/link-format.md,
-- "Links made inside the ERP"). 'proklik links mint' signs every link of a campaign for each recipient in one JVM
-- and writes them here; the ERP's bulk e-mail module looks a keyword up by campaign, recipient and keyword. The
-- signing key never enters the database. Engine-specific twin: the SQL Server file gives the id columns the binary
-- collation (docs/schema.md, "Ids and collation").

-- Plug-in: Proklik (click statistics). One signed link per campaign, recipient and keyword: keyword = the link id
-- for a click link ("hero"), '@open' for the open pixel, '@unsubscribe' for the unsubscribe link ('@' never occurs
-- in a link id, so the two cannot collide). kind c/o/u as in the link's path; link_id NULL for o and u; key_id =
-- the key that signed url: a retired key's links are refused by the redirect page, mint those campaigns again (no
-- index on key_id: it is looked up once per key rotation, and every index costs each of a mint's 100,000 inserts).
-- url is VARCHAR: a link is ASCII by its format, at most 4096 characters of token after the base URL, never compared.
CREATE TABLE pkl_link_token (
    campaign_id   NVARCHAR(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    recipient_id  NVARCHAR(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    keyword       NVARCHAR(65)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind          CHAR(1)        NOT NULL,
    link_id       NVARCHAR(64)   COLLATE Latin1_General_100_BIN2 NULL,
    variant       NVARCHAR(16)   COLLATE Latin1_General_100_BIN2 NULL,
    key_id        NVARCHAR(32)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    url           VARCHAR(8000)  NOT NULL,
    minted_at     DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_pkl_link_token PRIMARY KEY (campaign_id, recipient_id, keyword),
    CONSTRAINT ck_pkl_link_token_kind CHECK (kind IN ('c', 'o', 'u'))
);

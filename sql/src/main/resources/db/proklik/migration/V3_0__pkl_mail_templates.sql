-- Proklik, schema version 3.0: the mailer's templates (issue 15). A template is authored as files and imported;
-- each version is one language at one web shop (seed 001), with its own subject and HTML body.

-- Plug-in: Proklik (click statistics). An e-mail template: who sends it and which version is the fallback.
CREATE TABLE pkl_mail_template (
    template_id       NVARCHAR(64)  NOT NULL,
    name              NVARCHAR(200) NOT NULL,
    from_address      NVARCHAR(320) NOT NULL,
    from_name         NVARCHAR(200) NULL,
    default_language  NVARCHAR(8)   NOT NULL,
    default_shop      NVARCHAR(64)  NOT NULL,
    source_sha256     CHAR(64)      NOT NULL,
    imported_at       DATETIME2(3)  NOT NULL,
    CONSTRAINT pk_pkl_mail_template PRIMARY KEY (template_id)
);

-- Plug-in: Proklik (click statistics). One language version of a template at one web shop. The sender, the shop's
-- auto-login URL and its product URL pattern may differ per shop; html is the body exactly as authored.
CREATE TABLE pkl_mail_template_version (
    template_id    NVARCHAR(64)   NOT NULL,
    language_code  NVARCHAR(8)    NOT NULL,
    shop_code      NVARCHAR(64)   NOT NULL,
    subject        NVARCHAR(400)  NOT NULL,
    from_address   NVARCHAR(320)  NULL,
    from_name      NVARCHAR(200)  NULL,
    login_url      NVARCHAR(2048) NULL,
    product_url    NVARCHAR(2048) NULL,
    html           NVARCHAR(MAX)  NOT NULL,
    CONSTRAINT pk_pkl_mail_template_version PRIMARY KEY (template_id, language_code, shop_code),
    CONSTRAINT fk_pkl_mail_template_version FOREIGN KEY (template_id) REFERENCES pkl_mail_template (template_id)
);

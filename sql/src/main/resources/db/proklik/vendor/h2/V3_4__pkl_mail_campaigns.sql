-- Proklik, schema version 3.4: the mailer's campaign card (issue 15). It extends a pkl_campaign row (one campaign
-- id space: the tracking campaign, its links and variants, is the same row); the A/B variants and their shares
-- stay in pkl_campaign_variant, where the evaluation views read them.

-- Plug-in: Proklik (click statistics). The campaign card: which list, template and shop, greeting on/off, holdout.
CREATE TABLE pkl_mail_campaign (
    campaign_id        NVARCHAR(64)  NOT NULL,
    sequence_no        INT           NOT NULL,
    campaign_date      DATE          NOT NULL,
    list_id            NVARCHAR(64)  NOT NULL,
    template_id        NVARCHAR(64)  NOT NULL,
    shop_code          NVARCHAR(64)  NULL,
    personal_greeting  BIT           NOT NULL,
    holdout_pct        DECIMAL(5,2)  DEFAULT 0 NOT NULL,
    created_at         DATETIME2(3)  NOT NULL,
    CONSTRAINT pk_pkl_mail_campaign PRIMARY KEY (campaign_id),
    CONSTRAINT uq_pkl_mail_campaign_sequence UNIQUE (sequence_no),
    CONSTRAINT fk_pkl_mail_campaign_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id),
    CONSTRAINT fk_pkl_mail_campaign_list FOREIGN KEY (list_id) REFERENCES pkl_mail_list (list_id),
    CONSTRAINT fk_pkl_mail_campaign_template FOREIGN KEY (template_id) REFERENCES pkl_mail_template (template_id),
    CONSTRAINT ck_pkl_mail_campaign_holdout CHECK (holdout_pct >= 0 AND holdout_pct < 100)
);

-- Plug-in: Proklik (click statistics). The products a campaign shows ({{#products}}), in their order.
CREATE TABLE pkl_mail_campaign_product (
    campaign_id  NVARCHAR(64) NOT NULL,
    position_no  INT          NOT NULL,
    product_id   NVARCHAR(64) NOT NULL,
    CONSTRAINT pk_pkl_mail_campaign_product PRIMARY KEY (campaign_id, position_no),
    CONSTRAINT fk_pkl_mail_campaign_product FOREIGN KEY (campaign_id) REFERENCES pkl_mail_campaign (campaign_id)
);

-- Plug-in: Proklik (click statistics). A variant that mails another template than the card's (else the card's).
CREATE TABLE pkl_mail_campaign_variant (
    campaign_id  NVARCHAR(64) NOT NULL,
    variant      NVARCHAR(16) NOT NULL,
    template_id  NVARCHAR(64) NOT NULL,
    CONSTRAINT pk_pkl_mail_campaign_variant PRIMARY KEY (campaign_id, variant),
    CONSTRAINT fk_pkl_mail_campaign_variant FOREIGN KEY (campaign_id, variant)
        REFERENCES pkl_campaign_variant (campaign_id, variant),
    CONSTRAINT fk_pkl_mail_campaign_variant_template FOREIGN KEY (template_id) REFERENCES pkl_mail_template (template_id)
);

-- Proklik, schema version 9.1: follow-up work (issue 14 item 6). Rules "when a recipient clicks link L / clicks any
-- link / orders / unsubscribes / responds in campaign C, create a task, activity or deal for owner O with text T",
-- evaluated by the import job after the fold; the items they create, and those made by hand, wait in pkl_followup
-- for the ERP's workflow (status new -> taken -> done, set by the ERP or the Helios adapter script).

-- Plug-in: Proklik (click statistics). A follow-up rule. trigger_kind names one fixed SQL shape in the code
-- (cz.proklik.erp.followup.FollowupDao), link_id is the element of the e-mail for clicked_link (and only for it);
-- text_template is plain text with {placeholders} filled from the recipient's contact, never SQL or markup.
-- A removed rule keeps its row (removed_at), so the items it created still name it.
CREATE TABLE pkl_followup_rule (
    rule_id        INT IDENTITY(1,1) NOT NULL,
    campaign_id    NVARCHAR(64)   NOT NULL,
    trigger_kind   NVARCHAR(16)   NOT NULL,
    link_id        NVARCHAR(64)   NULL,
    item_kind      NVARCHAR(16)   NOT NULL,
    owner          NVARCHAR(100)  NOT NULL,
    text_template  NVARCHAR(1000) NOT NULL,
    created_at     DATETIME2(3)   NOT NULL,
    removed_at     DATETIME2(3)   NULL,
    CONSTRAINT pk_pkl_followup_rule PRIMARY KEY (rule_id),
    CONSTRAINT fk_pkl_followup_rule_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id),
    CONSTRAINT ck_pkl_followup_rule_trigger CHECK (trigger_kind IN ('clicked_link', 'clicked_any', 'ordered',
                                                                    'unsubscribed', 'responded')),
    CONSTRAINT ck_pkl_followup_rule_link CHECK ((trigger_kind = 'clicked_link' AND link_id IS NOT NULL)
                                                OR (trigger_kind <> 'clicked_link' AND link_id IS NULL)),
    CONSTRAINT ck_pkl_followup_rule_item CHECK (item_kind IN ('task', 'activity', 'deal'))
);

-- Plug-in: Proklik (click statistics). The follow-up queue the ERP's workflow reads. rule_id NULL = made by hand
-- (followups create). The triggering event: trigger_event_id (the clean click, unsubscribe or response in
-- pkl_event; for an order the click it was attributed to), trigger_order_id (ordered), triggered_at (its time).
-- status new -> taken (the ERP has it: taken_at, erp_ref = the ERP's own id of the item) -> done (done_at).
CREATE TABLE pkl_followup (
    followup_id       BIGINT IDENTITY(1,1) NOT NULL,
    rule_id           INT            NULL,
    campaign_id       NVARCHAR(64)   NOT NULL,
    recipient_id      NVARCHAR(64)   NOT NULL,
    item_kind         NVARCHAR(16)   NOT NULL,
    owner             NVARCHAR(100)  NOT NULL,
    item_text         NVARCHAR(2000) NOT NULL,
    trigger_kind      NVARCHAR(16)   NOT NULL,
    trigger_event_id  CHAR(36)       NULL,
    trigger_order_id  NVARCHAR(64)   NULL,
    triggered_at      DATETIME2(3)   NOT NULL,
    status            NVARCHAR(8)    DEFAULT 'new' NOT NULL,
    created_at        DATETIME2(3)   NOT NULL,
    taken_at          DATETIME2(3)   NULL,
    done_at           DATETIME2(3)   NULL,
    erp_ref           NVARCHAR(64)   NULL,
    CONSTRAINT pk_pkl_followup PRIMARY KEY (followup_id),
    CONSTRAINT fk_pkl_followup_rule FOREIGN KEY (rule_id) REFERENCES pkl_followup_rule (rule_id),
    CONSTRAINT fk_pkl_followup_campaign FOREIGN KEY (campaign_id) REFERENCES pkl_campaign (campaign_id),
    CONSTRAINT ck_pkl_followup_item CHECK (item_kind IN ('task', 'activity', 'deal')),
    CONSTRAINT ck_pkl_followup_trigger CHECK (trigger_kind IN ('clicked_link', 'clicked_any', 'ordered',
                                                               'unsubscribed', 'responded', 'manual')),
    CONSTRAINT ck_pkl_followup_status CHECK (status IN ('new', 'taken', 'done'))
);

-- Plug-in: Proklik (click statistics). Exactly one item per rule and recipient, however often the import runs or
-- the aggregates are rebuilt; items made by hand (rule_id NULL) are not limited (NULLS DISTINCT: H2's MSSQLServer
-- mode would otherwise treat two NULLs as equal, as SQL Server does; its twin filters them out instead).
CREATE UNIQUE NULLS DISTINCT INDEX ux_pkl_followup_once ON pkl_followup (rule_id, recipient_id);

-- Plug-in: Proklik (click statistics). The ERP's workflow takes the new items in order.
CREATE INDEX ix_pkl_followup_status ON pkl_followup (status, followup_id);

-- Plug-in: Proklik (click statistics). followups list --campaign.
CREATE INDEX ix_pkl_followup_campaign ON pkl_followup (campaign_id, followup_id);

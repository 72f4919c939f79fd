-- Proklik, schema version 8.0, H2 variant (SQL Server twin: vendor/sqlserver/V8_0__pkl_responses.sql; keep the two
-- in step). Issue 14 item 5: responses tracked outside Proklik (a reply, a call, a visit), imported from a CSV by
-- 'proklik responses import', are raw events of type 'response' in pkl_event: method 'IMPORT', no file, never
-- flagged (so clean), with their kind and an optional note. They never come from a click log (the click-log reader
-- refuses the type), never count as opens or clicks, and are counted per recipient in pkl_agg_response.

-- Plug-in: Proklik (click statistics). 'response' joins the event types, 'IMPORT' the methods (an imported row).
ALTER TABLE pkl_event DROP CONSTRAINT ck_pkl_event_type;
ALTER TABLE pkl_event ADD CONSTRAINT ck_pkl_event_type
    CHECK (event_type IN ('click', 'open', 'unsubscribe', 'rejected', 'response'));
ALTER TABLE pkl_event DROP CONSTRAINT ck_pkl_event_method;
ALTER TABLE pkl_event ADD CONSTRAINT ck_pkl_event_method CHECK (method IN ('GET', 'HEAD', 'POST', 'IMPORT'));

-- Plug-in: Proklik (click statistics). What kind of response (reply, call, visit, other) and the note that came
-- with it: personal data, cleared with the client address after proklik.retention.event-details-days and by
-- 'privacy forget' (docs/privacy.md). NULL for every other event type.
ALTER TABLE pkl_event ADD response_kind NVARCHAR(8) NULL;
ALTER TABLE pkl_event ADD note NVARCHAR(1000) NULL;

-- Plug-in: Proklik (click statistics). Only a response has a kind (set in the transaction that inserts it, after
-- the insert every event type shares).
ALTER TABLE pkl_event ADD CONSTRAINT ck_pkl_event_response_kind CHECK (
    response_kind IS NULL OR (event_type = 'response' AND response_kind IN ('reply', 'call', 'visit', 'other')));

-- Plug-in: Proklik (click statistics). Responses per campaign and recipient, kept by the responses import from the
-- response events it wrote (recounted for each recipient it touched), so reports read one row per recipient.
CREATE TABLE pkl_agg_response (
    campaign_id        NVARCHAR(64)  NOT NULL,
    recipient_id       NVARCHAR(64)  NOT NULL,
    responses          INT           NOT NULL,
    replies            INT           NOT NULL,
    calls              INT           NOT NULL,
    visits             INT           NOT NULL,
    others             INT           NOT NULL,
    first_response_at  DATETIME2(3)  NOT NULL,
    last_response_at   DATETIME2(3)  NOT NULL,
    CONSTRAINT pk_pkl_agg_response PRIMARY KEY (campaign_id, recipient_id)
);

-- Plug-in: Proklik (click statistics). Every response (the proof: who answered how, when, with the note while it is
-- kept). Read it with a campaign_id (and recipient_id): ix_pkl_event_campaign_type_time seeks it.
CREATE VIEW pkl_eval_response AS
SELECT e.campaign_id, e.recipient_id, e.event_id, e.response_kind, e.event_time AS responded_at, e.note,
       e.imported_at
FROM pkl_event e
WHERE e.event_type = 'response';

-- Plug-in: Proklik (click statistics). Responses per campaign and recipient, by kind.
CREATE VIEW pkl_eval_recipient_response AS
SELECT a.campaign_id, a.recipient_id, a.responses, a.replies, a.calls, a.visits, a.others, a.first_response_at,
       a.last_response_at
FROM pkl_agg_response a;

-- Plug-in: Proklik (click statistics). Responses per registered campaign (zeros before any), apart from opens and
-- clicks: they are in no open or click figure and no click rate.
CREATE VIEW pkl_eval_campaign_response AS
SELECT c.campaign_id, COALESCE(r.responses, 0) AS responses,
       COALESCE(r.responding_recipients, 0) AS responding_recipients, COALESCE(r.replies, 0) AS replies,
       COALESCE(r.calls, 0) AS calls, COALESCE(r.visits, 0) AS visits, COALESCE(r.others, 0) AS others,
       r.last_response_at
FROM pkl_campaign c
LEFT JOIN (
    SELECT a.campaign_id, SUM(a.responses) AS responses, COUNT(*) AS responding_recipients,
           SUM(a.replies) AS replies, SUM(a.calls) AS calls, SUM(a.visits) AS visits, SUM(a.others) AS others,
           MAX(a.last_response_at) AS last_response_at
    FROM pkl_agg_response a
    GROUP BY a.campaign_id
) r ON r.campaign_id = c.campaign_id;

-- Proklik, schema version 4.1: the bounce and list-health evaluation views (docs/bounces.md). H2 twin of
-- vendor/sqlserver (H2 rejects GO); only the month expression differs (DATE_TRUNC here, DATEFROMPARTS there).

-- Plug-in: Proklik (click statistics). Bounce reasons per campaign: recipients (distinct) per kind and reason of
-- the matched bounces, complaints and auto-replies (pkl_bounce), and when the last one came.
CREATE VIEW pkl_eval_campaign_bounce AS
SELECT b.campaign_id, b.kind, b.reason, COUNT(DISTINCT b.recipient_id) AS recipients, MAX(b.occurred_at) AS last_at
FROM pkl_bounce b
WHERE b.campaign_id IS NOT NULL
GROUP BY b.campaign_id, b.kind, b.reason;

-- Plug-in: Proklik (click statistics). Complaint rate per campaign (seed 003): complaints (distinct recipients of
-- ARF reports matched to the campaign) / delivered (sent - bounced, from pkl_agg_send as in pkl_eval_campaign);
-- blocked = recipients refused for reasons about the sender (alerts), auto_replies apart (not bounces).
CREATE VIEW pkl_eval_campaign_complaint AS
SELECT x.campaign_id, x.sent, x.bounced, x.delivered, x.complaints,
       CAST(CAST(x.complaints AS DECIMAL(19,4)) / NULLIF(x.delivered, 0) AS DECIMAL(9,4)) AS complaint_rate,
       x.blocked, x.auto_replies
FROM (
    SELECT c.campaign_id, COALESCE(s.sent, 0) AS sent, COALESCE(s.bounced, 0) AS bounced,
           COALESCE(s.sent, 0) - COALESCE(s.bounced, 0) AS delivered, COALESCE(k.complaints, 0) AS complaints,
           COALESCE(k.blocked, 0) AS blocked, COALESCE(k.auto_replies, 0) AS auto_replies
    FROM pkl_campaign c
    LEFT JOIN (
        SELECT campaign_id, SUM(sent) AS sent, SUM(bounced) AS bounced FROM pkl_agg_send GROUP BY campaign_id
    ) s ON s.campaign_id = c.campaign_id
    LEFT JOIN (
        SELECT campaign_id,
               COUNT(DISTINCT CASE WHEN kind = 'complaint' THEN recipient_id END) AS complaints,
               COUNT(DISTINCT CASE WHEN reason IN ('policy_blocked', 'content_filtered', 'message_too_large')
                                   THEN recipient_id END) AS blocked,
               COUNT(DISTINCT CASE WHEN kind = 'auto_reply' THEN recipient_id END) AS auto_replies
        FROM pkl_bounce
        WHERE campaign_id IS NOT NULL
        GROUP BY campaign_id
    ) k ON k.campaign_id = c.campaign_id
) x;

-- Plug-in: Proklik (click statistics). List health per month, overall (lists come with the mailer): growth = new
-- addresses (first sent that month), churn = unsubscribes + hard-bounced addresses + complaining addresses (each
-- address in the month of its first hard bounce / complaint). Months are the first day, UTC.
CREATE VIEW pkl_eval_list_health_month AS
SELECT m.month_start, SUM(m.new_addresses) AS new_addresses, SUM(m.unsubscribes) AS unsubscribes,
       SUM(m.hard_bounces) AS hard_bounces, SUM(m.complaints) AS complaints,
       SUM(m.unsubscribes) + SUM(m.hard_bounces) + SUM(m.complaints) AS churn
FROM (
    SELECT CAST(DATE_TRUNC('MONTH', f.first_sent) AS DATE) AS month_start, 1 AS new_addresses, 0 AS unsubscribes, 0 AS hard_bounces,
           0 AS complaints
    FROM (
        SELECT LOWER(email) AS email, MIN(sent_at) AS first_sent FROM pkl_send
        WHERE status IN ('sent', 'bounced') AND sent_at IS NOT NULL AND email <> N''
        GROUP BY LOWER(email)
    ) f
    UNION ALL
    SELECT CAST(DATE_TRUNC('MONTH', u.unsubscribed_at) AS DATE), 0, 1, 0, 0 FROM pkl_unsubscribe u
    UNION ALL
    SELECT CAST(DATE_TRUNC('MONTH', h.first_at) AS DATE), 0, 0, 1, 0
    FROM (SELECT email, MIN(occurred_at) AS first_at FROM pkl_bounce WHERE kind = 'hard' GROUP BY email) h
    UNION ALL
    SELECT CAST(DATE_TRUNC('MONTH', k.first_at) AS DATE), 0, 0, 0, 1
    FROM (SELECT email, MIN(occurred_at) AS first_at FROM pkl_bounce WHERE kind = 'complaint' GROUP BY email) k
) m
GROUP BY m.month_start;

-- Plug-in: Proklik (click statistics). Share of the list inactive, as of the latest send: of the addresses still
-- mailable (not suppressed for all mail) first mailed at least 90 (180) days before, those with no clean open or
-- click (pkl_agg_recipient) in the last 90 (180) days.
CREATE VIEW pkl_eval_list_inactive AS
SELECT y.as_of, y.addresses, y.eligible_90, y.inactive_90,
       CAST(CAST(y.inactive_90 AS DECIMAL(19,4)) / NULLIF(y.eligible_90, 0) AS DECIMAL(9,4)) AS share_inactive_90,
       y.eligible_180, y.inactive_180,
       CAST(CAST(y.inactive_180 AS DECIMAL(19,4)) / NULLIF(y.eligible_180, 0) AS DECIMAL(9,4)) AS share_inactive_180
FROM (
    SELECT r.as_of, COUNT(*) AS addresses,
           SUM(CASE WHEN a.first_sent <= DATEADD(DAY, -90, r.as_of) THEN 1 ELSE 0 END) AS eligible_90,
           SUM(CASE WHEN a.first_sent <= DATEADD(DAY, -90, r.as_of)
                     AND (a.last_active IS NULL OR a.last_active < DATEADD(DAY, -90, r.as_of)) THEN 1 ELSE 0 END)
               AS inactive_90,
           SUM(CASE WHEN a.first_sent <= DATEADD(DAY, -180, r.as_of) THEN 1 ELSE 0 END) AS eligible_180,
           SUM(CASE WHEN a.first_sent <= DATEADD(DAY, -180, r.as_of)
                     AND (a.last_active IS NULL OR a.last_active < DATEADD(DAY, -180, r.as_of)) THEN 1 ELSE 0 END)
               AS inactive_180
    FROM (SELECT MAX(sent_at) AS as_of FROM pkl_send WHERE status IN ('sent', 'bounced')) r
    CROSS JOIN (
        SELECT LOWER(s.email) AS email, MIN(s.sent_at) AS first_sent,
               MAX(CASE WHEN ar.last_open_clean IS NULL OR ar.last_click_clean > ar.last_open_clean
                        THEN ar.last_click_clean ELSE ar.last_open_clean END) AS last_active
        FROM pkl_send s
        LEFT JOIN pkl_agg_recipient ar ON ar.campaign_id = s.campaign_id AND ar.recipient_id = s.recipient_id
        WHERE s.status IN ('sent', 'bounced') AND s.sent_at IS NOT NULL AND s.email <> N''
        GROUP BY LOWER(s.email)
    ) a
    WHERE r.as_of IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM pkl_suppression x WHERE x.email = a.email AND x.purpose = 'all')
    GROUP BY r.as_of
) y;

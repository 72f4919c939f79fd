-- Proklik, schema version 17.0: list health per mailer list (issue 17, item 5; docs/bounces.md). H2 twin of
-- vendor/sqlserver: the same SQL, which splits it into one batch per view (GO).

-- Plug-in: Proklik (click statistics). The addresses each mailer list reached: a send belongs to a list when its
-- campaign card (pkl_mail_campaign) names the list; a criteria list is evaluated anew at every use, so its sends
-- are its only lasting membership. Addresses in lower case, first_sent = the list's first send to the address.
CREATE VIEW pkl_eval_list_address AS
SELECT mc.list_id, LOWER(s.email) AS email, MIN(s.sent_at) AS first_sent
FROM pkl_send s
JOIN pkl_mail_campaign mc ON mc.campaign_id = s.campaign_id
WHERE s.status IN ('sent', 'bounced') AND s.sent_at IS NOT NULL AND s.email <> N''
GROUP BY mc.list_id, LOWER(s.email);

-- Plug-in: Proklik (click statistics). List health per mailer list and month (the first day, UTC): growth = new
-- addresses (the list's first send to them that month), churn = unsubscribes + hard-bounced + complaining
-- addresses of the list's campaigns, each counted once per list, in the month of its first.
CREATE VIEW pkl_eval_list_health_list_month AS
SELECT m.list_id, m.month_start, SUM(m.new_addresses) AS new_addresses, SUM(m.unsubscribes) AS unsubscribes,
       SUM(m.hard_bounces) AS hard_bounces, SUM(m.complaints) AS complaints,
       SUM(m.unsubscribes) + SUM(m.hard_bounces) + SUM(m.complaints) AS churn
FROM (
    SELECT a.list_id, CAST(DATEADD(DAY, 1 - DAY(a.first_sent), CAST(a.first_sent AS DATE)) AS DATE) AS month_start,
           1 AS new_addresses, 0 AS unsubscribes, 0 AS hard_bounces, 0 AS complaints
    FROM pkl_eval_list_address a
    UNION ALL
    SELECT u.list_id, CAST(DATEADD(DAY, 1 - DAY(u.first_at), CAST(u.first_at AS DATE)) AS DATE), 0, 1, 0, 0
    FROM (
        SELECT mc.list_id, x.recipient_id, MIN(x.unsubscribed_at) AS first_at
        FROM pkl_unsubscribe x
        JOIN pkl_mail_campaign mc ON mc.campaign_id = x.campaign_id
        GROUP BY mc.list_id, x.recipient_id
    ) u
    UNION ALL
    SELECT b.list_id, CAST(DATEADD(DAY, 1 - DAY(b.first_at), CAST(b.first_at AS DATE)) AS DATE),
           0, 0, CASE WHEN b.kind = 'hard' THEN 1 ELSE 0 END, CASE WHEN b.kind = 'complaint' THEN 1 ELSE 0 END
    FROM (
        SELECT mc.list_id, x.kind, x.email, MIN(x.occurred_at) AS first_at
        FROM pkl_bounce x
        JOIN pkl_mail_campaign mc ON mc.campaign_id = x.campaign_id
        WHERE x.kind IN ('hard', 'complaint')
        GROUP BY mc.list_id, x.kind, x.email
    ) b
) m
GROUP BY m.list_id, m.month_start;

-- Plug-in: Proklik (click statistics). Share of each mailer list inactive, as of the latest send of all (the same
-- moment as pkl_eval_list_inactive, so lists compare): of the list's addresses still mailable (not suppressed for
-- all mail) that the list first mailed at least 90 (180) days before, those with no clean open or click
-- (pkl_agg_recipient) in the last 90 (180) days, from any campaign: a person who reads another list is alive.
CREATE VIEW pkl_eval_list_inactive_list AS
SELECT y.list_id, y.as_of, y.addresses, y.eligible_90, y.inactive_90,
       CAST(CAST(y.inactive_90 AS DECIMAL(19,4)) / NULLIF(y.eligible_90, 0) AS DECIMAL(9,4)) AS share_inactive_90,
       y.eligible_180, y.inactive_180,
       CAST(CAST(y.inactive_180 AS DECIMAL(19,4)) / NULLIF(y.eligible_180, 0) AS DECIMAL(9,4)) AS share_inactive_180
FROM (
    SELECT a.list_id, r.as_of, COUNT(*) AS addresses,
           SUM(CASE WHEN a.first_sent <= DATEADD(DAY, -90, r.as_of) THEN 1 ELSE 0 END) AS eligible_90,
           SUM(CASE WHEN a.first_sent <= DATEADD(DAY, -90, r.as_of)
                     AND (act.last_active IS NULL OR act.last_active < DATEADD(DAY, -90, r.as_of)) THEN 1 ELSE 0 END)
               AS inactive_90,
           SUM(CASE WHEN a.first_sent <= DATEADD(DAY, -180, r.as_of) THEN 1 ELSE 0 END) AS eligible_180,
           SUM(CASE WHEN a.first_sent <= DATEADD(DAY, -180, r.as_of)
                     AND (act.last_active IS NULL OR act.last_active < DATEADD(DAY, -180, r.as_of)) THEN 1 ELSE 0 END)
               AS inactive_180
    FROM (SELECT MAX(sent_at) AS as_of FROM pkl_send WHERE status IN ('sent', 'bounced')) r
    CROSS JOIN pkl_eval_list_address a
    LEFT JOIN (
        SELECT LOWER(s.email) AS email,
               MAX(CASE WHEN ar.last_open_clean IS NULL OR ar.last_click_clean > ar.last_open_clean
                        THEN ar.last_click_clean ELSE ar.last_open_clean END) AS last_active
        FROM pkl_send s
        JOIN pkl_agg_recipient ar ON ar.campaign_id = s.campaign_id AND ar.recipient_id = s.recipient_id
        GROUP BY LOWER(s.email)
    ) act ON act.email = a.email
    WHERE r.as_of IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM pkl_suppression x WHERE x.email = a.email AND x.purpose = 'all')
    GROUP BY a.list_id, r.as_of
) y;

-- Plug-in: Proklik (click statistics). List health in one row per mailer list, then one row for all addresses
-- (list_id NULL, from the 4.1 views): addresses ever mailed (the growth so far), churn and its parts, churn_rate =
-- churn / addresses, and the share inactive of the addresses still mailable (mailable; NULL as_of: nothing sent).
CREATE VIEW pkl_eval_list_health AS
SELECT l.list_id, l.name AS list_name, COALESCE(h.addresses, 0) AS addresses,
       COALESCE(h.unsubscribes, 0) AS unsubscribes, COALESCE(h.hard_bounces, 0) AS hard_bounces,
       COALESCE(h.complaints, 0) AS complaints, COALESCE(h.churn, 0) AS churn,
       CAST(CAST(COALESCE(h.churn, 0) AS DECIMAL(19,4)) / NULLIF(h.addresses, 0) AS DECIMAL(9,4)) AS churn_rate,
       i.as_of, COALESCE(i.addresses, 0) AS mailable, COALESCE(i.eligible_90, 0) AS eligible_90,
       COALESCE(i.inactive_90, 0) AS inactive_90, i.share_inactive_90, COALESCE(i.eligible_180, 0) AS eligible_180,
       COALESCE(i.inactive_180, 0) AS inactive_180, i.share_inactive_180
FROM pkl_mail_list l
LEFT JOIN (
    SELECT list_id, SUM(new_addresses) AS addresses, SUM(unsubscribes) AS unsubscribes,
           SUM(hard_bounces) AS hard_bounces, SUM(complaints) AS complaints, SUM(churn) AS churn
    FROM pkl_eval_list_health_list_month
    GROUP BY list_id
) h ON h.list_id = l.list_id
LEFT JOIN pkl_eval_list_inactive_list i ON i.list_id = l.list_id
UNION ALL
SELECT NULL, NULL, COALESCE(h.addresses, 0), COALESCE(h.unsubscribes, 0), COALESCE(h.hard_bounces, 0),
       COALESCE(h.complaints, 0), COALESCE(h.churn, 0),
       CAST(CAST(COALESCE(h.churn, 0) AS DECIMAL(19,4)) / NULLIF(h.addresses, 0) AS DECIMAL(9,4)),
       i.as_of, COALESCE(i.addresses, 0), COALESCE(i.eligible_90, 0), COALESCE(i.inactive_90, 0),
       i.share_inactive_90, COALESCE(i.eligible_180, 0), COALESCE(i.inactive_180, 0), i.share_inactive_180
FROM (
    SELECT SUM(new_addresses) AS addresses, SUM(unsubscribes) AS unsubscribes, SUM(hard_bounces) AS hard_bounces,
           SUM(complaints) AS complaints, SUM(churn) AS churn
    FROM pkl_eval_list_health_month
) h
LEFT JOIN pkl_eval_list_inactive i ON 1 = 1;

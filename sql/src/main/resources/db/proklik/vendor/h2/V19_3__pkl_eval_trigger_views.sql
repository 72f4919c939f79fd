-- Proklik, schema version 19.3, H2 variant (SQL Server twin: vendor/sqlserver/V19_3__pkl_eval_trigger_views.sql, the
-- same but for its GO lines). The evaluation of an automation campaign per occurrence (docs/triggers.md, "What the
-- views count"): pkl_send and the campaign views keep one row per campaign and contact, so for a trigger they count
-- the contacts mailed and the latest mail's time; these two views count each mail of an occurrence, with its own
-- send time, and give it the reactions until the contact's next mail of the same trigger. They read the delivery
-- rows and occurrences as schema 19.0 wrote them, so the mails sent before this version are counted too.

-- Plug-in: Proklik (click statistics). One row per occurrence of a trigger with its mail: mail_state is the delivery's
-- (accepted, failed, skipped, in_doubt, queued, handing_over); sent_at the mail's own hand-over time (accepted or in
-- doubt, else NULL); next_sent_at the contact's next mail of the same trigger (NULL: none yet). A mail's reactions
-- are the contact's events of the trigger's campaign from its sent_at until next_sent_at: opens and clicks raw and
-- clean (pkl_event.is_clean), and the orders whose winning clean click (pkl_agg_attribution, last click) falls in
-- that time, with their net revenue after returns.
CREATE VIEW pkl_eval_trigger_mail AS
SELECT m.trigger_id, m.campaign_id, m.recipient_id, m.occurrence_key, m.occurred_at, m.found_at, m.mail_state,
       m.sent_at, m.next_sent_at,
       CAST((SELECT COUNT(*) FROM pkl_event e
        WHERE e.campaign_id = m.campaign_id AND e.recipient_id = m.recipient_id AND e.event_type = 'open'
          AND e.event_time >= m.sent_at AND (m.next_sent_at IS NULL OR e.event_time < m.next_sent_at)
       ) AS INT) AS opens_raw,
       CAST((SELECT COUNT(*) FROM pkl_event e
        WHERE e.campaign_id = m.campaign_id AND e.recipient_id = m.recipient_id AND e.event_type = 'open'
          AND e.is_clean = 1
          AND e.event_time >= m.sent_at AND (m.next_sent_at IS NULL OR e.event_time < m.next_sent_at)
       ) AS INT) AS opens_clean,
       CAST((SELECT COUNT(*) FROM pkl_event e
        WHERE e.campaign_id = m.campaign_id AND e.recipient_id = m.recipient_id AND e.event_type = 'click'
          AND e.event_time >= m.sent_at AND (m.next_sent_at IS NULL OR e.event_time < m.next_sent_at)
       ) AS INT) AS clicks_raw,
       CAST((SELECT COUNT(*) FROM pkl_event e
        WHERE e.campaign_id = m.campaign_id AND e.recipient_id = m.recipient_id AND e.event_type = 'click'
          AND e.is_clean = 1
          AND e.event_time >= m.sent_at AND (m.next_sent_at IS NULL OR e.event_time < m.next_sent_at)
       ) AS INT) AS clicks_clean,
       CAST((SELECT COUNT(*) FROM pkl_agg_attribution a
        WHERE a.campaign_id = m.campaign_id AND a.contact_id = m.recipient_id
          AND a.clicked_at >= m.sent_at AND (m.next_sent_at IS NULL OR a.clicked_at < m.next_sent_at)
       ) AS INT) AS orders,
       CAST(COALESCE((SELECT SUM(a.net_amount - a.returned_net_amount) FROM pkl_agg_attribution a
                      WHERE a.campaign_id = m.campaign_id AND a.contact_id = m.recipient_id
                        AND a.clicked_at >= m.sent_at
                        AND (m.next_sent_at IS NULL OR a.clicked_at < m.next_sent_at)), 0) AS DECIMAL(19,4))
           AS revenue_net
FROM (
    SELECT x.trigger_id, t.campaign_id, x.contact_id AS recipient_id, x.occurrence_key, x.occurred_at, x.found_at,
           d.state AS mail_state, s.sent_at, s.next_sent_at
    FROM pkl_trigger_occurrence x
    JOIN pkl_trigger t ON t.trigger_id = x.trigger_id
    JOIN pkl_mail_delivery d ON d.delivery_id = x.delivery_id
    LEFT JOIN (
        SELECT d2.delivery_id, d2.handed_over_at AS sent_at,
               LEAD(d2.handed_over_at) OVER (PARTITION BY d2.campaign_id, d2.recipient_id
                                             ORDER BY d2.handed_over_at, d2.delivery_id) AS next_sent_at
        FROM pkl_mail_delivery d2
        JOIN pkl_trigger t2 ON t2.campaign_id = d2.campaign_id
        WHERE d2.state IN ('accepted', 'in_doubt') AND d2.handed_over_at IS NOT NULL
    ) s ON s.delivery_id = d.delivery_id
) m;

-- Plug-in: Proklik (click statistics). One row per trigger, per occurrence: occurrences recorded; mails sent
-- (accepted or in doubt: they left for the relay), failed, skipped (suppressed or over the daily cap), waiting
-- (queued or being handed over); contacts mailed; mails opened and clicked (at least one event of the mail, raw and
-- clean); the orders attributed to a mail's clicks and their net revenue; the rates per sent mail.
CREATE VIEW pkl_eval_trigger AS
SELECT k.trigger_id, k.campaign_id, k.kind, k.status, k.occurrences, k.mails_sent, k.mails_failed, k.mails_skipped,
       k.mails_waiting, k.contacts_mailed, k.mails_opened_raw, k.mails_opened_clean, k.mails_clicked_raw,
       k.mails_clicked_clean, k.orders, k.revenue_net,
       CAST(CAST(k.mails_opened_clean AS DECIMAL(19,4)) / NULLIF(k.mails_sent, 0) AS DECIMAL(19,4))
           AS open_rate_clean,
       CAST(CAST(k.mails_clicked_clean AS DECIMAL(19,4)) / NULLIF(k.mails_sent, 0) AS DECIMAL(19,4))
           AS click_rate_clean,
       CAST(CAST(k.orders AS DECIMAL(19,4)) / NULLIF(k.mails_sent, 0) AS DECIMAL(19,4)) AS orders_per_mail,
       CAST(k.revenue_net / NULLIF(k.mails_sent, 0) AS DECIMAL(19,4)) AS revenue_per_mail
FROM (
    SELECT t.trigger_id, t.campaign_id, t.kind, t.status,
           CAST(COUNT(m.occurrence_key) AS INT) AS occurrences,
           CAST(COUNT(m.sent_at) AS INT) AS mails_sent,
           CAST(SUM(CASE WHEN m.mail_state = 'failed' THEN 1 ELSE 0 END) AS INT) AS mails_failed,
           CAST(SUM(CASE WHEN m.mail_state = 'skipped' THEN 1 ELSE 0 END) AS INT) AS mails_skipped,
           CAST(SUM(CASE WHEN m.mail_state IN ('queued', 'handing_over') THEN 1 ELSE 0 END) AS INT) AS mails_waiting,
           CAST(COUNT(DISTINCT CASE WHEN m.sent_at IS NOT NULL THEN m.recipient_id END) AS INT) AS contacts_mailed,
           CAST(SUM(CASE WHEN m.opens_raw > 0 THEN 1 ELSE 0 END) AS INT) AS mails_opened_raw,
           CAST(SUM(CASE WHEN m.opens_clean > 0 THEN 1 ELSE 0 END) AS INT) AS mails_opened_clean,
           CAST(SUM(CASE WHEN m.clicks_raw > 0 THEN 1 ELSE 0 END) AS INT) AS mails_clicked_raw,
           CAST(SUM(CASE WHEN m.clicks_clean > 0 THEN 1 ELSE 0 END) AS INT) AS mails_clicked_clean,
           CAST(COALESCE(SUM(m.orders), 0) AS INT) AS orders,
           CAST(COALESCE(SUM(m.revenue_net), 0) AS DECIMAL(19,4)) AS revenue_net
    FROM pkl_trigger t
    LEFT JOIN pkl_eval_trigger_mail m ON m.trigger_id = t.trigger_id
    GROUP BY t.trigger_id, t.campaign_id, t.kind, t.status
) k;

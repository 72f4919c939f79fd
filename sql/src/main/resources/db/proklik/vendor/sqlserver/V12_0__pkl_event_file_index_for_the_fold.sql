-- Proklik, schema version 12.0, SQL Server variant (H2 twin: vendor/h2/V12_0__pkl_event_file_index_for_the_fold.sql,
-- a no-op by design: H2 has no INCLUDE). docs/schema.md, "The fold and the rebuild on SQL Server".

-- Plug-in: Proklik (click statistics). The fold now reads each imported file's events once (campaign, recipient,
-- link, variant, type, clean, time and the event id of the clean clicks it copies for attribution), instead of ten
-- times without the event id. With event_id in the INCLUDE list that one read stays a seek on this index alone
-- (about 130 bytes per event) instead of a key lookup into the clustered pkl_event (rows of up to ~6 KB) per event.
-- The index is appended to in file_id order like the table, so the wider entry costs the insert little.
DROP INDEX ix_pkl_event_file ON pkl_event;
CREATE INDEX ix_pkl_event_file ON pkl_event (file_id)
    INCLUDE (event_type, campaign_id, recipient_id, link_id, variant, event_time, is_clean, event_id);

-- Plug-in: Proklik (click statistics). The same read joins each event to its send for the send's variant and time
-- (the hours since the send count from it): with both at hand beside the unique (campaign, recipient) key, the join
-- is a seek on this index alone instead of a seek and a key lookup per event.
CREATE INDEX ix_pkl_send_fold ON pkl_send (campaign_id, recipient_id) INCLUDE (variant, sent_at);

-- Proklik, schema version 19.2, H2 variant (SQL Server twin: vendor/sqlserver/V19_2__pkl_trigger_occurrence_contact.sql,
-- the same but for its GO line). The daily cap of trigger mails per contact (docs/triggers.md) counts a contact's
-- occurrences over every trigger before each new one is queued: by contact, not by trigger first.
CREATE INDEX ix_pkl_trigger_occurrence_contact ON pkl_trigger_occurrence (contact_id, delivery_id);

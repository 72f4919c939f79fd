-- Proklik, schema version 3.2 (H2 twin of vendor/sqlserver/V3_2): the ERP adapter view of greeting data.
-- salutation = a complete greeting the ERP keeps ("Vážená paní Nováková"); otherwise the vocative of the first
-- and last name and the gender (F/M) from which the mailer builds one; all NULL = the neutral greeting.

-- Plug-in: Proklik (click statistics). ERP adapter view: greeting data of contacts.
CREATE VIEW pkl_erp_contact_greeting AS
SELECT contact_id, salutation, vocative_first_name, vocative_last_name, gender
FROM pkl_standin_contact_greeting;

-- Proklik: demo greeting data for the stand-in "ERP" (embedded default only, like R__pkl_standin_seed.sql).
-- Versioned, not part of the repeatable seed: the repeatable seed also runs against a schema migrated only up to
-- an older version, where pkl_standin_contact_greeting (3.1) does not exist yet.
-- As an ERP would give it: the vocative (5th case) and gender, or a ready salutation; R1004 and R1005 have none,
-- so their mails use the neutral greeting of their language.
INSERT INTO pkl_standin_contact_greeting (contact_id, salutation, vocative_first_name, vocative_last_name, gender) VALUES
    ('R1001', NULL, N'Jano', N'Nováková', 'F'),
    ('R1002', NULL, N'Petře', N'Svobodo', 'M'),
    ('R1003', N'Milá pani Martina', NULL, NULL, NULL);

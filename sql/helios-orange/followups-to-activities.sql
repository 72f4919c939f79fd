-- Proklik (click statistics) - the follow-up queue (pkl_followup, schema 9.1) into Helios Orange / iNuvio CRM
-- contact events (dbo.TabKontaktJednani), docs/followups.md.
--
-- NOT applied by the migrations. Install AFTER Proklik's migrations and adapter-views.sql, as the same user:
--     sqlcmd -I -S <server> -d <helios database> -i followups-to-activities.sql
-- Then run the procedure from the ERP's scheduler or a SQL Server Agent job step, e.g. every 5 minutes:
--     EXEC pkl_followup_to_helios;              -- at most 500 items a call; returns the number taken
-- Re-runnable (CREATE OR ALTER). It writes only new rows into TabKontaktJednani and never changes an existing one.
--
-- What it does, in one transaction: takes the oldest items with status 'new' (locked, READPAST: two schedulers
-- never take one item twice and neither waits for the other), inserts one CRM contact event per item and marks the
-- item 'taken' with taken_at (UTC) and erp_ref = the new TabKontaktJednani.ID. Whoever finishes the work in Helios
-- may set status 'done' and done_at; Proklik itself never changes a taken item.
-- The item text is data: it is copied by column, never concatenated into SQL.
--
-- Sources: /work/shared/HELIOS.md ("CRM contact events TabKontaktJednani (ID, Kategorie, Predmet, Popis,
-- DatumJednaniOd, CisloOrg, Stav): the natural place for follow-up tasks").
--   [confirmed]   table and column named in public Orange SQL/documentation;
--   [inferred]    a reading of Orange naming patterns - check it on the customer's database;
--   [placeholder] no public source: a guess the installer MUST check (codes, the owner column, NOT NULL columns
--                 without a default that a real TabKontaktJednani may have - the INSERT fails on a missing one,
--                 rolling back the whole call, so nothing is marked taken that was not written).
-- SET options: pkl_followup has a filtered unique index, so the procedure must be created with QUOTED_IDENTIFIER and
-- ANSI_NULLS ON (SQL Server stores both with the procedure); the two SETs below see to it even without sqlcmd -I.

SET ANSI_NULLS ON;
GO
SET QUOTED_IDENTIFIER ON;
GO

-- Plug-in: Proklik (click statistics). Writes queued follow-up items as Helios CRM contact events and marks them taken.
CREATE OR ALTER PROCEDURE pkl_followup_to_helios
    @max_items INT = 500
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    DECLARE @taken TABLE (followup_id BIGINT NOT NULL PRIMARY KEY, erp_id INT NOT NULL);
    DECLARE @now DATETIME2(3) = SYSUTCDATETIME();

    BEGIN TRANSACTION;

    -- MERGE with a never-true match is the T-SQL way to OUTPUT a source column (followup_id) beside the inserted ID.
    MERGE INTO dbo.TabKontaktJednani AS k                                       -- [confirmed] table
    USING (
        SELECT TOP (@max_items) f.followup_id, f.item_kind, f.owner, f.item_text, f.triggered_at, c.organisation_id
        FROM pkl_followup f WITH (UPDLOCK, READPAST, ROWLOCK)
        LEFT JOIN pkl_erp_contact c ON c.contact_id = f.recipient_id
        WHERE f.status = N'new'
        ORDER BY f.followup_id
    ) AS f
    ON 1 = 0
    WHEN NOT MATCHED THEN
        INSERT (Kategorie, Predmet, Popis, DatumJednaniOd, CisloOrg, Stav)
        VALUES (
            CASE f.item_kind                                                    -- [confirmed] Kategorie;
                WHEN N'task' THEN N'UKOL'                                       -- [placeholder] the customer's
                WHEN N'deal' THEN N'OBCHOD'                                     -- category codes for a task,
                ELSE N'AKTIVITA' END,                                           -- a deal and an activity
            LEFT(f.item_text, 255),                                             -- [confirmed] Predmet; [inferred] length
            N'[' + f.owner + N'] ' + f.item_text,                               -- [confirmed] Popis; [placeholder] the
                                                                                -- owner belongs in the responsible
                                                                                -- person's column (not public)
            CAST(f.triggered_at AT TIME ZONE 'UTC'                              -- [confirmed] DatumJednaniOd; Helios
                 AT TIME ZONE 'Central Europe Standard Time' AS DATETIME),      -- keeps local time ([inferred] zone)
            TRY_CAST(f.organisation_id AS INT),                                 -- [confirmed] CisloOrg (the contact's
                                                                                -- organisation, NULL when none)
            0)                                                                  -- [placeholder] Stav code "open"
    OUTPUT f.followup_id, inserted.ID INTO @taken (followup_id, erp_id);        -- [confirmed] ID

    UPDATE p SET status = N'taken', taken_at = @now, erp_ref = CONVERT(NVARCHAR(64), t.erp_id)
    FROM pkl_followup p
    JOIN @taken t ON t.followup_id = p.followup_id;

    COMMIT TRANSACTION;

    SELECT COUNT(*) AS items_taken FROM @taken;
END;
GO

-- Proklik (click statistics) - the follow-up queue (pkl_followup, schema 9.1) into Helios Green (HeG, schema lcs)
-- activities, docs/followups.md.
--
-- NOT applied by the migrations. Install AFTER Proklik's migrations and adapter-views.sql, as the same user:
--     sqlcmd -I -S <server> -d <HeG database> -i followups-to-activities.sql
-- Then run EXEC pkl_followup_to_helios; from the ERP's scheduler or a SQL Server Agent job (at most 500 items a call).
-- Re-runnable (CREATE OR ALTER). It only inserts new rows into the activity table; nothing existing is changed.
--
-- READ THIS FIRST: Green's activity (CRM) class is not public (see /work/shared/HELIOS.md). Every name is marked
--   [confirmed]   seen in public HeG SQL (the cislo_subjektu key pattern, lcs.organizace);
--   [inferred]    follows a confirmed HeG pattern - check the name;
--   [PLACEHOLDER] nothing public: a made-up name the installer MUST replace. Until then the procedure fails when it
--                 runs (SQL Server resolves table names at the first execution), with the whole call rolled back:
--                 no item is marked taken that was not written.
-- In Green a new record usually needs its number (cislo_subjektu) from lcs.subjekty and the number series of the
-- class; if the activity class requires that, insert through the class's own procedure or Green's API instead of
-- the INSERT below, and keep the rest (the lock hints, the status update from OUTPUT).
-- The item text is data: it is copied by column, never concatenated into SQL. SET options: see the Orange script.

SET ANSI_NULLS ON;
GO
SET QUOTED_IDENTIFIER ON;
GO

-- Plug-in: Proklik (click statistics). Writes queued follow-up items as Helios Green activities and marks them taken.
CREATE OR ALTER PROCEDURE pkl_followup_to_helios
    @max_items INT = 500
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    DECLARE @taken TABLE (followup_id BIGINT NOT NULL PRIMARY KEY, erp_id INT NOT NULL);
    DECLARE @now DATETIME2(3) = SYSUTCDATETIME();

    BEGIN TRANSACTION;

    MERGE INTO lcs.aktivita AS a                                                -- [PLACEHOLDER] activity class table
    USING (
        SELECT TOP (@max_items) f.followup_id, f.item_kind, f.owner, f.item_text, f.triggered_at, f.recipient_id
        FROM pkl_followup f WITH (UPDLOCK, READPAST, ROWLOCK)
        WHERE f.status = N'new'
        ORDER BY f.followup_id
    ) AS f
    ON 1 = 0
    WHEN NOT MATCHED THEN
        INSERT (druh_aktivity, predmet, popis, datum_od, resitel, kontaktni_osoba) -- [PLACEHOLDER] all six columns
        VALUES (
            f.item_kind,                                                        -- [PLACEHOLDER] map task/activity/deal
                                                                                -- to the class's kind codes
            LEFT(f.item_text, 255),
            f.item_text,
            CAST(f.triggered_at AT TIME ZONE 'UTC'                              -- HeG keeps local time
                 AT TIME ZONE 'Central Europe Standard Time' AS DATETIME),      -- ([inferred] zone)
            f.owner,                                                            -- [PLACEHOLDER] the user's number
            TRY_CAST(f.recipient_id AS INT))                                    -- [confirmed] contact ids are
                                                                                -- cislo_subjektu (adapter-views.sql)
    OUTPUT f.followup_id, inserted.cislo_subjektu INTO @taken (followup_id, erp_id); -- [inferred] key column

    UPDATE p SET status = N'taken', taken_at = @now, erp_ref = CONVERT(NVARCHAR(64), t.erp_id)
    FROM pkl_followup p
    JOIN @taken t ON t.followup_id = p.followup_id;

    COMMIT TRANSACTION;

    SELECT COUNT(*) AS items_taken FROM @taken;
END;
GO

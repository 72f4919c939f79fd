-- Plug-in: Proklik (click statistics). A click-log file is known by its drop folder and its name, not its name
-- alone: two folders (one per redirect node, say) may hold files of the same name, and both are imported.
-- Rows written before this version have no folder (NULL) and match a file of their name in any folder.
-- A file whose header is not a click-log header is recorded as 'refused' (set aside, counted, never imported).
ALTER TABLE pkl_import_file ADD source_dir NVARCHAR(400) NULL;
ALTER TABLE pkl_import_file DROP CONSTRAINT uq_pkl_import_file_name;
ALTER TABLE pkl_import_file ADD CONSTRAINT uq_pkl_import_file_name_dir UNIQUE (file_name, source_dir);
ALTER TABLE pkl_import_file DROP CONSTRAINT ck_pkl_import_file_status;
ALTER TABLE pkl_import_file ADD CONSTRAINT ck_pkl_import_file_status
    CHECK (status IN ('running', 'imported', 'failed', 'refused'));

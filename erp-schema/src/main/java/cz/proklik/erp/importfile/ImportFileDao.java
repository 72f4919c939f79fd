package cz.proklik.erp.importfile;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/** The import job's ledger of click-log files ({@code pkl_import_file}). */
public class ImportFileDao {

    private static final RowMapper<ImportFile> FILE = (rs, i) -> new ImportFile(
            rs.getLong("file_id"), rs.getString("source_dir"), rs.getString("file_name"), rs.getString("node"), rs.getString("sha256"),
            (Long) rs.getObject("size_bytes", Long.class),
            new FileCounts(rs.getLong("line_count"), rs.getLong("imported_count"), rs.getLong("duplicate_count"),
                    rs.getLong("quarantined_count")),
            fromDb(rs, "started_at"), fromDb(rs, "finished_at"), ImportFile.Status.fromCode(rs.getString("status")),
            rs.getString("error_text"));

    /** The folder's own row first; a row without folder (before schema 6.0) of the same name otherwise. */
    private static final String FIND_IN_FOLDER = """
            SELECT * FROM pkl_import_file
            WHERE file_name = :name AND (source_dir = :dir OR source_dir IS NULL)
            ORDER BY CASE WHEN source_dir IS NULL THEN 1 ELSE 0 END, file_id""";
    private static final String LOCK_IN_FOLDER = """
            SELECT * FROM pkl_import_file WITH (UPDLOCK, HOLDLOCK)
            WHERE file_name = :name AND (source_dir = :dir OR source_dir IS NULL)
            ORDER BY CASE WHEN source_dir IS NULL THEN 1 ELSE 0 END, file_id""";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ImportFileDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /**
     * Starts (or restarts) the import of the file {@code fileName} in the drop folder {@code sourceDir} and returns
     * its id. A file seen before and not finished (running after a crash, or failed, or refused and since replaced)
     * is reset to running with zero counts - re-importing its events is harmless because the event insert skips
     * duplicates. A file already imported is refused: check {@link #find(String, String)} first and compare
     * {@code sha256} to decide what to do with it.
     *
     * @param sourceDir the drop folder, absolute and normalised; null only for callers without folders (tests)
     * @throws IllegalStateException when the file is already imported
     */
    public long start(String sourceDir, String fileName, String node, String sha256, Long sizeBytes,
                      Instant startedAt) {
        return register(sourceDir, fileName, node, sha256, sizeBytes, startedAt, ImportFile.Status.RUNNING, null);
    }

    /** {@link #start(String, String, String, String, Long, Instant)} for a file of no particular folder. */
    public long start(String fileName, String node, String sha256, Long sizeBytes, Instant startedAt) {
        return start(null, fileName, node, sha256, sizeBytes, startedAt);
    }

    /**
     * Records a file that is not a click-log file (its first line is not a header this version reads): status
     * refused with the reason, no lines counted. Refusing it again (it came back unchanged) updates the row.
     */
    public long refuse(String sourceDir, String fileName, String node, String sha256, Long sizeBytes, Instant at,
                       String reason) {
        return register(sourceDir, fileName, node, sha256, sizeBytes, at, ImportFile.Status.REFUSED, cut(reason));
    }

    private long register(String sourceDir, String fileName, String node, String sha256, Long sizeBytes,
                          Instant at, ImportFile.Status status, String errorText) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sha256, "sha256");
        boolean done = status == ImportFile.Status.REFUSED;
        MapSqlParameterSource p = new MapSqlParameterSource("name", fileName).addValue("dir", sourceDir)
                .addValue("node", node).addValue("sha", sha256).addValue("size", sizeBytes)
                .addValue("at", toDb(at)).addValue("end", done ? toDb(at) : null)
                .addValue("status", status.code()).addValue("error", errorText);
        return tx.execute(tx -> {
            Optional<ImportFile> existing = lockAndFind(sourceDir, fileName);
            if (existing.isPresent()) {
                ImportFile file = existing.get();
                if (file.status() == ImportFile.Status.IMPORTED) {
                    throw new IllegalStateException("File already imported: " + fileName);
                }
                jdbc.update("""
                        UPDATE pkl_import_file SET source_dir = :dir, node = :node, sha256 = :sha, size_bytes = :size,
                               line_count = 0, imported_count = 0, duplicate_count = 0, quarantined_count = 0,
                               started_at = :at, finished_at = :end, status = :status, error_text = :error
                        WHERE file_id = :id""", p.addValue("id", file.id()));
                return file.id();
            }
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.update("""
                    INSERT INTO pkl_import_file (source_dir, file_name, node, sha256, size_bytes, started_at,
                                                 finished_at, status, error_text)
                    VALUES (:dir, :name, :node, :sha, :size, :at, :end, :status, :error)""", p, key,
                    new String[] {"file_id"});
            return Objects.requireNonNull(key.getKey(), "generated file_id").longValue();
        });
    }

    /** Adds one chunk's counts; call it in the chunk's transaction so counts and events commit together. */
    public void addCounts(long fileId, FileCounts delta) {
        jdbc.update("""
                UPDATE pkl_import_file SET line_count = line_count + :l, imported_count = imported_count + :i,
                       duplicate_count = duplicate_count + :d, quarantined_count = quarantined_count + :q
                WHERE file_id = :id""", counts(fileId, delta));
    }

    /** Marks the file imported with its final counts. */
    public void finish(long fileId, FileCounts totals, Instant finishedAt) {
        jdbc.update("""
                UPDATE pkl_import_file SET line_count = :l, imported_count = :i, duplicate_count = :d,
                       quarantined_count = :q, finished_at = :at, status = 'imported', error_text = NULL
                WHERE file_id = :id""", counts(fileId, totals).addValue("at", toDb(finishedAt)));
    }

    /** Marks the file failed; the error text is cut to 1000 characters. */
    public void fail(long fileId, String errorText, Instant finishedAt) {
        String text = cut(errorText);
        jdbc.update("""
                UPDATE pkl_import_file SET finished_at = :at, status = 'failed', error_text = :error
                WHERE file_id = :id""",
                new MapSqlParameterSource("id", fileId).addValue("at", toDb(finishedAt)).addValue("error", text));
    }

    /** How many events of the file are stored, and how many of those are not clean (flagged by any rule). */
    public StoredEvents storedEvents(long fileId) {
        return jdbc.queryForObject("""
                SELECT COUNT(*) AS stored, COALESCE(SUM(CASE WHEN is_clean = 0 THEN 1 ELSE 0 END), 0) AS flagged
                FROM pkl_event WHERE file_id = :id""", new MapSqlParameterSource("id", fileId),
                (rs, i) -> new StoredEvents(rs.getLong("stored"), rs.getLong("flagged")));
    }

    /** What {@link #storedEvents} counts: a file's stored events, and the flagged ones among them. */
    public record StoredEvents(long stored, long flagged) {
    }

    public Optional<ImportFile> find(long fileId) {
        return jdbc.query("SELECT * FROM pkl_import_file WHERE file_id = :id",
                new MapSqlParameterSource("id", fileId), FILE).stream().findFirst();
    }

    /**
     * The record of the file {@code fileName} in the folder {@code sourceDir}: the folder's own row, or a row from
     * before schema 6.0 (no folder) of that name.
     */
    public Optional<ImportFile> find(String sourceDir, String fileName) {
        return jdbc.query(FIND_IN_FOLDER, new MapSqlParameterSource("name", fileName).addValue("dir", sourceDir), FILE)
                .stream().findFirst();
    }

    /** The first recorded file of this name, in whichever folder: for callers that use one folder only. */
    public Optional<ImportFile> findByName(String fileName) {
        return jdbc.query("SELECT * FROM pkl_import_file WHERE file_name = :name ORDER BY file_id",
                new MapSqlParameterSource("name", fileName), FILE).stream().findFirst();
    }

    public boolean isImported(String fileName) {
        return findByName(fileName).map(f -> f.status() == ImportFile.Status.IMPORTED).orElse(false);
    }

    /** How many recorded files share this name (in different folders). */
    public int countNamed(String fileName) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_import_file WHERE file_name = :name",
                new MapSqlParameterSource("name", fileName), Integer.class);
        return n == null ? 0 : n;
    }

    public List<ImportFile> recent(int limit) {
        return jdbc.query("SELECT TOP (:n) * FROM pkl_import_file ORDER BY file_id DESC",
                new MapSqlParameterSource("n", limit), FILE);
    }

    /**
     * {@link #find(String, String)} holding a key-range lock until the transaction ends, so that two importers
     * registering the same new file cannot both see it absent (SQL Server; H2 ignores the hint and its unique key
     * catches the second).
     */
    private Optional<ImportFile> lockAndFind(String sourceDir, String fileName) {
        return jdbc.query(LOCK_IN_FOLDER,
                new MapSqlParameterSource("name", fileName).addValue("dir", sourceDir), FILE).stream().findFirst();
    }

    private static String cut(String text) {
        return text == null ? null : text.substring(0, Math.min(1000, text.length()));
    }

    private static MapSqlParameterSource counts(long fileId, FileCounts c) {
        return new MapSqlParameterSource("id", fileId).addValue("l", c.lines()).addValue("i", c.imported())
                .addValue("d", c.duplicates()).addValue("q", c.quarantined());
    }
}

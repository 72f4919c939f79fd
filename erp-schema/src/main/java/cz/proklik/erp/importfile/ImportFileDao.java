package cz.proklik.erp.importfile;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** The import job's ledger of click-log files ({@code pkl_import_file}). */
public class ImportFileDao {

    private static final RowMapper<ImportFile> FILE = (rs, i) -> new ImportFile(
            rs.getLong("file_id"), rs.getString("file_name"), rs.getString("node"), rs.getString("sha256"),
            (Long) rs.getObject("size_bytes", Long.class),
            new FileCounts(rs.getLong("line_count"), rs.getLong("imported_count"), rs.getLong("duplicate_count"),
                    rs.getLong("quarantined_count")),
            fromDb(rs, "started_at"), fromDb(rs, "finished_at"), ImportFile.Status.fromCode(rs.getString("status")),
            rs.getString("error_text"));

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ImportFileDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /**
     * Starts (or restarts) the import of a file and returns its id. A file seen before and not finished
     * (running after a crash, or failed) is reset to running with zero counts - re-importing its events is
     * harmless because the event insert skips duplicates. A file already imported is refused: check
     * {@link #findByName} first and compare {@code sha256} to decide what to do with it.
     *
     * @throws IllegalStateException when the file is already imported
     */
    public long start(String fileName, String node, String sha256, Long sizeBytes, Instant startedAt) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sha256, "sha256");
        MapSqlParameterSource p = new MapSqlParameterSource("name", fileName).addValue("node", node)
                .addValue("sha", sha256).addValue("size", sizeBytes).addValue("at", toDb(startedAt));
        return tx.execute(status -> {
            Optional<ImportFile> existing = findByName(fileName);
            if (existing.isPresent()) {
                ImportFile file = existing.get();
                if (file.status() == ImportFile.Status.IMPORTED) {
                    throw new IllegalStateException("File already imported: " + fileName);
                }
                jdbc.update("""
                        UPDATE pkl_import_file SET node = :node, sha256 = :sha, size_bytes = :size, line_count = 0,
                               imported_count = 0, duplicate_count = 0, quarantined_count = 0, started_at = :at,
                               finished_at = NULL, status = 'running', error_text = NULL
                        WHERE file_id = :id""", p.addValue("id", file.id()));
                return file.id();
            }
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.update("""
                    INSERT INTO pkl_import_file (file_name, node, sha256, size_bytes, started_at, status)
                    VALUES (:name, :node, :sha, :size, :at, 'running')""", p, key, new String[] {"file_id"});
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
        String text = errorText == null ? null : errorText.substring(0, Math.min(1000, errorText.length()));
        jdbc.update("""
                UPDATE pkl_import_file SET finished_at = :at, status = 'failed', error_text = :error
                WHERE file_id = :id""",
                new MapSqlParameterSource("id", fileId).addValue("at", toDb(finishedAt)).addValue("error", text));
    }

    public Optional<ImportFile> find(long fileId) {
        return jdbc.query("SELECT * FROM pkl_import_file WHERE file_id = :id",
                new MapSqlParameterSource("id", fileId), FILE).stream().findFirst();
    }

    public Optional<ImportFile> findByName(String fileName) {
        return jdbc.query("SELECT * FROM pkl_import_file WHERE file_name = :name",
                new MapSqlParameterSource("name", fileName), FILE).stream().findFirst();
    }

    public boolean isImported(String fileName) {
        return findByName(fileName).map(f -> f.status() == ImportFile.Status.IMPORTED).orElse(false);
    }

    public List<ImportFile> recent(int limit) {
        return jdbc.query("SELECT TOP (:n) * FROM pkl_import_file ORDER BY file_id DESC",
                new MapSqlParameterSource("n", limit), FILE);
    }

    private static MapSqlParameterSource counts(long fileId, FileCounts c) {
        return new MapSqlParameterSource("id", fileId).addValue("l", c.lines()).addValue("i", c.imported())
                .addValue("d", c.duplicates()).addValue("q", c.quarantined());
    }
}

package cz.proklik.erp.importfile;

import cz.proklik.erp.db.BatchCounts;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/** Bad click-log lines ({@code pkl_quarantine}); one row per (file, line), so a re-import adds nothing. */
public class QuarantineDao {

    private static final RowMapper<QuarantinedLine> LINE = (rs, i) -> new QuarantinedLine(
            rs.getLong("file_id"), rs.getLong("line_no"), rs.getString("reason"), rs.getString("detail"),
            rs.getString("raw_line"), rs.getBoolean("raw_truncated"), fromDb(rs, "created_at"));

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public QuarantineDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /** Stores the lines not stored yet for their (file, line); returns how many were new. */
    public int addAll(List<QuarantinedLine> lines) {
        if (lines.isEmpty()) {
            return 0;
        }
        SqlParameterSource[] params = lines.stream().map(l -> new MapSqlParameterSource()
                .addValue("file", l.fileId()).addValue("line", l.lineNo()).addValue("reason", l.reason())
                .addValue("detail", l.detail()).addValue("raw", l.rawLine()).addValue("cut", l.rawTruncated())
                .addValue("at", toDb(l.createdAt()))).toArray(SqlParameterSource[]::new);
        int[] counts = tx.execute(s -> jdbc.batchUpdate("""
                INSERT INTO pkl_quarantine (file_id, line_no, reason, detail, raw_line, raw_truncated, created_at)
                SELECT :file, :line, :reason, :detail, :raw, :cut, :at
                WHERE NOT EXISTS (SELECT 1 FROM pkl_quarantine WITH (UPDLOCK, HOLDLOCK)
                                  WHERE file_id = :file AND line_no = :line)""",
                params));
        return BatchCounts.rowsChanged(counts);
    }

    public List<QuarantinedLine> byFile(long fileId) {
        return jdbc.query("SELECT * FROM pkl_quarantine WHERE file_id = :f ORDER BY line_no",
                new MapSqlParameterSource("f", fileId), LINE);
    }

    public long countByFile(long fileId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_quarantine WHERE file_id = :f",
                new MapSqlParameterSource("f", fileId), Long.class);
        return n == null ? 0 : n;
    }
}

package cz.proklik.erp.event;

import cz.proklik.erp.db.BatchCounts;
import cz.proklik.erp.db.Engine;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * The raw event layer ({@code pkl_event}). The insert is idempotent: an event id already stored, or repeated
 * within the batch, is skipped and counted, never an error and never a second row.
 *
 * <p>This class is the one place where the engines differ for events:
 * <ul>
 *   <li>SQL Server: the unique index on event_id has IGNORE_DUP_KEY = ON, so a plain batched INSERT ... VALUES
 *       skips duplicates by itself (each statement reports 0 rows) - also when two importers race;</li>
 *   <li>H2 has no IGNORE_DUP_KEY, but it runs every statement of a JDBC batch, in order, and fails only those the
 *       unique index rejects (each rolled back alone, the transaction goes on), reporting which: a failure on
 *       ux_pkl_event_event_id is a duplicate, any other fails the batch. (It was INSERT ... SELECT ... WHERE NOT
 *       EXISTS per row: a second look-up of the index and a query plan per row, 10-15 % of the import's insert time
 *       for a check that the index makes anyway; session 12.)</li>
 * </ul>
 * A batch runs in one transaction; when the caller (the Spring Batch chunk) already has one on the same
 * DataSource, it joins it.
 */
public class RawEventDao {

    private static final String COLUMNS = """
            event_id, event_time, event_type, method, campaign_id, recipient_id, link_id, variant, target, key_id,
            reason, client_ip, user_agent, node, request_path, file_id, file_seq, imported_at, is_bot_ua,
            is_security_scanner, is_prefetch, is_mpp_suspect, is_too_fast_after_send, ua_class, ua_name,
            device_class, flagged_at, rules_version""";
    private static final String PARAMS =
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    static final String INSERT = "INSERT INTO pkl_event (" + COLUMNS + ") VALUES (" + PARAMS + ")";
    /** The unique index whose rejections are duplicates (lower case: the embedded URL's DATABASE_TO_LOWER). */
    private static final String EVENT_ID_INDEX = "ux_pkl_event_event_id";
    /** SQLSTATE of a unique index's rejection. */
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * An event id parameter as the column's own type: mssql-jdbc sends strings as NVARCHAR, and comparing the
     * CHAR(36) column with one converts the column, which under a SQL collation scans the unique index instead of
     * seeking it (review finding 13). Valid on H2 too.
     */
    static final String EVENT_ID_PARAM = "CAST(? AS CHAR(36))";

    private static final RowMapper<StoredEvent> STORED = (rs, i) -> new StoredEvent(
            rs.getLong("id"),
            new RawEvent(rs.getString("event_id").strip(), fromDb(rs, "event_time"), rs.getString("event_type"),
                    rs.getString("method"), rs.getString("campaign_id"), rs.getString("recipient_id"),
                    rs.getString("link_id"), rs.getString("variant"), rs.getString("target"),
                    rs.getString("key_id"), rs.getString("reason"), rs.getString("client_ip"),
                    rs.getString("user_agent"), rs.getString("node"), rs.getString("request_path"),
                    (Long) rs.getObject("file_seq", Long.class),
                    new EventFlags(rs.getBoolean("is_bot_ua"), rs.getBoolean("is_security_scanner"),
                            rs.getBoolean("is_prefetch"), rs.getBoolean("is_mpp_suspect"),
                            rs.getBoolean("is_too_fast_after_send"), rs.getString("ua_class"),
                            rs.getString("ua_name"), rs.getString("device_class"),
                            (Integer) rs.getObject("rules_version", Integer.class))),
            (Long) rs.getObject("file_id", Long.class), fromDb(rs, "imported_at"), rs.getBoolean("is_clean"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Engine engine;
    private final Clock clock;

    public RawEventDao(DataSource dataSource) {
        this(dataSource, Engine.of(dataSource), Clock.systemUTC());
    }

    public RawEventDao(DataSource dataSource, Engine engine, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * Stores the events that are not stored yet.
     *
     * @param fileId the {@code pkl_import_file} row the events come from, or {@code null}
     * @param events typically 1000-5000 of them; any size works
     * @return how many rows were inserted and how many were skipped as duplicates
     */
    public InsertResult insertBatch(Long fileId, List<RawEvent> events) {
        if (events.isEmpty()) {
            return new InsertResult(0, 0);
        }
        LocalDateTime importedAt = toDb(clock.instant());
        BatchPreparedStatementSetter rows = new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                bind(ps, events.get(i), fileId, importedAt);
            }

            @Override
            public int getBatchSize() {
                return events.size();
            }
        };
        // Caught inside the transaction's callback: thrown out of it, it would mark the chunk's transaction
        // rollback-only although every other row of the batch is in.
        int[] counts = tx.execute(status -> {
            try {
                return jdbc.batchUpdate(INSERT, rows);
            } catch (DuplicateKeyException e) {
                return duplicatesSkipped(e);
            }
        });
        int inserted = 0;
        for (int c : counts) {
            if (c == Statement.SUCCESS_NO_INFO) {
                // Counting duplicates needs per-row counts; a driver that hides them would silently break it.
                throw new InvalidDataAccessApiUsageException("JDBC driver returned no per-row update counts");
            }
            inserted += c;
        }
        return new InsertResult(inserted, events.size() - inserted);
    }

    /**
     * The per-row counts of an H2 batch some of whose rows the event id index rejected (0 for those), or the
     * exception again when anything else failed.
     */
    private int[] duplicatesSkipped(DuplicateKeyException e) {
        if (engine != Engine.H2 || !(e.getCause() instanceof BatchUpdateException batch)) {
            throw e;
        }
        for (SQLException failure = batch.getNextException(); failure != null; failure = failure.getNextException()) {
            if (!UNIQUE_VIOLATION.equals(failure.getSQLState())
                    || !failure.getMessage().toLowerCase(Locale.ROOT).contains(EVENT_ID_INDEX)) {
                throw e;
            }
        }
        int[] counts = batch.getUpdateCounts().clone();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == Statement.EXECUTE_FAILED) {
                counts[i] = 0;
            }
        }
        return counts;
    }

    /**
     * Sets the cleaning flags of stored events (re-flagging after the rules changed). Unknown ids are ignored.
     *
     * @return how many events were updated
     */
    public int updateFlags(Map<String, EventFlags> flagsByEventId) {
        if (flagsByEventId.isEmpty()) {
            return 0;
        }
        List<Map.Entry<String, EventFlags>> rows = new ArrayList<>(flagsByEventId.entrySet());
        LocalDateTime flaggedAt = toDb(clock.instant());
        int[] counts = tx.execute(status -> jdbc.batchUpdate("""
                UPDATE pkl_event SET is_bot_ua = ?, is_security_scanner = ?, is_prefetch = ?, is_mpp_suspect = ?,
                       is_too_fast_after_send = ?, ua_class = ?, ua_name = ?, device_class = ?, flagged_at = ?,
                       rules_version = ?
                WHERE event_id = """ + EVENT_ID_PARAM, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                EventFlags f = rows.get(i).getValue();
                ps.setBoolean(1, f.botUa());
                ps.setBoolean(2, f.securityScanner());
                ps.setBoolean(3, f.prefetch());
                ps.setBoolean(4, f.mppSuspect());
                ps.setBoolean(5, f.tooFastAfterSend());
                text(ps, 6, f.uaClass());
                text(ps, 7, f.uaName());
                text(ps, 8, f.deviceClass());
                ps.setObject(9, flaggedAt);
                if (f.rulesVersion() == null) {
                    ps.setNull(10, Types.INTEGER);
                } else {
                    ps.setInt(10, f.rulesVersion());
                }
                ps.setString(11, rows.get(i).getKey());
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        }));
        return BatchCounts.rowsChanged(counts);
    }

    public Optional<StoredEvent> findByEventId(String eventId) {
        return jdbc.query("SELECT * FROM pkl_event WHERE event_id = " + EVENT_ID_PARAM, STORED, eventId).stream().findFirst();
    }

    public List<StoredEvent> byFile(long fileId) {
        return jdbc.query("SELECT * FROM pkl_event WHERE file_id = ? ORDER BY id", STORED, fileId);
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event", Long.class);
        return n == null ? 0 : n;
    }

    public long countByCampaign(String campaignId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event WHERE campaign_id = ?", Long.class,
                campaignId);
        return n == null ? 0 : n;
    }

    private static void bind(PreparedStatement ps, RawEvent e, Long fileId, LocalDateTime importedAt)
            throws SQLException {
        ps.setString(1, e.eventId());
        ps.setObject(2, toDb(e.time()));
        ps.setString(3, e.type());
        ps.setString(4, e.method());
        text(ps, 5, e.campaign());
        text(ps, 6, e.recipient());
        text(ps, 7, e.link());
        text(ps, 8, e.variant());
        text(ps, 9, e.target());
        text(ps, 10, e.keyId());
        text(ps, 11, e.reason());
        text(ps, 12, e.clientIp());
        text(ps, 13, e.userAgent());
        ps.setString(14, e.node());
        text(ps, 15, e.requestPath());
        if (fileId == null) {
            ps.setNull(16, Types.BIGINT);
        } else {
            ps.setLong(16, fileId);
        }
        if (e.fileSeq() == null) {
            ps.setNull(17, Types.BIGINT);
        } else {
            ps.setLong(17, e.fileSeq());
        }
        ps.setObject(18, importedAt);
        EventFlags f = e.flags();
        ps.setBoolean(19, f.botUa());
        ps.setBoolean(20, f.securityScanner());
        ps.setBoolean(21, f.prefetch());
        ps.setBoolean(22, f.mppSuspect());
        ps.setBoolean(23, f.tooFastAfterSend());
        text(ps, 24, f.uaClass());
        text(ps, 25, f.uaName());
        text(ps, 26, f.deviceClass());
        if (f.equals(EventFlags.NONE)) {
            ps.setNull(27, Types.TIMESTAMP);
        } else {
            ps.setObject(27, importedAt);
        }
        if (f.rulesVersion() == null) {
            ps.setNull(28, Types.INTEGER);
        } else {
            ps.setInt(28, f.rulesVersion());
        }
    }

    private static void text(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null || value.isEmpty()) {
            ps.setNull(index, Types.NVARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /** Outcome of {@link #insertBatch}: inserted + duplicates = the batch size. */
    public record InsertResult(int inserted, int duplicates) {
    }

    /** An event as stored, with its row id, import file, import time and the computed is_clean. */
    public record StoredEvent(long id, RawEvent event, Long fileId, Instant importedAt, boolean clean) {
    }
}

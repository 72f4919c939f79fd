package cz.proklik.erp.event;

import cz.proklik.erp.db.BatchCounts;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * What {@code proklik flags recompute} reads and writes: the stored events of a selection (a campaign, events since
 * a time) in id slices, and their per-event flags. The database rules themselves are {@link EventFlagRulesDao}'s.
 */
public final class FlagRecomputeDao {
    /** Matches every campaign: the selection's campaign parameter when none is given. */
    public static final String ANY_CAMPAIGN = "";

    /** Imported responses (schema 8.0) are left out: no flag rule is about them, they are never flagged. */
    private static final String SELECTION = """
             AND (? = '' OR campaign_id = ?) AND event_time >= ? AND event_type <> 'response'""";

    private final JdbcTemplate jdbc;

    public FlagRecomputeDao(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The lowest and highest id of the selected events, if there is any. */
    public Optional<IdRange> range(Selection s) {
        IdRange range = jdbc.queryForObject("SELECT MIN(id) AS lo, MAX(id) AS hi FROM pkl_event WHERE 1 = 1"
                + SELECTION, (rs, i) -> {
                    long lo = rs.getLong("lo");
                    return rs.wasNull() ? null : new IdRange(lo - 1, rs.getLong("hi"));
                }, s.campaign(), s.campaign(), toDb(s.since()));
        return Optional.ofNullable(range);
    }

    /** The selected events with ids in (afterId, upToId], in id order. */
    public List<Stored> slice(long afterId, long upToId, Selection s) {
        return jdbc.query("""
                SELECT id, event_id, event_time, event_type, method, campaign_id, recipient_id, link_id, variant,
                       target, key_id, reason, client_ip, user_agent, node, request_path, is_bot_ua,
                       is_security_scanner, is_prefetch, is_mpp_suspect, is_too_fast_after_send, burst_rule
                FROM pkl_event WHERE id > ? AND id <= ?""" + SELECTION + " ORDER BY id", (rs, i) -> new Stored(
                rs.getLong("id"), rs.getString("event_id").strip(), fromDb(rs, "event_time"),
                rs.getString("event_type"), rs.getString("method"), rs.getString("campaign_id"),
                rs.getString("recipient_id"), rs.getString("link_id"), rs.getString("variant"),
                rs.getString("target"), rs.getString("key_id"), rs.getString("reason"), rs.getString("client_ip"),
                rs.getString("user_agent"), rs.getString("node"), rs.getString("request_path"),
                signature(rs.getBoolean("is_bot_ua"), rs.getBoolean("is_security_scanner"),
                        rs.getBoolean("is_prefetch"), rs.getBoolean("is_mpp_suspect"),
                        rs.getBoolean("is_too_fast_after_send"), rs.getString("burst_rule")),
                rs.getBoolean("is_security_scanner") && rs.getString("burst_rule") == null,
                rs.getBoolean("is_mpp_suspect")),
                afterId, upToId, s.campaign(), s.campaign(), toDb(s.since()));
    }

    /**
     * Writes the per-event flags of the given rows and clears what the database rules set (they run again next),
     * in the caller's transaction or one of its own.
     */
    public int writePerEventFlags(List<PerEventFlags> rows, Instant now) {
        if (rows.isEmpty()) {
            return 0;
        }
        int[] counts = jdbc.batchUpdate("""
                UPDATE pkl_event SET is_bot_ua = ?, is_security_scanner = ?, is_prefetch = ?, is_mpp_suspect = ?,
                       is_too_fast_after_send = 0, burst_rule = NULL, ua_class = ?, ua_name = ?, device_class = ?,
                       rules_version = ?, flagged_at = ?
                WHERE id = ?""", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                PerEventFlags r = rows.get(i);
                EventFlags f = r.flags();
                ps.setBoolean(1, f.botUa());
                ps.setBoolean(2, f.securityScanner());
                ps.setBoolean(3, f.prefetch());
                ps.setBoolean(4, f.mppSuspect());
                text(ps, 5, f.uaClass());
                text(ps, 6, f.uaName());
                text(ps, 7, f.deviceClass());
                if (f.rulesVersion() == null) {
                    ps.setNull(8, Types.INTEGER);
                } else {
                    ps.setInt(8, f.rulesVersion());
                }
                ps.setObject(9, toDb(now));
                ps.setLong(10, r.id());
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
        return BatchCounts.rowsChanged(counts);
    }

    private static void text(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null || value.isEmpty()) {
            ps.setNull(index, Types.NVARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /** All flags of an event in one comparable value, to count what a recompute changed. */
    static String signature(boolean bot, boolean scanner, boolean prefetch, boolean mpp, boolean tooFast,
                            String burstRule) {
        return (bot ? "b" : "-") + (scanner ? "s" : "-") + (prefetch ? "p" : "-") + (mpp ? "m" : "-")
                + (tooFast ? "t" : "-") + (burstRule == null ? "" : burstRule);
    }

    /**
     * Which stored events a recompute covers.
     *
     * @param campaign one campaign id, or {@link #ANY_CAMPAIGN}
     * @param since    events at or after this time (use {@link Instant#EPOCH} for all)
     */
    public record Selection(String campaign, Instant since) {
        public Selection {
            campaign = campaign == null ? ANY_CAMPAIGN : campaign;
            since = since == null ? Instant.EPOCH : since;
        }
    }

    /** Ids in (afterId, upToId]. */
    public record IdRange(long afterId, long upToId) {
    }

    /**
     * A stored event as the rules see it, with the signature of the flags it has now, and the per-event scanner and
     * MPP flags the import set (a scanner flag with a burst rule is the burst's).
     */
    public record Stored(long id, String eventId, Instant time, String type, String method, String campaign,
                         String recipient, String link, String variant, String target, String keyId, String reason,
                         String clientIp, String userAgent, String node, String requestPath, String flags,
                         boolean perEventScanner, boolean mpp) {

        /**
         * Whether the retention (docs/privacy.md) or an erasure cleared the client address and the user agent: the
         * per-event rules have nothing left to judge (an empty agent would read as a bot), so its flags stay.
         */
        public boolean detailsCleared() {
            return clientIp == null && userAgent == null;
        }
    }

    /** New per-event flags for the event with this row id. */
    public record PerEventFlags(long id, EventFlags flags) {
    }
}

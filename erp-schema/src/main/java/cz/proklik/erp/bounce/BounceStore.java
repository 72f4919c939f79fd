package cz.proklik.erp.bounce;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * The bounce ledger: the messages taken from a bounce source ({@code pkl_bounce_message}, once each) and their
 * recipients' verdicts ({@code pkl_bounce}), with the history the suppression rules read.
 */
public class BounceStore {
    private static final RowMapper<BounceRecord> BOUNCE = (rs, i) -> new BounceRecord(rs.getLong("bounce_id"),
            rs.getLong("bounce_message_id"), rs.getString("email"), rs.getString("kind"), rs.getString("reason"),
            rs.getString("status_code"), rs.getString("diagnostic"), rs.getString("campaign_id"),
            rs.getString("recipient_id"), rs.getString("matched_by"), fromDb(rs, "occurred_at"));

    private final NamedParameterJdbcTemplate jdbc;

    public BounceStore(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    public boolean seen(String messageKey) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_bounce_message WHERE message_key = :k",
                new MapSqlParameterSource("k", messageKey), Integer.class);
        return n != null && n > 0;
    }

    /** @return the new row's id */
    public long insertMessage(String messageKey, String messageId, String source, String kind, String format,
                              Instant receivedAt, Instant processedAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO pkl_bounce_message (message_key, message_id, source, kind, format, received_at,
                                                processed_at)
                VALUES (:k, :m, :s, :kind, :f, :r, :p)""", new MapSqlParameterSource("k", messageKey)
                .addValue("m", messageId).addValue("s", source).addValue("kind", kind).addValue("f", format)
                .addValue("r", toDb(receivedAt)).addValue("p", toDb(processedAt)), key,
                new String[] {"bounce_message_id"});
        return Objects.requireNonNull(key.getKey(), "generated bounce_message_id").longValue();
    }

    /** @return the new row's id ({@code record.bounceId()} is ignored) */
    public long insertBounce(BounceRecord r) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO pkl_bounce (bounce_message_id, email, kind, reason, status_code, diagnostic, campaign_id,
                                        recipient_id, matched_by, occurred_at)
                VALUES (:m, :e, :k, :r, :s, :d, :c, :rc, :by, :t)""", new MapSqlParameterSource("m", r.messageRowId())
                .addValue("e", r.email().toLowerCase(Locale.ROOT)).addValue("k", r.kind()).addValue("r", r.reason())
                .addValue("s", r.status()).addValue("d", r.diagnostic()).addValue("c", r.campaignId())
                .addValue("rc", r.recipientId()).addValue("by", r.matchedBy()).addValue("t", toDb(r.occurredAt())),
                key, new String[] {"bounce_id"});
        return Objects.requireNonNull(key.getKey(), "generated bounce_id").longValue();
    }

    /** Soft bounces of {@code email} after {@code since} (exclusive) whose reason is one of {@code reasons}. */
    public int softBouncesSince(String email, Instant since, Collection<String> reasons) {
        Integer n = jdbc.queryForObject("""
                SELECT COUNT(*) FROM pkl_bounce
                WHERE email = :e AND occurred_at > :since AND kind = 'soft' AND reason IN (:reasons)""",
                new MapSqlParameterSource("e", email.toLowerCase(Locale.ROOT)).addValue("since", toDb(since))
                        .addValue("reasons", reasons), Integer.class);
        return n == null ? 0 : n;
    }

    /**
     * The last sign that mail to {@code email} arrives: its latest open or click, or the latest send to it that has
     * not bounced and went out before {@code deliveredBefore} (a bounce would have come back by then). Null: none.
     */
    public Instant lastSignOfLife(String email, Instant deliveredBefore) {
        MapSqlParameterSource p = new MapSqlParameterSource("a", email).addValue("lower",
                email.toLowerCase(Locale.ROOT)).addValue("before", toDb(deliveredBefore));
        Instant reaction = jdbc.query("""
                SELECT MAX(e.event_time) AS t FROM pkl_send s
                JOIN pkl_event e ON e.campaign_id = s.campaign_id AND e.recipient_id = s.recipient_id
                WHERE s.email IN (:a, :lower) AND e.event_type IN ('open', 'click')""", p,
                rs -> rs.next() ? fromDb(rs, "t") : null);
        Instant delivered = jdbc.query("""
                SELECT MAX(sent_at) AS t FROM pkl_send
                WHERE email IN (:a, :lower) AND status = 'sent' AND sent_at <= :before""", p,
                rs -> rs.next() ? fromDb(rs, "t") : null);
        if (reaction == null) {
            return delivered;
        }
        return delivered == null || reaction.isAfter(delivered) ? reaction : delivered;
    }

    public List<BounceRecord> recent(int limit) {
        return jdbc.query("SELECT TOP (:n) * FROM pkl_bounce ORDER BY occurred_at DESC, bounce_id DESC",
                new MapSqlParameterSource("n", limit), BOUNCE);
    }

    public List<BounceRecord> ofEmail(String email) {
        return jdbc.query("SELECT * FROM pkl_bounce WHERE email = :e ORDER BY occurred_at, bounce_id",
                new MapSqlParameterSource("e", email.toLowerCase(Locale.ROOT)), BOUNCE);
    }

    /** Blocks against the sender since {@code since}, per campaign and reason: the alerts of {@code bounces list}. */
    public List<Alert> alerts(Instant since, Collection<String> senderReasons) {
        return jdbc.query("""
                SELECT campaign_id, reason, COUNT(*) AS n, MAX(occurred_at) AS last_at FROM pkl_bounce
                WHERE occurred_at >= :since AND reason IN (:reasons)
                GROUP BY campaign_id, reason ORDER BY MAX(occurred_at) DESC""",
                new MapSqlParameterSource("since", toDb(since)).addValue("reasons", senderReasons),
                (rs, i) -> new Alert(rs.getString("campaign_id"), rs.getString("reason"), rs.getInt("n"),
                        fromDb(rs, "last_at")));
    }

    /** Messages per kind (bounce, complaint, auto_reply, notice, not_bounce) in the ledger. */
    public List<KindCount> messageKinds() {
        return jdbc.query("SELECT kind, COUNT(*) AS n FROM pkl_bounce_message GROUP BY kind ORDER BY kind",
                new MapSqlParameterSource(), (rs, i) -> new KindCount(rs.getString("kind"), rs.getInt("n")));
    }

    /** Clears the diagnostic texts (they can quote addresses) of bounces older than {@code before}. @return rows */
    public int clearDiagnosticsBefore(Instant before) {
        return jdbc.update("UPDATE pkl_bounce SET diagnostic = NULL WHERE occurred_at < :t AND diagnostic IS NOT NULL",
                new MapSqlParameterSource("t", toDb(before)));
    }

    public record Alert(String campaignId, String reason, int count, Instant lastAt) {
    }

    public record KindCount(String kind, int count) {
    }
}

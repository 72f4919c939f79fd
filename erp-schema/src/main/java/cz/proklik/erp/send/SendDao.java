package cz.proklik.erp.send;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/** Per-recipient sends ({@code pkl_send}), keyed by (campaign, recipient). */
public class SendDao {

    private static final RowMapper<Send> SEND = (rs, i) -> new Send(
            rs.getString("campaign_id"), rs.getString("recipient_id"), rs.getString("email"),
            rs.getString("variant"), fromDb(rs, "sent_at"), SendStatus.fromCode(rs.getString("status")),
            rs.getString("error_text"), BounceKind.fromCode(rs.getString("bounce_kind")), fromDb(rs, "bounced_at"));

    /** IN-list size when reading the rows an upsert overwrites (SQL Server allows 2100 parameters). */
    private static final int KEYS_PER_QUERY = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public SendDao(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public SendDao(DataSource dataSource, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.clock = clock;
    }

    /**
     * Inserts or overwrites the sends in one transaction; within {@code sends} the last row for a
     * (campaign, recipient) wins. The rows that exist are read first (their counts move), then updated, and the
     * others inserted: plain SQL both engines run the same way (MERGE differs in detail). The read locks the keys
     * on SQL Server (UPDLOCK, HOLDLOCK: also the missing ones); on H2 the unique key catches a concurrent writer.
     *
     * @return the number of distinct (campaign, recipient) rows written
     */
    public int upsert(Collection<Send> sends) {
        Map<String, Send> distinct = new LinkedHashMap<>();
        for (Send s : sends) {
            distinct.put(key(s.campaignId(), s.recipientId()), s);
        }
        List<Send> rows = new ArrayList<>(distinct.values());
        if (rows.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        return tx.execute(status -> {
            SendCounts counts = new SendCounts();
            Set<String> existing = forgetExisting(rows, counts);
            List<SqlParameterSource> present = new ArrayList<>();
            List<SqlParameterSource> missing = new ArrayList<>();
            for (Send s : rows) {
                (existing.contains(key(s.campaignId(), s.recipientId())) ? present : missing).add(params(s, now));
            }
            if (!present.isEmpty()) {
                jdbc.batchUpdate("""
                        UPDATE pkl_send WITH (UPDLOCK, HOLDLOCK) SET email = :email, variant = :variant, sent_at = :sentAt, status = :status,
                               error_text = :error, bounce_kind = :bounceKind, bounced_at = :bouncedAt, updated_at = :now
                        WHERE campaign_id = :campaign AND recipient_id = :recipient""",
                        present.toArray(SqlParameterSource[]::new));
            }
            if (!missing.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO pkl_send (campaign_id, recipient_id, email, variant, sent_at, status, error_text,
                                              bounce_kind, bounced_at, updated_at)
                        VALUES (:campaign, :recipient, :email, :variant, :sentAt, :status, :error, :bounceKind,
                                :bouncedAt, :now)""", missing.toArray(SqlParameterSource[]::new));
            }
            rows.forEach(s -> counts.add(s.campaignId(), s.variant(), s.status(), s.bounceKind()));
            counts.applyTo(jdbc.getJdbcTemplate());
            return rows.size();
        });
    }

    /**
     * Runs {@code work} in one transaction: the upserts it makes commit together or not at all (each
     * {@link #upsert} joins it).
     */
    public <T> T inOneTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    /** Records a bounce reported after sending (DSN, mailbox full, ...). */
    public boolean markBounced(String campaignId, String recipientId, BounceKind kind, Instant bouncedAt,
                               String errorText) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            // Locked to commit: the counts move from what the row was to what it becomes.
            Optional<Send> before = jdbc.query("SELECT * FROM pkl_send WITH (UPDLOCK, HOLDLOCK) WHERE campaign_id = :c AND recipient_id = :r",
                    new MapSqlParameterSource("c", campaignId).addValue("r", recipientId), SEND).stream().findFirst();
            if (before.isEmpty()) {
                return false;
            }
            jdbc.update("""
                    UPDATE pkl_send SET status = 'bounced', bounce_kind = :kind, bounced_at = :at, error_text = :error,
                           updated_at = :now
                    WHERE campaign_id = :campaign AND recipient_id = :recipient""",
                    new MapSqlParameterSource("campaign", campaignId).addValue("recipient", recipientId)
                            .addValue("kind", kind.code()).addValue("at", toDb(bouncedAt))
                            .addValue("error", errorText).addValue("now", toDb(clock.instant())));
            SendCounts counts = new SendCounts();
            Send old = before.get();
            counts.remove(campaignId, old.variant(), old.status(), old.bounceKind());
            counts.add(campaignId, old.variant(), SendStatus.BOUNCED, kind);
            counts.applyTo(jdbc.getJdbcTemplate());
            return true;
        }));
    }

    /**
     * Takes the rows that {@code rows} are about to overwrite out of the counts, a few hundred keys per query.
     *
     * @return the {@link #key}s of the rows that exist
     */
    private Set<String> forgetExisting(List<Send> rows, SendCounts counts) {
        Set<String> existing = new HashSet<>();
        Map<String, List<String>> byCampaign = new LinkedHashMap<>();
        for (Send s : rows) {
            byCampaign.computeIfAbsent(s.campaignId(), c -> new ArrayList<>()).add(s.recipientId());
        }
        for (Map.Entry<String, List<String>> e : byCampaign.entrySet()) {
            List<String> ids = e.getValue();
            for (int from = 0; from < ids.size(); from += KEYS_PER_QUERY) {
                // Joined from a VALUES list: H2 uses an IN list only on an index's first column, so
                // "recipient_id IN (...)" would read every send of the campaign for each batch.
                jdbc.query("""
                        SELECT v.recipient_id, s.variant, s.status, s.bounce_kind
                        FROM (VALUES :ids) AS v(recipient_id)
                        JOIN pkl_send s WITH (UPDLOCK, HOLDLOCK) ON s.campaign_id = :campaign AND s.recipient_id = v.recipient_id""",
                        new MapSqlParameterSource("campaign", e.getKey()).addValue("ids",
                                ids.subList(from, Math.min(ids.size(), from + KEYS_PER_QUERY)).stream()
                                        .map(id -> new Object[] {id}).toList()),
                        rs -> {
                            // The id as given (v.): SQL Server's collation may match it with another case.
                            existing.add(key(e.getKey(), rs.getString("recipient_id")));
                            counts.remove(e.getKey(), rs.getString("variant"),
                                    SendStatus.fromCode(rs.getString("status")),
                                    BounceKind.fromCode(rs.getString("bounce_kind")));
                        });
            }
        }
        return existing;
    }

    /** One send's (campaign, recipient) as one string, for the sets and maps of an upsert. */
    private static String key(String campaignId, String recipientId) {
        return campaignId + '\n' + recipientId;
    }

    public Optional<Send> find(String campaignId, String recipientId) {
        return jdbc.query("SELECT * FROM pkl_send WHERE campaign_id = :c AND recipient_id = :r",
                new MapSqlParameterSource("c", campaignId).addValue("r", recipientId), SEND).stream().findFirst();
    }

    public List<Send> byCampaign(String campaignId) {
        return jdbc.query("SELECT * FROM pkl_send WHERE campaign_id = :c ORDER BY recipient_id",
                new MapSqlParameterSource("c", campaignId), SEND);
    }

    /**
     * The stored sends of the given recipients of a campaign, by recipient id (absent = none), a few hundred ids per
     * query, each one index lookup (joined from a VALUES list, as {@link #upsert} reads them).
     */
    public Map<String, Send> byRecipients(String campaignId, Collection<String> recipientIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(recipientIds));
        Map<String, Send> found = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += KEYS_PER_QUERY) {
            jdbc.query("""
                    SELECT s.* FROM (VALUES :ids) AS v(recipient_id)
                    JOIN pkl_send s ON s.campaign_id = :campaign AND s.recipient_id = v.recipient_id""",
                    new MapSqlParameterSource("campaign", campaignId).addValue("ids",
                            ids.subList(from, Math.min(ids.size(), from + KEYS_PER_QUERY)).stream()
                                    .map(id -> new Object[] {id}).toList()), SEND)
                    .forEach(s -> found.put(s.recipientId(), s));
        }
        return found;
    }

    public long countByCampaign(String campaignId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_send WHERE campaign_id = :c",
                new MapSqlParameterSource("c", campaignId), Long.class);
        return n == null ? 0 : n;
    }

    private static MapSqlParameterSource params(Send s, Instant now) {
        return new MapSqlParameterSource()
                .addValue("campaign", s.campaignId())
                .addValue("recipient", s.recipientId())
                .addValue("email", s.email())
                .addValue("variant", s.variant())
                .addValue("sentAt", toDb(s.sentAt()))
                .addValue("status", s.status().code())
                .addValue("error", s.errorText())
                .addValue("bounceKind", s.bounceKind() == null ? null : s.bounceKind().code())
                .addValue("bouncedAt", toDb(s.bouncedAt()))
                .addValue("now", toDb(now));
    }
}

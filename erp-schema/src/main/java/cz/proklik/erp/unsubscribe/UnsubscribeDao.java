package cz.proklik.erp.unsubscribe;

import cz.proklik.erp.db.Ids;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/** Opt-outs ({@code pkl_unsubscribe}): one row per campaign and recipient, the earliest request wins. */
public class UnsubscribeDao {

    private static final RowMapper<Unsubscribe> ROW = (rs, i) -> new Unsubscribe(rs.getString("campaign_id"),
            rs.getString("recipient_id"), fromDb(rs, "unsubscribed_at"),
            rs.getString("source_event_id") == null ? null : rs.getString("source_event_id").strip());

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public UnsubscribeDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /**
     * Records an opt-out. Repeated requests (the same link clicked twice, a re-import) keep one row with the
     * earliest time and its event.
     *
     * @return true when this recipient had not unsubscribed from this campaign before
     */
    public boolean record(String campaignId, String recipientId, Instant at, String sourceEventId) {
        Ids.requireId("campaign id", campaignId);
        Ids.requireId("recipient id", recipientId);
        MapSqlParameterSource p = new MapSqlParameterSource("c", campaignId).addValue("r", recipientId)
                .addValue("at", toDb(at)).addValue("ev", sourceEventId);
        return tx.execute(s -> {
            int inserted = jdbc.update("""
                    INSERT INTO pkl_unsubscribe (campaign_id, recipient_id, unsubscribed_at, source_event_id)
                    SELECT :c, :r, :at, :ev
                    WHERE NOT EXISTS (SELECT 1 FROM pkl_unsubscribe WITH (UPDLOCK, HOLDLOCK)
                                      WHERE campaign_id = :c AND recipient_id = :r)""",
                    p);
            if (inserted == 0) {
                jdbc.update("""
                        UPDATE pkl_unsubscribe SET unsubscribed_at = :at, source_event_id = :ev
                        WHERE campaign_id = :c AND recipient_id = :r AND unsubscribed_at > :at""", p);
                return false;
            }
            countOne(p);
            return true;
        });
    }

    /** Adds the new opt-out to pkl_agg_unsubscribe under the recipient's variant (schema V2.4). */
    private void countOne(MapSqlParameterSource p) {
        String variant = jdbc.queryForObject("""
                SELECT COALESCE((SELECT s.variant FROM pkl_send s WHERE s.campaign_id = :c AND s.recipient_id = :r),
                                (SELECT g.variant FROM pkl_agg_recipient g WHERE g.campaign_id = :c AND g.recipient_id = :r),
                                N'')""", p, String.class);
        MapSqlParameterSource key = new MapSqlParameterSource("c", p.getValue("c")).addValue("v", variant);
        if (jdbc.update("UPDATE pkl_agg_unsubscribe WITH (UPDLOCK, HOLDLOCK) SET unsubscribes = unsubscribes + 1"
                + " WHERE campaign_id = :c AND variant = :v", key) == 0) {
            jdbc.update("INSERT INTO pkl_agg_unsubscribe (campaign_id, variant, unsubscribes) VALUES (:c, :v, 1)", key);
        }
    }

    /**
     * Empties pkl_agg_unsubscribe and counts every opt-out again (part of {@code AggregateMaintainer.rebuild}). The
     * opt-outs are read {@code WITH (UPDLOCK, HOLDLOCK)} before the counts are deleted: {@link #record} (an import
     * chunk) inserts its pkl_unsubscribe row first and updates pkl_agg_unsubscribe second, so this takes the two in
     * the same order. Deleting first held pkl_agg_unsubscribe while the read of pkl_unsubscribe waited for a chunk's
     * uncommitted opt-out, and that chunk waited for pkl_agg_unsubscribe: review finding 5's deadlock (no RCSI).
     */
    public static void recountAll(JdbcTemplate jdbc) {
        jdbc.queryForObject("SELECT COUNT(*) FROM pkl_unsubscribe WITH (UPDLOCK, HOLDLOCK)", Long.class);
        jdbc.update("DELETE FROM pkl_agg_unsubscribe");
        jdbc.update("""
                INSERT INTO pkl_agg_unsubscribe (campaign_id, variant, unsubscribes)
                SELECT u.campaign_id, COALESCE(s.variant, r.variant, N''), COUNT(*)
                FROM pkl_unsubscribe u
                LEFT JOIN pkl_send s ON s.campaign_id = u.campaign_id AND s.recipient_id = u.recipient_id
                LEFT JOIN pkl_agg_recipient r ON r.campaign_id = u.campaign_id AND r.recipient_id = u.recipient_id
                GROUP BY u.campaign_id, COALESCE(s.variant, r.variant, N'')""");
    }

    public Optional<Unsubscribe> find(String campaignId, String recipientId) {
        return jdbc.query("SELECT * FROM pkl_unsubscribe WHERE campaign_id = :c AND recipient_id = :r",
                new MapSqlParameterSource("c", campaignId).addValue("r", recipientId), ROW).stream().findFirst();
    }

    public List<Unsubscribe> byCampaign(String campaignId) {
        return jdbc.query("SELECT * FROM pkl_unsubscribe WHERE campaign_id = :c ORDER BY unsubscribed_at",
                new MapSqlParameterSource("c", campaignId), ROW);
    }

    /** One opt-out. */
    public record Unsubscribe(String campaignId, String recipientId, Instant at, String sourceEventId) {
    }
}

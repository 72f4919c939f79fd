package cz.proklik.erp.send;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps {@code pkl_agg_send} (send rows per campaign, variant and outcome; schema V2.2) in step with
 * {@code pkl_send}, so a campaign's sent/delivered/bounced figures cost one row read however many people it went to.
 * A writer of pkl_send collects what its rows were before ({@link #remove}) and after ({@link #add}) and applies the
 * difference in the same transaction ({@link #applyTo}). {@link #recomputeAll} rebuilds the table from pkl_send.
 */
public final class SendCounts {
    /** recipients, sent, failed, bounced, bounced_hard, bounced_soft */
    private static final int COLUMNS = 6;

    private record Key(String campaignId, String variant) {
    }

    private final Map<Key, int[]> delta = new LinkedHashMap<>();

    SendCounts() {
    }

    /** The row as it was before the write (absent rows are simply not removed). */
    void remove(String campaignId, String variant, SendStatus status, BounceKind bounceKind) {
        count(campaignId, variant, status, bounceKind, -1);
    }

    /** The row as it is after the write. */
    void add(String campaignId, String variant, SendStatus status, BounceKind bounceKind) {
        count(campaignId, variant, status, bounceKind, +1);
    }

    private void count(String campaignId, String variant, SendStatus status, BounceKind bounceKind, int sign) {
        int[] d = delta.computeIfAbsent(new Key(campaignId, variant == null ? "" : variant), k -> new int[COLUMNS]);
        boolean bounced = status == SendStatus.BOUNCED;
        d[0] += sign;
        d[1] += status == SendStatus.SENT || bounced ? sign : 0;
        d[2] += status == SendStatus.FAILED ? sign : 0;
        d[3] += bounced ? sign : 0;
        d[4] += bounced && bounceKind == BounceKind.HARD ? sign : 0;
        d[5] += bounced && bounceKind == BounceKind.SOFT ? sign : 0;
    }

    /** Adds the collected difference to pkl_agg_send; call it inside the transaction that wrote pkl_send. */
    void applyTo(JdbcTemplate jdbc) {
        for (Map.Entry<Key, int[]> e : delta.entrySet()) {
            int[] d = e.getValue();
            if (isZero(d)) {
                continue;
            }
            String campaignId = e.getKey().campaignId();
            String variant = e.getKey().variant();
            // The hint holds the key (or the gap where it would be) to commit: a concurrent writer of the same new
            // key waits here instead of both inserting it (review finding 6; H2 ignores table hints).
            int updated = jdbc.update("""
                    UPDATE pkl_agg_send WITH (UPDLOCK, HOLDLOCK) SET recipients = recipients + ?, sent = sent + ?, failed = failed + ?,
                           bounced = bounced + ?, bounced_hard = bounced_hard + ?, bounced_soft = bounced_soft + ?
                    WHERE campaign_id = ? AND variant = ?""", d[0], d[1], d[2], d[3], d[4], d[5], campaignId, variant);
            if (updated == 0) {
                jdbc.update("""
                        INSERT INTO pkl_agg_send (campaign_id, variant, recipients, sent, failed, bounced,
                                                  bounced_hard, bounced_soft)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", campaignId, variant, d[0], d[1], d[2], d[3], d[4], d[5]);
            }
        }
        delta.clear();
    }

    private static boolean isZero(int[] d) {
        for (int v : d) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Empties pkl_agg_send and counts every send row again (part of {@code AggregateMaintainer.rebuild}). The send
     * rows are read {@code WITH (UPDLOCK, HOLDLOCK)} before the counts are deleted: a writer of sends locks its
     * pkl_send rows first and its pkl_agg_send row second, so this takes them in the same order. Deleting first
     * (as before) held pkl_agg_send while waiting for a writer's uncommitted send row, which itself waited for
     * pkl_agg_send - the deadlock of review finding 5 under locking READ COMMITTED (no RCSI).
     */
    public static void recomputeAll(JdbcTemplate jdbc) {
        jdbc.queryForObject("SELECT COUNT(*) FROM pkl_send WITH (UPDLOCK, HOLDLOCK)", Long.class);
        jdbc.update("DELETE FROM pkl_agg_send");
        jdbc.update("""
                INSERT INTO pkl_agg_send (campaign_id, variant, recipients, sent, failed, bounced, bounced_hard,
                                          bounced_soft)
                SELECT s.campaign_id, COALESCE(s.variant, N''), COUNT(*),
                       SUM(CASE WHEN s.status IN ('sent', 'bounced') THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.status = 'failed' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.status = 'bounced' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.status = 'bounced' AND s.bounce_kind = 'hard' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.status = 'bounced' AND s.bounce_kind = 'soft' THEN 1 ELSE 0 END)
                FROM pkl_send s
                GROUP BY s.campaign_id, COALESCE(s.variant, N'')""");
    }
}

package cz.proklik.erp.event;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * The flag rules that need other rows (docs/flags.md, "Database rules"), set-based in the database. Each rule only
 * ever sets a flag, so running it again changes nothing; {@code flags recompute} clears them first.
 *
 * <p>Every UPDATE covers at most {@link #SLICE} ids of {@code pkl_event} (review finding #17): SQL Server escalates
 * a statement's row locks to a table lock past about 5,000 of them, which would hold up a second importer's inserts
 * until the commit. Each slice commits on its own (or joins the caller's transaction).
 */
public final class EventFlagRulesDao {
    /** Ids per statement: below SQL Server's lock-escalation threshold of about 5,000 locks. */
    public static final int SLICE = 4_000;
    /** No file filter: the id range alone says which events a rule looks at. */
    private static final long ANY_FILE = -1;
    /** No campaign or time filter. */
    private static final FlagRecomputeDao.Selection EVERYTHING = new FlagRecomputeDao.Selection(null, null);

    private static final String TOO_FAST = """
            UPDATE pkl_event SET is_too_fast_after_send = 1, flagged_at = :now
            WHERE id > :lo AND id <= :hi AND (:file < 0 OR file_id = :file)
              AND (:campaign = '' OR campaign_id = :campaign) AND event_time >= :since
              AND is_too_fast_after_send = 0 AND event_type IN ('open', 'click')
              AND EXISTS (SELECT 1 FROM pkl_send s
                          WHERE s.campaign_id = pkl_event.campaign_id AND s.recipient_id = pkl_event.recipient_id
                            AND s.sent_at IS NOT NULL
                            AND pkl_event.event_time < DATEADD(MILLISECOND,
                                CASE WHEN pkl_event.event_type = 'open' THEN :openMs ELSE :clickMs END, s.sent_at))""";

    private static final String CLICK_BURST = """
            UPDATE pkl_event SET is_security_scanner = 1, burst_rule = 'click', flagged_at = :now
            WHERE id > :lo AND id <= :hi AND (:file < 0 OR file_id = :file)
              AND (:campaign = '' OR campaign_id = :campaign) AND event_time >= :since
              AND burst_rule IS NULL AND event_type = 'click'
              AND (SELECT COUNT(DISTINCT o.link_id) FROM pkl_event o
                   WHERE o.campaign_id = pkl_event.campaign_id AND o.recipient_id = pkl_event.recipient_id
                     AND o.event_type = 'click'
                     AND o.event_time BETWEEN DATEADD(MILLISECOND, -:windowMs, pkl_event.event_time)
                                          AND DATEADD(MILLISECOND, :windowMs, pkl_event.event_time)) >= :links""";

    /** A click of a flagged burst by the same recipient, campaign and client address near the open's time. */
    private static final String BURST_NEAR_OPEN = """
            SELECT 1 FROM pkl_event c
            WHERE c.campaign_id = pkl_event.campaign_id AND c.recipient_id = pkl_event.recipient_id
              AND c.client_ip = pkl_event.client_ip AND c.event_type = 'click' AND c.burst_rule = 'click'
              AND c.event_time BETWEEN DATEADD(MILLISECOND, -:windowMs, pkl_event.event_time)
                                   AND DATEADD(MILLISECOND, :windowMs, pkl_event.event_time)""";

    private static final String OPEN_WITH_BURST = """
            UPDATE pkl_event SET is_security_scanner = 1, flagged_at = :now,
                   burst_rule = CASE WHEN EXISTS (""" + BURST_NEAR_OPEN + """
             AND c.event_time >= pkl_event.event_time)
                                     THEN 'open_before' ELSE 'open_after' END
            WHERE id > :lo AND id <= :hi AND (:file < 0 OR file_id = :file)
              AND (:campaign = '' OR campaign_id = :campaign) AND event_time >= :since
              AND burst_rule IS NULL AND event_type = 'open'
              AND pkl_event.client_ip IS NOT NULL AND EXISTS (""" + BURST_NEAR_OPEN + ")";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public EventFlagRulesDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /**
     * Runs every database rule over the events of one imported file: too fast after the send, click bursts, then
     * the opens beside a burst (which need the bursts' clicks flagged first).
     *
     * @return the rows each rule updated, added up
     */
    public int applyToFile(long fileId, Thresholds thresholds, Instant now) {
        MapSqlParameterSource bounds = new MapSqlParameterSource("file", fileId);
        Long lo = jdbc.queryForObject("SELECT MIN(id) FROM pkl_event WHERE file_id = :file", bounds, Long.class);
        Long hi = jdbc.queryForObject("SELECT MAX(id) FROM pkl_event WHERE file_id = :file", bounds, Long.class);
        if (lo == null || hi == null) {
            return 0;
        }
        // Another importer's rows may sit between this file's ids: the file's id keeps them out of the update.
        int updated = 0;
        for (String rule : new String[]{TOO_FAST, CLICK_BURST, OPEN_WITH_BURST}) {
            updated += sliced(rule, fileId, EVERYTHING, lo - 1, hi, thresholds, now);
        }
        return updated;
    }

    /**
     * The rules that flag one event from others (too fast, click burst), for the selected events with ids in
     * (afterId, upToId] (flags recompute; it clears their database flags first).
     */
    public int applyEventRules(long afterId, long upToId, Thresholds thresholds, Instant now,
                               FlagRecomputeDao.Selection selection) {
        return sliced(TOO_FAST, ANY_FILE, selection, afterId, upToId, thresholds, now)
                + sliced(CLICK_BURST, ANY_FILE, selection, afterId, upToId, thresholds, now);
    }

    /** The open-with-burst rule for the selected ids in (afterId, upToId]; after {@link #applyEventRules} of all. */
    public int applyOpenWithBurst(long afterId, long upToId, Thresholds thresholds, Instant now,
                                  FlagRecomputeDao.Selection selection) {
        return sliced(OPEN_WITH_BURST, ANY_FILE, selection, afterId, upToId, thresholds, now);
    }

    private int sliced(String sql, long fileId, FlagRecomputeDao.Selection selection, long afterId, long upToId,
                       Thresholds t, Instant now) {
        int updated = 0;
        for (long lo = afterId; lo < upToId; lo += SLICE) {
            MapSqlParameterSource p = new MapSqlParameterSource()
                    .addValue("file", fileId)
                    .addValue("campaign", selection.campaign())
                    .addValue("since", toDb(selection.since()))
                    .addValue("lo", lo)
                    .addValue("hi", Math.min(lo + SLICE, upToId))
                    .addValue("openMs", t.tooFastOpen().toMillis())
                    .addValue("clickMs", t.tooFastClick().toMillis())
                    .addValue("windowMs", t.burstWindow().toMillis())
                    .addValue("links", t.burstLinks())
                    .addValue("now", toDb(now));
            updated += tx.execute(status -> jdbc.update(sql, p));
        }
        return updated;
    }

    /**
     * The settings of the database rules.
     *
     * @param tooFastOpen  an open sooner than this after the recipient's send is flagged
     * @param tooFastClick a click sooner than this after the send is flagged
     * @param burstWindow  clicks within this time either side of a click count towards its burst
     * @param burstLinks   distinct links within the window that make a burst (at least 2)
     */
    public record Thresholds(Duration tooFastOpen, Duration tooFastClick, Duration burstWindow, int burstLinks) {
        public Thresholds {
            Objects.requireNonNull(tooFastOpen, "tooFastOpen");
            Objects.requireNonNull(tooFastClick, "tooFastClick");
            Objects.requireNonNull(burstWindow, "burstWindow");
            if (burstLinks < 2) {
                throw new IllegalArgumentException("burst links must be at least 2: " + burstLinks);
            }
        }
    }
}

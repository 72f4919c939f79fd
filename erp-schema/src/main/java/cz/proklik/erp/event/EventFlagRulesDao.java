package cz.proklik.erp.event;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

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

    /** Ids of a file {@link #applyToFile} reads and decides at a time: its memory, not its locks (it reads). */
    static final int BLOCK = 20_000;
    /** Near clicks of times closer than this are read by one statement (a file's events are close in time). */
    private static final Duration MERGE_GAP = Duration.ofMinutes(1);

    /**
     * The counted opens and clicks of an id range, with the recipient's send time; the caller keeps its file's. No
     * file_id in the WHERE: H2 then reads the whole file through ix_pkl_event_file for every block instead of the
     * primary key's range (measured: three quarters of the finish step).
     */
    private static final String FILE_BLOCK = """
            SELECT e.id, e.file_id, e.event_type, e.campaign_id, e.recipient_id, e.event_time, e.client_ip, e.burst_rule,
                   e.is_too_fast_after_send, s.sent_at
            FROM pkl_event e
            LEFT JOIN pkl_send s ON s.campaign_id = e.campaign_id AND s.recipient_id = e.recipient_id
            WHERE e.id > :lo AND e.id <= :hi AND e.event_type IN ('open', 'click')
              AND e.campaign_id IS NOT NULL AND e.recipient_id IS NOT NULL""";

    /** A campaign's stored clicks in a time range (ix_pkl_event_campaign_type_time), of every file. */
    private static final String NEAR_CLICKS = """
            SELECT o.id, o.file_id, o.recipient_id, o.link_id, o.event_time, o.client_ip, o.burst_rule
            FROM pkl_event o
            WHERE o.campaign_id = :campaign AND o.event_type = 'click' AND o.event_time BETWEEN :from AND :to""";

    private static final String SET_TOO_FAST = """
            UPDATE pkl_event SET is_too_fast_after_send = 1, flagged_at = :now WHERE id = :id""";
    private static final String SET_CLICK_BURST = """
            UPDATE pkl_event SET is_security_scanner = 1, burst_rule = 'click', flagged_at = :now WHERE id = :id""";
    private static final String SET_OPEN_BURST = """
            UPDATE pkl_event SET is_security_scanner = 1, burst_rule = :rule, flagged_at = :now WHERE id = :id""";

    private static final RowMapper<NeighbourFlags.FileEvent> FILE_EVENT = (rs, i) -> new NeighbourFlags.FileEvent(
            rs.getLong("id"), "open".equals(rs.getString("event_type")), rs.getString("campaign_id"),
            rs.getString("recipient_id"), rs.getObject("event_time", LocalDateTime.class), rs.getString("client_ip"),
            rs.getString("burst_rule"), rs.getBoolean("is_too_fast_after_send"),
            rs.getObject("sent_at", LocalDateTime.class));

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final int blockIds;

    public EventFlagRulesDao(DataSource dataSource) {
        this(dataSource, BLOCK);
    }

    /** With {@link #applyToFile} deciding {@code block} ids of a file at a time (tests cross blocks with few rows). */
    public EventFlagRulesDao(DataSource dataSource, int block) {
        if (block < 1) {
            throw new IllegalArgumentException("block must be at least 1: " + block);
        }
        this.blockIds = block;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /**
     * Runs every database rule over the events of one imported file, as the statements above would in their order
     * (too fast after the send, click bursts, then the opens beside a burst), but decided in memory
     * ({@link NeighbourFlags}) from the file's events, read {@link #BLOCK} ids at a time, and the stored clicks near
     * them, read by campaign and time; only the events a rule flags are written. Measured (bench/RESULTS.md, session
     * 12): the statements spent most of the import's finish step evaluating a correlated subquery per event, three
     * times over. Joins the caller's transaction.
     *
     * @return the rows each rule updated, added up
     */
    public int applyToFile(long fileId, Thresholds thresholds, Instant now) {
        FlagRecomputeDao.IdRange ids = idsOf(fileId);
        if (ids == null) {
            return 0;
        }
        long hi = ids.upToId();
        NeighbourFlags rules = new NeighbourFlags(thresholds);
        int updated = 0;
        for (long from = ids.afterId(); from < hi; from += blockIds) {
            long to = Math.min(from + blockIds, hi);
            // Another importer's rows may sit between this file's ids: the file's id keeps them out of the block.
            List<NeighbourFlags.FileEvent> events = new ArrayList<>();
            jdbc.query(FILE_BLOCK, new MapSqlParameterSource().addValue("lo", from).addValue("hi", to), rs -> {
                if (rs.getLong("file_id") == fileId) {
                    events.add(FILE_EVENT.mapRow(rs, 0));
                }
            });
            if (!events.isEmpty()) {
                NeighbourFlags.Decisions decisions = rules.decide(events, nearClicks(events, fileId, rules.reach()));
                updated += write(decisions, now);
            }
        }
        return updated;
    }

    /**
     * The same rules over one file's events as set-based statements, one per rule and {@link #SLICE} ids: what
     * {@link #applyToFile} did before session 12, and the reference it is tested against (the statements are the
     * ones flags recompute runs).
     *
     * @return the rows each rule updated, added up
     */
    public int applyToFileByStatements(long fileId, Thresholds thresholds, Instant now) {
        FlagRecomputeDao.IdRange ids = idsOf(fileId);
        if (ids == null) {
            return 0;
        }
        int updated = 0;
        for (String rule : new String[]{TOO_FAST, CLICK_BURST, OPEN_WITH_BURST}) {
            updated += sliced(rule, fileId, EVERYTHING, ids.afterId(), ids.upToId(), thresholds, now);
        }
        return updated;
    }

    /** The ids (before the first, up to the last) of a file's events; null when it stored none. */
    private FlagRecomputeDao.IdRange idsOf(long fileId) {
        return jdbc.queryForObject("SELECT MIN(id) AS lo, MAX(id) AS hi FROM pkl_event WHERE file_id = :file",
                new MapSqlParameterSource("file", fileId), (rs, i) -> rs.getObject("lo") == null ? null
                        : new FlagRecomputeDao.IdRange(rs.getLong("lo") - 1, rs.getLong("hi")));
    }

    /** Per campaign, the stored clicks within {@code reach} of the block's events: one read per run of close times. */
    private Map<String, List<NeighbourFlags.NearClick>> nearClicks(List<NeighbourFlags.FileEvent> block, long fileId,
                                                                   Duration reach) {
        Map<String, TreeSet<LocalDateTime>> times = new TreeMap<>();
        block.forEach(e -> times.computeIfAbsent(e.campaign(), c -> new TreeSet<>()).add(e.time()));
        Map<String, List<NeighbourFlags.NearClick>> near = new HashMap<>();
        times.forEach((campaign, at) -> {
            List<NeighbourFlags.NearClick> clicks = new ArrayList<>();
            LocalDateTime start = null;
            LocalDateTime end = null;
            for (LocalDateTime t : at) {
                if (start != null && t.minus(reach).isAfter(end.plus(MERGE_GAP))) {
                    clicks.addAll(clicksBetween(campaign, start, end, fileId));
                    start = null;
                }
                if (start == null) {
                    start = t.minus(reach);
                }
                end = t.plus(reach);
            }
            clicks.addAll(clicksBetween(campaign, start, end, fileId));
            near.put(campaign, clicks);
        });
        return near;
    }

    private List<NeighbourFlags.NearClick> clicksBetween(String campaign, LocalDateTime from, LocalDateTime to,
                                                        long fileId) {
        return jdbc.query(NEAR_CLICKS, new MapSqlParameterSource().addValue("campaign", campaign)
                .addValue("from", from).addValue("to", to), (rs, i) -> new NeighbourFlags.NearClick(rs.getLong("id"),
                rs.getLong("file_id") == fileId, rs.getString("recipient_id"), rs.getString("link_id"),
                rs.getObject("event_time", LocalDateTime.class), rs.getString("client_ip"),
                rs.getString("burst_rule")));
    }

    private int write(NeighbourFlags.Decisions d, Instant now) {
        LocalDateTime at = toDb(now);
        batch(SET_TOO_FAST, d.tooFast().stream().map(id -> new MapSqlParameterSource("now", at).addValue("id", id))
                .toList());
        batch(SET_CLICK_BURST, d.clickBursts().stream().map(id -> new MapSqlParameterSource("now", at)
                .addValue("id", id)).toList());
        batch(SET_OPEN_BURST, d.openBursts().entrySet().stream().map(e -> new MapSqlParameterSource("now", at)
                .addValue("id", e.getKey()).addValue("rule", e.getValue())).toList());
        return d.size();
    }

    private void batch(String sql, List<MapSqlParameterSource> rows) {
        if (!rows.isEmpty()) {
            tx.executeWithoutResult(status -> jdbc.batchUpdate(sql, rows.toArray(MapSqlParameterSource[]::new)));
        }
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

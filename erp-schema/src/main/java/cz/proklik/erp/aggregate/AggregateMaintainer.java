package cz.proklik.erp.aggregate;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

import cz.proklik.erp.db.LockRetry;
import cz.proklik.erp.send.SendCounts;
import cz.proklik.erp.unsubscribe.UnsubscribeDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the analytics layer ({@code pkl_agg_*}, schema V2) in step with the raw events, set-based, in the database.
 * <ul>
 *   <li>{@link #addFile(long)} folds the open and click events of one imported file in: totals are added, first/last
 *       times are min/max-ed ({@code MERGE}) per campaign+recipient and campaign+recipient+link, hour buckets are
 *       added, the clean clicks are copied for attribution, and the per-campaign and per-link totals grow by the
 *       file's counts; a unique count grows only by the recipients who had no such event before (checked against the
 *       per-recipient rows before the file is merged into them), so unique counts stay exact however the events of
 *       one recipient are spread over files, and the cost is proportional to the file, not to the campaign.
 *       Idempotent per file: {@code pkl_agg_file_done} records it in the same transaction, and a second call does
 *       nothing.</li>
 *   <li>{@link #rebuild()} empties the aggregates and recomputes them from {@code pkl_event} (raw is the source of
 *       truth): after flags of already folded events changed, or after sends arrived with new send times. It folds
 *       the events of files already folded or with import status {@code imported}, and events stored without a file;
 *       a file still being imported is left to its own {@code addFile}. It works in bounded transactions (schema
 *       V2.6): the raw events in slices of {@link #REBUILD_SLICE} ids, each committed, then the campaign-level tables,
 *       so neither H2's file nor SQL Server's log has to hold the whole table's changes at once. Meanwhile the
 *       aggregates are incomplete: {@link #rebuildInProgress()} says so, {@code addFile} leaves its file to the
 *       rebuild (which folds it at its end), and a second rebuild takes over from the first.</li>
 * </ul>
 * {@code addFile} runs in one transaction (joining the caller's, when it has one on the same DataSource via Spring).
 * Only {@code open} and {@code click} events with a campaign and a recipient are folded: rejected events never count.
 */
public class AggregateMaintainer {

    /** Events that count: opens and clicks of a known campaign and recipient. */
    private static final String COUNTED = """
            e.event_type IN ('open', 'click') AND e.campaign_id IS NOT NULL AND e.recipient_id IS NOT NULL""";

    /**
     * One file's events, bounded by the file's id range as well (read once per file): through the narrow
     * {@code (file_id)} index alone SQL Server would scan all of pkl_event for a large file (review finding 15).
     */
    private static final String BY_FILE = "e.file_id = ? AND e.id BETWEEN ? AND ?";
    private static final String FOLDED = "(e.file_id IS NULL OR e.file_id IN (SELECT d.file_id FROM pkl_agg_file_done d))";
    private static final String SLICE = FOLDED + " AND e.id > ? AND e.id <= ?";
    /**
     * The end of the next slice: the id {@code rebuildSlice} existing events on, not {@code rebuildSlice} ids on -
     * SQL Server's IGNORE_DUP_KEY burns an IDENTITY value per skipped duplicate, so id ranges can be mostly empty
     * (review finding 11).
     */
    private static final String NEXT_SLICE_END = """
            SELECT MAX(x.id) FROM (SELECT TOP (?) e.id FROM pkl_event e WHERE e.id > ? AND e.id <= ? ORDER BY e.id) x""";
    /** Import files done importing whose events are not in the aggregates yet. */
    private static final String IMPORTED_NOT_FOLDED = """
            f.status = 'imported' AND NOT EXISTS (SELECT 1 FROM pkl_agg_file_done d WHERE d.file_id = f.file_id)""";

    /**
     * Raw events (pkl_event ids) rebuild folds per transaction. At 250,000 a slice commits every half a minute or so
     * on the embedded H2 and its undo stays a few hundred MB, whatever the table's size.
     */
    public static final int REBUILD_SLICE = 250_000;

    /** Rows of a per-recipient aggregate rebuild deletes per transaction (same reason). */
    private static final int DELETE_BATCH = 100_000;

    /** The aggregates rebuild empties, per-recipient ones first (the campaign-level ones are small). */
    private static final List<String> REBUILT_TABLES = List.of("pkl_agg_recipient", "pkl_agg_recipient_link",
            "pkl_agg_click", "pkl_agg_campaign", "pkl_agg_link", "pkl_agg_link_segment", "pkl_agg_hour",
            "pkl_agg_send_hour");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    /** A file's fold commits on its own, also inside a batch step's transaction (review finding 14). */
    private final TransactionTemplate ownTx;
    private final LockRetry retry = LockRetry.DEFAULT;
    private final Clock clock;
    private final OrderAttribution attribution;
    private final int rebuildSlice;

    public AggregateMaintainer(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public AggregateMaintainer(DataSource dataSource, Clock clock) {
        this(dataSource, clock, REBUILD_SLICE);
    }

    /** With raw events folded {@code rebuildSlice} ids per rebuild transaction (tests use tiny slices). */
    public AggregateMaintainer(DataSource dataSource, Clock clock, int rebuildSlice) {
        if (rebuildSlice < 1) {
            throw new IllegalArgumentException("rebuildSlice must be at least 1: " + rebuildSlice);
        }
        this.rebuildSlice = rebuildSlice;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.ownTx = new TransactionTemplate(tx.getTransactionManager());
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.attribution = new OrderAttribution(dataSource, clock);
    }

    /** The order attribution these aggregates feed (refreshed by the import job after it folded its files). */
    public OrderAttribution attribution() {
        return attribution;
    }

    /**
     * Folds the events of one import file ({@code pkl_event.file_id}) into the aggregates. Call it after the
     * database flag rules ran for that file. A file already folded is skipped. The fold is one transaction of its
     * own, committed before this returns (so readers never wait for a whole import step's files, review finding
     * 14), and it is run again when SQL Server chose it as a deadlock victim.
     */
    public FoldResult addFile(long fileId) {
        return retry.run("fold of import file " + fileId, () -> ownTx.execute(status -> fold(fileId)));
    }

    private FoldResult fold(long fileId) {
        {
            if (!RebuildState.lockIfIdle(jdbc)) {
                return FoldResult.LEFT_TO_REBUILD;
            }
            int marked = jdbc.update("""
                    INSERT INTO pkl_agg_file_done (file_id, folded_at)
                    SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM pkl_agg_file_done WHERE file_id = ?)""",
                    fileId, toDb(clock.instant()), fileId);
            if (marked == 0) {
                return FoldResult.ALREADY_FOLDED;
            }
            Object[] file = jdbc.queryForObject("SELECT MIN(id) AS lo, MAX(id) AS hi FROM pkl_event WHERE file_id = ?",
                    (rs, i) -> new Object[] {fileId, rs.getLong("lo"), rs.getLong("hi")}, fileId);
            // Totals first: a recipient (or recipient+link) is new to a unique count when the file has such an
            // event for it and the per-recipient row does not have one yet - so this must see the rows before
            // the file is merged into them.
            jdbc.update(campaignTotalsDelta(BY_FILE), file);
            jdbc.update(linkTotalsDelta(BY_FILE), file);
            for (Segment segment : Segment.values()) {
                jdbc.update(segmentTotalsDelta(BY_FILE, segment), file);
            }
            for (String sql : foldStatements(BY_FILE)) {
                jdbc.update(sql, file);
            }
            Instant earliestClick = jdbc.queryForObject("""
                    SELECT MIN(e.event_time) AS earliest FROM pkl_event e
                    WHERE e.file_id = ? AND e.id BETWEEN ? AND ? AND e.event_type = 'click' AND e.is_clean = 1
                      AND e.recipient_id IS NOT NULL""",
                    (rs, i) -> fromDb(rs, "earliest"), file);
            if (earliestClick != null) {
                attribution.clicksFolded(earliestClick);
            }
            return FoldResult.FOLDED;
        }
    }

    /** What {@link #addFile} did with a file. */
    public enum FoldResult {
        /** Its events are now in the aggregates. */
        FOLDED,
        /** An earlier call (or a rebuild) had folded it: nothing changed. */
        ALREADY_FOLDED,
        /** A rebuild owns the aggregates: it folds the file when it finishes. */
        LEFT_TO_REBUILD
    }

    /** Whether {@link #addFile} (or {@link #rebuild}) has folded this file. */
    public boolean isFolded(long fileId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_agg_file_done WHERE file_id = ?", Integer.class,
                fileId);
        return n != null && n > 0;
    }

    /**
     * Empties every aggregate and recomputes it from the raw events (see the class comment for which), in bounded
     * transactions. {@code progress} hears after each committed slice how far it got.
     */
    public RebuildSummary rebuild(RebuildListener progress) {
        long started = System.nanoTime();
        String runId = UUID.randomUUID().toString();
        long[] upto = new long[1];
        Optional<RebuildState.Progress> tookOver = tx.execute(status -> {
            // The state row first (it waits for an addFile in progress), then the files, then the last id (review
            // finding 23): a file marked folded here finished importing before, so all its events are at or below
            // upto; reading upto before the lock let a file finish in between with events above it, never folded.
            Optional<RebuildState.Progress> before = RebuildState.start(jdbc, runId, clock.instant());
            jdbc.update("INSERT INTO pkl_agg_file_done (file_id, folded_at) SELECT f.file_id, ? FROM pkl_import_file f"
                    + " WHERE " + IMPORTED_NOT_FOLDED, toDb(clock.instant()));
            upto[0] = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM pkl_event", Long.class);
            RebuildState.plan(jdbc, runId, upto[0]);
            return before;
        });
        for (String table : REBUILT_TABLES) {
            // Batches, not TRUNCATE: TRUNCATE needs ALTER rights on SQL Server and would not wait for the ownership
            // check of the same transaction.
            int deleted;
            do {
                deleted = inOwnedTransaction(runId, 0, () -> jdbc.update("DELETE TOP (" + DELETE_BATCH + ") FROM " + table));
            } while (deleted > 0);
        }
        Long hi;
        for (long from = 0; (hi = jdbc.queryForObject(NEXT_SLICE_END, Long.class, rebuildSlice, from, upto[0])) != null;
                from = hi) {
            long lo = from;
            long end = hi;
            inOwnedTransaction(runId, end, () -> {
                for (String sql : foldStatements(SLICE)) {
                    jdbc.update(sql, lo, end);
                }
                return 0;
            });
            progress.folded(end, upto[0]);
        }
        inOwnedTransaction(runId, upto[0], () -> {
            jdbc.update(refreshCampaigns("1 = 1"));
            jdbc.update(refreshLinks("1 = 1"));
            for (Segment segment : Segment.values()) {
                jdbc.update(refreshSegments(segment));
            }
            SendCounts.recomputeAll(jdbc);
            UnsubscribeDao.recountAll(jdbc); // after pkl_agg_recipient: it supplies the variant without a send row
            return 0;
        });
        tx.executeWithoutResult(status -> {
            attribution.recomputeAll();
            RebuildState.finish(jdbc, runId, upto[0], clock.instant()); // checks ownership, then hands them back
        });
        // Files whose addFile came while this ran: fold them now, as their import job would have.
        List<Long> leftToRebuild = jdbc.queryForList("SELECT f.file_id FROM pkl_import_file f WHERE "
                + IMPORTED_NOT_FOLDED + " ORDER BY f.file_id", Long.class);
        leftToRebuild.forEach(this::addFile);
        if (!leftToRebuild.isEmpty()) {
            attribution.refresh();
        }
        return new RebuildSummary(upto[0], leftToRebuild.size(), tookOver, Duration.ofNanos(System.nanoTime() - started));
    }

    /** {@link #rebuild(RebuildListener)} without progress reports. */
    public RebuildSummary rebuild() {
        return rebuild((done, upto) -> { });
    }

    /** The rebuild that owns the aggregates now (or was interrupted): until it finishes they are incomplete. */
    public Optional<RebuildState.Progress> rebuildInProgress() {
        return RebuildState.running(jdbc);
    }

    /** Hears how far a rebuild got: raw events up to id {@code done} of {@code upto} are folded and committed. */
    @FunctionalInterface
    public interface RebuildListener {
        void folded(long done, long upto);
    }

    /**
     * What a rebuild did: folded the raw events up to id {@code eventsUpto}, then {@code filesFoldedAfter} files whose
     * import finished meanwhile; {@code tookOverFrom} is the earlier rebuild it replaced (interrupted, or still
     * running and now stopping).
     */
    public record RebuildSummary(long eventsUpto, int filesFoldedAfter, Optional<RebuildState.Progress> tookOverFrom,
                                 Duration took) {
    }

    /** Runs {@code work} in a transaction that commits only while {@code runId} still owns the aggregates. */
    private int inOwnedTransaction(String runId, long eventsDone, IntSupplier work) {
        Integer result = tx.execute(status -> {
            int n = work.getAsInt();
            // Checked last, so the state row is locked only for the commit, not while the slice works: an addFile
            // waiting for it would otherwise wait out a whole slice.
            RebuildState.stillOwned(jdbc, runId, eventsDone);
            return n;
        });
        return result == null ? 0 : result;
    }

    /** Per campaign and recipient: what the events matching {@code filter} add (one '?' at most). */
    private static String recipientDelta(String filter) {
        return """
                    SELECT e.campaign_id, e.recipient_id, MAX(e.variant) AS variant,
                           SUM(CASE WHEN e.event_type = 'open' THEN 1 ELSE 0 END) AS opens_raw,
                           SUM(CASE WHEN e.event_type = 'open' AND e.is_clean = 1 THEN 1 ELSE 0 END) AS opens_clean,
                           MIN(CASE WHEN e.event_type = 'open' THEN e.event_time END) AS first_open_raw,
                           MAX(CASE WHEN e.event_type = 'open' THEN e.event_time END) AS last_open_raw,
                           MIN(CASE WHEN e.event_type = 'open' AND e.is_clean = 1 THEN e.event_time END) AS first_open_clean,
                           MAX(CASE WHEN e.event_type = 'open' AND e.is_clean = 1 THEN e.event_time END) AS last_open_clean,
                           SUM(CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END) AS clicks_raw,
                           SUM(CASE WHEN e.event_type = 'click' AND e.is_clean = 1 THEN 1 ELSE 0 END) AS clicks_clean,
                           MIN(CASE WHEN e.event_type = 'click' THEN e.event_time END) AS first_click_raw,
                           MAX(CASE WHEN e.event_type = 'click' THEN e.event_time END) AS last_click_raw,
                           MIN(CASE WHEN e.event_type = 'click' AND e.is_clean = 1 THEN e.event_time END) AS first_click_clean,
                           MAX(CASE WHEN e.event_type = 'click' AND e.is_clean = 1 THEN e.event_time END) AS last_click_clean
                    FROM pkl_event e
                    WHERE %s AND %s
                    GROUP BY e.campaign_id, e.recipient_id""".formatted(filter, COUNTED);
    }

    /** Per campaign, recipient and link: the clicks matching {@code filter} (one '?' at most). */
    private static String recipientLinkDelta(String filter) {
        return """
                    SELECT e.campaign_id, e.recipient_id, COALESCE(e.link_id, N'') AS link_id,
                           COUNT(*) AS clicks_raw,
                           SUM(CASE WHEN e.is_clean = 1 THEN 1 ELSE 0 END) AS clicks_clean,
                           MIN(e.event_time) AS first_click_raw, MAX(e.event_time) AS last_click_raw,
                           MIN(CASE WHEN e.is_clean = 1 THEN e.event_time END) AS first_click_clean,
                           MAX(CASE WHEN e.is_clean = 1 THEN e.event_time END) AS last_click_clean
                    FROM pkl_event e
                    WHERE %s AND %s AND e.event_type = 'click'
                    GROUP BY e.campaign_id, e.recipient_id, COALESCE(e.link_id, N'')""".formatted(filter, COUNTED);
    }

    /**
     * Adds a file's events to pkl_agg_campaign: totals add up; a unique count grows by the recipients that have
     * such an event in the file and none in pkl_agg_recipient yet. Variant as in {@link #refreshCampaigns}.
     */
    private static String campaignTotalsDelta(String filter) {
        return """
                MERGE INTO pkl_agg_campaign t
                USING (
                    SELECT g.campaign_id, g.variant, SUM(g.opens_raw) AS opens_raw, SUM(g.opens_clean) AS opens_clean,
                           SUM(g.new_opens_raw) AS unique_opens_raw, SUM(g.new_opens_clean) AS unique_opens_clean,
                           SUM(g.clicks_raw) AS clicks_raw, SUM(g.clicks_clean) AS clicks_clean,
                           SUM(g.new_clicks_raw) AS unique_clicks_raw, SUM(g.new_clicks_clean) AS unique_clicks_clean,
                           SUM(g.new_recipient) AS recipients_reacted
                    FROM (
                        SELECT d.campaign_id, COALESCE(s.variant, r.variant, d.variant, N'') AS variant,
                               d.opens_raw, d.opens_clean, d.clicks_raw, d.clicks_clean,
                               CASE WHEN d.opens_raw > 0 AND COALESCE(r.opens_raw, 0) = 0 THEN 1 ELSE 0 END
                                   AS new_opens_raw,
                               CASE WHEN d.opens_clean > 0 AND COALESCE(r.opens_clean, 0) = 0 THEN 1 ELSE 0 END
                                   AS new_opens_clean,
                               CASE WHEN d.clicks_raw > 0 AND COALESCE(r.clicks_raw, 0) = 0 THEN 1 ELSE 0 END
                                   AS new_clicks_raw,
                               CASE WHEN d.clicks_clean > 0 AND COALESCE(r.clicks_clean, 0) = 0 THEN 1 ELSE 0 END
                                   AS new_clicks_clean,
                               CASE WHEN r.campaign_id IS NULL THEN 1 ELSE 0 END AS new_recipient
                        FROM (%s) d
                        LEFT JOIN pkl_agg_recipient r ON r.campaign_id = d.campaign_id
                                                     AND r.recipient_id = d.recipient_id
                        LEFT JOIN pkl_send s ON s.campaign_id = d.campaign_id AND s.recipient_id = d.recipient_id
                    ) g
                    GROUP BY g.campaign_id, g.variant
                ) s ON (t.campaign_id = s.campaign_id AND t.variant = s.variant)
                WHEN MATCHED THEN UPDATE SET
                    opens_raw = t.opens_raw + s.opens_raw, opens_clean = t.opens_clean + s.opens_clean,
                    unique_opens_raw = t.unique_opens_raw + s.unique_opens_raw,
                    unique_opens_clean = t.unique_opens_clean + s.unique_opens_clean,
                    clicks_raw = t.clicks_raw + s.clicks_raw, clicks_clean = t.clicks_clean + s.clicks_clean,
                    unique_clicks_raw = t.unique_clicks_raw + s.unique_clicks_raw,
                    unique_clicks_clean = t.unique_clicks_clean + s.unique_clicks_clean,
                    recipients_reacted = t.recipients_reacted + s.recipients_reacted
                WHEN NOT MATCHED THEN INSERT (campaign_id, variant, opens_raw, opens_clean, unique_opens_raw,
                        unique_opens_clean, clicks_raw, clicks_clean, unique_clicks_raw, unique_clicks_clean,
                        recipients_reacted)
                    VALUES (s.campaign_id, s.variant, s.opens_raw, s.opens_clean, s.unique_opens_raw,
                        s.unique_opens_clean, s.clicks_raw, s.clicks_clean, s.unique_clicks_raw,
                        s.unique_clicks_clean, s.recipients_reacted);""".formatted(recipientDelta(filter));
    }

    /** Adds a file's clicks to pkl_agg_link; unique counts grow by recipients new to the link. */
    private static String linkTotalsDelta(String filter) {
        return """
                MERGE INTO pkl_agg_link t
                USING (
                    SELECT d.campaign_id, d.link_id, SUM(d.clicks_raw) AS clicks_raw,
                           SUM(d.clicks_clean) AS clicks_clean,
                           SUM(CASE WHEN d.clicks_raw > 0 AND COALESCE(r.clicks_raw, 0) = 0 THEN 1 ELSE 0 END)
                               AS unique_clicks_raw,
                           SUM(CASE WHEN d.clicks_clean > 0 AND COALESCE(r.clicks_clean, 0) = 0 THEN 1 ELSE 0 END)
                               AS unique_clicks_clean
                    FROM (%s) d
                    LEFT JOIN pkl_agg_recipient_link r ON r.campaign_id = d.campaign_id
                                                      AND r.recipient_id = d.recipient_id AND r.link_id = d.link_id
                    GROUP BY d.campaign_id, d.link_id
                ) s ON (t.campaign_id = s.campaign_id AND t.link_id = s.link_id)
                WHEN MATCHED THEN UPDATE SET
                    clicks_raw = t.clicks_raw + s.clicks_raw, clicks_clean = t.clicks_clean + s.clicks_clean,
                    unique_clicks_raw = t.unique_clicks_raw + s.unique_clicks_raw,
                    unique_clicks_clean = t.unique_clicks_clean + s.unique_clicks_clean
                WHEN NOT MATCHED THEN INSERT (campaign_id, link_id, clicks_raw, clicks_clean, unique_clicks_raw,
                        unique_clicks_clean)
                    VALUES (s.campaign_id, s.link_id, s.clicks_raw, s.clicks_clean, s.unique_clicks_raw,
                        s.unique_clicks_clean);""".formatted(recipientLinkDelta(filter));
    }

    /** The per-recipient, time and click part: every statement filters pkl_event e by {@code filter}. */
    private static List<String> foldStatements(String filter) {
        String where = filter + " AND " + COUNTED;
        String recipient = """
                MERGE INTO pkl_agg_recipient t
                USING (%s
                ) s ON (t.campaign_id = s.campaign_id AND t.recipient_id = s.recipient_id)
                WHEN MATCHED THEN UPDATE SET
                    variant = COALESCE(t.variant, s.variant),
                    opens_raw = t.opens_raw + s.opens_raw,
                    opens_clean = t.opens_clean + s.opens_clean,
                    first_open_raw = %s, last_open_raw = %s, first_open_clean = %s, last_open_clean = %s,
                    clicks_raw = t.clicks_raw + s.clicks_raw,
                    clicks_clean = t.clicks_clean + s.clicks_clean,
                    first_click_raw = %s, last_click_raw = %s, first_click_clean = %s, last_click_clean = %s
                WHEN NOT MATCHED THEN INSERT (campaign_id, recipient_id, variant, opens_raw, opens_clean,
                        first_open_raw, last_open_raw, first_open_clean, last_open_clean, clicks_raw, clicks_clean,
                        first_click_raw, last_click_raw, first_click_clean, last_click_clean)
                    VALUES (s.campaign_id, s.recipient_id, s.variant, s.opens_raw, s.opens_clean,
                        s.first_open_raw, s.last_open_raw, s.first_open_clean, s.last_open_clean, s.clicks_raw,
                        s.clicks_clean, s.first_click_raw, s.last_click_raw, s.first_click_clean, s.last_click_clean);"""
                .formatted(recipientDelta(filter), earliest("first_open_raw"), latest("last_open_raw"), earliest("first_open_clean"),
                        latest("last_open_clean"), earliest("first_click_raw"), latest("last_click_raw"),
                        earliest("first_click_clean"), latest("last_click_clean"));
        String recipientLink = """
                MERGE INTO pkl_agg_recipient_link t
                USING (%s
                ) s ON (t.campaign_id = s.campaign_id AND t.recipient_id = s.recipient_id AND t.link_id = s.link_id)
                WHEN MATCHED THEN UPDATE SET
                    clicks_raw = t.clicks_raw + s.clicks_raw,
                    clicks_clean = t.clicks_clean + s.clicks_clean,
                    first_click_raw = %s, last_click_raw = %s, first_click_clean = %s, last_click_clean = %s
                WHEN NOT MATCHED THEN INSERT (campaign_id, recipient_id, link_id, clicks_raw, clicks_clean,
                        first_click_raw, last_click_raw, first_click_clean, last_click_clean)
                    VALUES (s.campaign_id, s.recipient_id, s.link_id, s.clicks_raw, s.clicks_clean,
                        s.first_click_raw, s.last_click_raw, s.first_click_clean, s.last_click_clean);"""
                .formatted(recipientLinkDelta(filter), earliest("first_click_raw"), latest("last_click_raw"),
                        earliest("first_click_clean"), latest("last_click_clean"));
        String hour = additive("pkl_agg_hour", "hour_start", """
                SELECT e.campaign_id,
                       DATEADD(HOUR, DATEDIFF(HOUR, CAST('2000-01-01' AS DATETIME2(3)), e.event_time),
                               CAST('2000-01-01' AS DATETIME2(3))) AS hour_start,
                       e.event_type, e.is_clean
                FROM pkl_event e
                WHERE %s""".formatted(where));
        // Elapsed whole hours since the send (DATEDIFF in seconds: an INT of hours would count clock-hour
        // boundaries, one of milliseconds would overflow after 24 days on SQL Server).
        String sendHour = additive("pkl_agg_send_hour", "hour_no", """
                SELECT b.campaign_id,
                       CASE WHEN b.event_time < b.base THEN -1 ELSE DATEDIFF(SECOND, b.base, b.event_time) / 3600 END
                           AS hour_no,
                       b.event_type, b.is_clean
                FROM (
                    SELECT e.campaign_id, e.event_time, e.event_type, e.is_clean,
                           COALESCE(s.sent_at, c.sent_at, c.starts_at) AS base
                    FROM pkl_event e
                    LEFT JOIN pkl_send s ON s.campaign_id = e.campaign_id AND s.recipient_id = e.recipient_id
                    LEFT JOIN pkl_campaign c ON c.campaign_id = e.campaign_id
                    WHERE %s
                ) b
                WHERE b.base IS NOT NULL""".formatted(where));
        String clicks = """
                INSERT INTO pkl_agg_click (recipient_id, clicked_at, event_id, campaign_id, link_id)
                SELECT e.recipient_id, e.event_time, e.event_id, e.campaign_id, COALESCE(e.link_id, N'')
                FROM pkl_event e
                WHERE %s AND e.event_type = 'click' AND e.is_clean = 1
                  AND NOT EXISTS (SELECT 1 FROM pkl_agg_click k WHERE k.recipient_id = e.recipient_id
                                  AND k.clicked_at = e.event_time AND k.event_id = e.event_id)""".formatted(where);
        return List.of(recipient, recipientLink, hour, sendHour, clicks);
    }

    /** MERGE that adds open/click counts of {@code source} (campaign_id, key, event_type, is_clean) per key. */
    private static String additive(String table, String key, String source) {
        return """
                MERGE INTO %1$s t
                USING (
                    SELECT x.campaign_id, x.%2$s,
                           SUM(CASE WHEN x.event_type = 'open' THEN 1 ELSE 0 END) AS opens_raw,
                           SUM(CASE WHEN x.event_type = 'open' AND x.is_clean = 1 THEN 1 ELSE 0 END) AS opens_clean,
                           SUM(CASE WHEN x.event_type = 'click' THEN 1 ELSE 0 END) AS clicks_raw,
                           SUM(CASE WHEN x.event_type = 'click' AND x.is_clean = 1 THEN 1 ELSE 0 END) AS clicks_clean
                    FROM (%3$s) x
                    GROUP BY x.campaign_id, x.%2$s
                ) s ON (t.campaign_id = s.campaign_id AND t.%2$s = s.%2$s)
                WHEN MATCHED THEN UPDATE SET
                    opens_raw = t.opens_raw + s.opens_raw, opens_clean = t.opens_clean + s.opens_clean,
                    clicks_raw = t.clicks_raw + s.clicks_raw, clicks_clean = t.clicks_clean + s.clicks_clean
                WHEN NOT MATCHED THEN INSERT (campaign_id, %2$s, opens_raw, opens_clean, clicks_raw, clicks_clean)
                    VALUES (s.campaign_id, s.%2$s, s.opens_raw, s.opens_clean, s.clicks_raw, s.clicks_clean);"""
                .formatted(table, key, source);
    }

    /**
     * The contact attributes the link clicks are broken down by ({@code pkl_agg_link_segment.segment_kind}); the value
     * is the contact's at the time of the fold, N'' when the contact or the attribute is unknown.
     */
    enum Segment {
        REGION("region", "LEFT(c.region, 100)", ""),
        LANGUAGE("language", "LEFT(c.language_code, 100)", ""),
        ORGANISATION_CATEGORY("organisation_category", "LEFT(o.category, 100)",
                "LEFT JOIN pkl_erp_organisation o ON o.organisation_id = c.organisation_id");

        final String kind;
        final String value;
        final String extraJoin;

        Segment(String kind, String value, String extraJoin) {
            this.kind = kind;
            this.value = "COALESCE(" + value + ", N'')";
            this.extraJoin = extraJoin;
        }

        /** Joins contact c (and what the value needs) to rows aliased {@code rows} with a recipient_id. */
        String joins(String rows) {
            return "LEFT JOIN pkl_erp_contact c ON c.contact_id = " + rows + ".recipient_id " + extraJoin;
        }
    }

    /**
     * Adds a file's clicks to pkl_agg_link_segment for one kind of segment; unique counts grow by recipients new to
     * the link (checked against pkl_agg_recipient_link before the file is merged into it).
     */
    private static String segmentTotalsDelta(String filter, Segment segment) {
        return """
                MERGE INTO pkl_agg_link_segment t
                USING (
                    SELECT d.campaign_id, d.link_id, N'%2$s' AS segment_kind, %3$s AS segment_value,
                           SUM(d.clicks_raw) AS clicks_raw, SUM(d.clicks_clean) AS clicks_clean,
                           SUM(CASE WHEN d.clicks_raw > 0 AND COALESCE(r.clicks_raw, 0) = 0 THEN 1 ELSE 0 END)
                               AS unique_clicks_raw,
                           SUM(CASE WHEN d.clicks_clean > 0 AND COALESCE(r.clicks_clean, 0) = 0 THEN 1 ELSE 0 END)
                               AS unique_clicks_clean
                    FROM (%1$s) d
                    LEFT JOIN pkl_agg_recipient_link r ON r.campaign_id = d.campaign_id
                                                      AND r.recipient_id = d.recipient_id AND r.link_id = d.link_id
                    %4$s
                    GROUP BY d.campaign_id, d.link_id, %3$s
                ) s ON (t.campaign_id = s.campaign_id AND t.link_id = s.link_id AND t.segment_kind = s.segment_kind
                        AND t.segment_value = s.segment_value)
                WHEN MATCHED THEN UPDATE SET
                    clicks_raw = t.clicks_raw + s.clicks_raw, clicks_clean = t.clicks_clean + s.clicks_clean,
                    unique_clicks_raw = t.unique_clicks_raw + s.unique_clicks_raw,
                    unique_clicks_clean = t.unique_clicks_clean + s.unique_clicks_clean
                WHEN NOT MATCHED THEN INSERT (campaign_id, link_id, segment_kind, segment_value, clicks_raw,
                        clicks_clean, unique_clicks_raw, unique_clicks_clean)
                    VALUES (s.campaign_id, s.link_id, s.segment_kind, s.segment_value, s.clicks_raw, s.clicks_clean,
                        s.unique_clicks_raw, s.unique_clicks_clean);"""
                .formatted(recipientLinkDelta(filter), segment.kind, segment.value, segment.joins("d"));
    }

    /** One kind of segment of every campaign, from the per-recipient link rows and the current contacts. */
    private static String refreshSegments(Segment segment) {
        return """
                INSERT INTO pkl_agg_link_segment (campaign_id, link_id, segment_kind, segment_value, clicks_raw,
                        clicks_clean, unique_clicks_raw, unique_clicks_clean)
                SELECT r.campaign_id, r.link_id, N'%1$s', %2$s, SUM(r.clicks_raw), SUM(r.clicks_clean),
                       SUM(CASE WHEN r.clicks_raw > 0 THEN 1 ELSE 0 END),
                       SUM(CASE WHEN r.clicks_clean > 0 THEN 1 ELSE 0 END)
                FROM pkl_agg_recipient_link r
                %3$s
                GROUP BY r.campaign_id, r.link_id, %2$s""".formatted(segment.kind, segment.value, segment.joins("r"));
    }

    /** Per campaign and variant, from the per-recipient rows of the campaigns matching {@code campaigns}. */
    private static String refreshCampaigns(String campaigns) {
        return """
                INSERT INTO pkl_agg_campaign (campaign_id, variant, opens_raw, opens_clean, unique_opens_raw,
                        unique_opens_clean, clicks_raw, clicks_clean, unique_clicks_raw, unique_clicks_clean,
                        recipients_reacted)
                SELECT g.campaign_id, g.variant, SUM(g.opens_raw), SUM(g.opens_clean),
                       SUM(CASE WHEN g.opens_raw > 0 THEN 1 ELSE 0 END),
                       SUM(CASE WHEN g.opens_clean > 0 THEN 1 ELSE 0 END),
                       SUM(g.clicks_raw), SUM(g.clicks_clean),
                       SUM(CASE WHEN g.clicks_raw > 0 THEN 1 ELSE 0 END),
                       SUM(CASE WHEN g.clicks_clean > 0 THEN 1 ELSE 0 END), COUNT(*)
                FROM (
                    SELECT r.campaign_id, COALESCE(s.variant, r.variant, N'') AS variant, r.opens_raw, r.opens_clean,
                           r.clicks_raw, r.clicks_clean
                    FROM pkl_agg_recipient r
                    LEFT JOIN pkl_send s ON s.campaign_id = r.campaign_id AND s.recipient_id = r.recipient_id
                    WHERE %s
                ) g
                GROUP BY g.campaign_id, g.variant""".formatted(campaigns);
    }

    /** Per campaign and link, from the per-recipient rows of the campaigns matching {@code campaigns}. */
    private static String refreshLinks(String campaigns) {
        return """
                INSERT INTO pkl_agg_link (campaign_id, link_id, clicks_raw, clicks_clean, unique_clicks_raw,
                        unique_clicks_clean)
                SELECT r.campaign_id, r.link_id, SUM(r.clicks_raw), SUM(r.clicks_clean),
                       SUM(CASE WHEN r.clicks_raw > 0 THEN 1 ELSE 0 END),
                       SUM(CASE WHEN r.clicks_clean > 0 THEN 1 ELSE 0 END)
                FROM pkl_agg_recipient_link r
                WHERE %s
                GROUP BY r.campaign_id, r.link_id""".formatted(campaigns);
    }

    private static String earliest(String column) {
        return "CASE WHEN t.%1$s IS NULL OR s.%1$s < t.%1$s THEN s.%1$s ELSE t.%1$s END".formatted(column);
    }

    private static String latest(String column) {
        return "CASE WHEN t.%1$s IS NULL OR s.%1$s > t.%1$s THEN s.%1$s ELSE t.%1$s END".formatted(column);
    }
}

package cz.proklik.erp.aggregate;

import cz.proklik.erp.db.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps the analytics layer ({@code pkl_agg_*}, schema V2) in step with the raw events, set-based, in the database:
 * {@link #addFile} folds one imported file in ({@link FileFold}), {@link #rebuild} recomputes everything from the raw
 * events ({@link AggregateRebuild}), {@link #rebuildCampaigns} some campaigns' ({@link CampaignRebuild});
 * the statements of all three are in {@link AggregateSql}. Only {@code open} and
 * {@code click} events with a campaign and a recipient are folded: rejected events never count. Both feed one
 * {@link OrderAttribution}, which the import job's attribution step refreshes ({@link #attribution()}).
 */
public class AggregateMaintainer {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateMaintainer.class);

    /**
     * Raw events rebuild folds per transaction. At 250,000 a slice commits every half a minute or so on the embedded
     * H2 and its undo stays a few hundred MB, whatever the table's size.
     */
    public static final int REBUILD_SLICE = 250_000;

    /**
     * Events the import folds per transaction on the embedded H2, files grouped up to it ({@link #addFiles}). H2's
     * copy-on-write store rewrites every page a transaction's changes touch, and at scale one file's events touch
     * most pages of the per-recipient aggregates (issue 18: 43 s per 250,000-event file at 5 M events, growing with
     * the aggregates), so a group of files costs about what one file costs; H2's readers never wait for a writer
     * (MVCC), so a longer transaction holds nobody up. 250,000: a group of four 250,000-event files (1 M events) ran
     * the import out of the launcher's 512 MB heap beside the user-agent rules and H2's page cache (session 8), and at
     * 1 M events grouping them saved no CPU time; so files of the default size (64 MB, ~250,000 events) fold one by
     * one, and small files (time-rotated ones of a quiet node) are grouped up to this size.
     */
    public static final long FOLD_GROUP_EVENTS_H2 = 250_000;

    /**
     * The same on SQL Server: one file per transaction (docs/schema.md, "Commits per file"), because there a
     * report reading the aggregates waits for the fold's row locks, and the per-row cost is a seek, not a page copy.
     */
    public static final long FOLD_GROUP_EVENTS_SQL_SERVER = 0;

    /** {@link #FOLD_GROUP_EVENTS_H2} or {@link #FOLD_GROUP_EVENTS_SQL_SERVER}. */
    public static long foldGroupEvents(Engine engine) {
        return engine == Engine.H2 ? FOLD_GROUP_EVENTS_H2 : FOLD_GROUP_EVENTS_SQL_SERVER;
    }

    /**
     * On the embedded H2, a run of files bringing at least this many events, and at least as many as all files folded
     * before them, is folded by a {@link #rebuild} instead of file by file ({@link #addFiles}): a backlog (the first
     * import of a large campaign's logs, a node's files after a long outage). Measured at 5 M events into an empty
     * database (bench/RESULTS.md, session 11): the folds file by file took 886 s, the rebuild 251 s, because each
     * file's fold rewrites most of the aggregates' pages and H2 commits row by row, while the rebuild reads the events
     * once, sorts their sums on disk and inserts every aggregate row once in key order. In exchange the reports warn that the
     * aggregates are being rebuilt while it runs (minutes), as they do during {@code aggregates rebuild}. Below this
     * size the rebuild's fixed costs (every campaign's totals, the whole attribution) are not worth it.
     */
    public static final long BULK_REBUILD_EVENTS_H2 = 1_000_000;

    /**
     * Never on SQL Server: there the rebuild deletes the aggregates in logged batches and a fold costs a seek per row
     * (docs/schema.md); not measured on a server, so the fold stays file by file.
     */
    public static final long BULK_REBUILD_EVENTS_SQL_SERVER = 0;

    /** {@link #BULK_REBUILD_EVENTS_H2} or {@link #BULK_REBUILD_EVENTS_SQL_SERVER} (0: never). */
    public static long bulkRebuildEvents(Engine engine) {
        return engine == Engine.H2 ? BULK_REBUILD_EVENTS_H2 : BULK_REBUILD_EVENTS_SQL_SERVER;
    }

    private final JdbcTemplate jdbc;
    private final OrderAttribution attribution;
    private final FileFold fold;
    private final AggregateRebuild rebuild;
    private final CampaignRebuild campaignRebuild;
    private final long foldGroupEvents;
    private final long bulkRebuildEvents;
    private final TransactionTemplate outsideTransactions;

    public AggregateMaintainer(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public AggregateMaintainer(DataSource dataSource, Clock clock) {
        this(dataSource, clock, REBUILD_SLICE);
    }

    /**
     * Raw events the rebuild folds per transaction on the embedded H2: each slice costs about a rewrite of the
     * per-recipient aggregates' pages (as a file's fold does, see {@link #FOLD_GROUP_EVENTS_H2}), so fewer, larger
     * slices cost less; the delta of a slice this size stays under ~100 MB of heap, and nothing waits for it (the
     * rebuild owns the aggregates, H2's readers never wait).
     */
    public static final int REBUILD_SLICE_H2 = 1_000_000;

    /** {@link #REBUILD_SLICE_H2} on H2, {@link #REBUILD_SLICE} (bounded log and locks) on SQL Server. */
    public static int rebuildSlice(Engine engine) {
        return engine == Engine.H2 ? REBUILD_SLICE_H2 : REBUILD_SLICE;
    }

    /**
     * For an engine's database: files folded in groups of {@link #foldGroupEvents(Engine)} events, raw events
     * rebuilt in slices of {@link #rebuildSlice(Engine)}.
     */
    public AggregateMaintainer(DataSource dataSource, Clock clock, Engine engine) {
        this(dataSource, clock, rebuildSlice(engine), foldGroupEvents(engine));
    }

    /**
     * As {@link #AggregateMaintainer(DataSource, Clock, Engine)}, with the rebuild's sorted runs in a folder of
     * their own below {@code rebuildTempDir} (the CLI's {@code proklik.aggregates.rebuild-temp-dir}).
     */
    public AggregateMaintainer(DataSource dataSource, Clock clock, Engine engine, Path rebuildTempDir) {
        this(dataSource, clock, rebuildSlice(engine), foldGroupEvents(engine), rebuildTempDir,
                bulkRebuildEvents(engine));
    }

    /**
     * Where the rebuild writes its sorted runs when its caller names no folder: {@code proklik-rebuild} in the
     * JVM's temporary folder.
     */
    public static Path defaultRebuildTempDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "proklik-rebuild");
    }

    /** With raw events folded {@code rebuildSlice} events per rebuild transaction (tests use tiny slices). */
    public AggregateMaintainer(DataSource dataSource, Clock clock, int rebuildSlice) {
        this(dataSource, clock, rebuildSlice, 0);
    }

    /**
     * With raw events folded {@code rebuildSlice} events per rebuild transaction, and {@link #addFiles} grouping
     * files up to {@code foldGroupEvents} events per transaction (0: one file each).
     */
    public AggregateMaintainer(DataSource dataSource, Clock clock, int rebuildSlice, long foldGroupEvents) {
        this(dataSource, clock, rebuildSlice, foldGroupEvents, defaultRebuildTempDir());
    }

    /**
     * With raw events folded {@code rebuildSlice} events per rebuild transaction (and sorted run), {@link #addFiles}
     * grouping files up to {@code foldGroupEvents} events per transaction (0: one file each), and the rebuild's
     * sorted runs below {@code rebuildTempDir}.
     */
    public AggregateMaintainer(DataSource dataSource, Clock clock, int rebuildSlice, long foldGroupEvents,
                               Path rebuildTempDir) {
        this(dataSource, clock, rebuildSlice, foldGroupEvents, rebuildTempDir, 0);
    }

    /**
     * As {@link #AggregateMaintainer(DataSource, Clock, int, long, Path)}, and {@link #addFiles} folding a run of at
     * least {@code bulkRebuildEvents} events, and at least as many as were folded before, by a {@link #rebuild}
     * (0: never; see {@link #BULK_REBUILD_EVENTS_H2}).
     */
    public AggregateMaintainer(DataSource dataSource, Clock clock, int rebuildSlice, long foldGroupEvents,
                               Path rebuildTempDir, long bulkRebuildEvents) {
        if (bulkRebuildEvents < 0) {
            throw new IllegalArgumentException("bulkRebuildEvents must not be negative: " + bulkRebuildEvents);
        }
        this.bulkRebuildEvents = bulkRebuildEvents;
        if (foldGroupEvents < 0) {
            throw new IllegalArgumentException("foldGroupEvents must not be negative: " + foldGroupEvents);
        }
        this.foldGroupEvents = foldGroupEvents;
        if (rebuildSlice < 1) {
            throw new IllegalArgumentException("rebuildSlice must be at least 1: " + rebuildSlice);
        }
        JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
        this.outsideTransactions = new TransactionTemplate(transactions);
        this.outsideTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.jdbc = new JdbcTemplate(dataSource);
        this.attribution = new OrderAttribution(dataSource, clock);
        this.fold = new FileFold(jdbc, transactions, clock, attribution);
        this.rebuild = new AggregateRebuild(jdbc, transactions, clock, attribution, fold, rebuildSlice,
                rebuildTempDir);
        this.campaignRebuild = new CampaignRebuild(jdbc, transactions, clock, attribution, fold, rebuildSlice);
    }

    /** The order attribution these aggregates feed (refreshed by the import job after it folded its files). */
    public OrderAttribution attribution() {
        return attribution;
    }

    /**
     * Folds the events of one import file ({@code pkl_event.file_id}) into the aggregates. Call it after the
     * database flag rules ran for that file. A file already folded is skipped. The fold is one transaction of its
     * own, committed before this returns, and it is run again when it lost a lock (see {@link FileFold}).
     */
    public FoldResult addFile(long fileId) {
        return fold.fold(fileId);
    }

    /**
     * Folds the events of these import files into the aggregates, as {@link #addFile} would one by one, but in
     * groups: consecutive files up to this maintainer's group size in events (a larger file alone) are one delta and
     * one transaction, committed before the next group is read; a backlog ({@link #BULK_REBUILD_EVENTS_H2}) is
     * folded by one {@link #rebuild} instead. Returns what was done with each file, in order.
     */
    public Map<Long, FoldResult> addFiles(List<Long> fileIds) {
        Map<Long, FoldResult> results = new LinkedHashMap<>();
        Map<Long, Long> eventsOf = new LinkedHashMap<>();
        fileIds.forEach(id -> eventsOf.put(id, fold.events(id)));
        Set<Long> foldedBefore = bulkRebuildEvents == 0 ? Set.of()
                : fileIds.stream().filter(fold::isFolded).collect(Collectors.toSet());
        if (isBacklog(eventsOf, foldedBefore)) {
            // One rebuild folds every imported file (these among them) at a fraction of the folds' cost.
            LOG.info("{} files bring a backlog of new events: folded by one aggregates rebuild (the reports say so"
                    + " while it runs)", fileIds.size());
            // Outside the caller's transaction (the import's fold step runs in one): the rebuild commits as it goes.
            RebuildSummary done = outsideTransactions.execute(status -> rebuild());
            LOG.info("backlog folded by rebuild in {} s ({})", done.took().toSeconds(), done.phases().entrySet()
                    .stream().map(p -> p.getKey() + " " + p.getValue().toMillis() / 1000.0 + " s")
                    .collect(Collectors.joining(", ")));
            for (long fileId : fileIds) {
                if (foldedBefore.contains(fileId)) {
                    results.put(fileId, FoldResult.ALREADY_FOLDED);
                } else if (fold.isFolded(fileId)) {
                    results.put(fileId, FoldResult.FOLDED);
                }
            }
        }
        List<Long> group = new ArrayList<>();
        long groupEvents = 0;
        for (long fileId : fileIds) {
            if (results.containsKey(fileId)) {
                continue;
            }
            long events = eventsOf.get(fileId);
            if (!group.isEmpty() && groupEvents + events > foldGroupEvents) {
                results.putAll(fold.foldGroup(group));
                group.clear();
                groupEvents = 0;
            }
            group.add(fileId);
            groupEvents += events;
        }
        if (!group.isEmpty()) {
            results.putAll(fold.foldGroup(group));
        }
        return results;
    }

    /**
     * Whether these files are a backlog a {@link #rebuild} folds cheaper than their folds would: at least
     * {@code bulkRebuildEvents} events not folded yet, at least as many as all files folded before, and no rebuild
     * owning the aggregates (it folds the files when it finishes, as it would any file's).
     */
    private boolean isBacklog(Map<Long, Long> eventsOf, Set<Long> foldedBefore) {
        if (bulkRebuildEvents == 0) {
            return false;
        }
        long newEvents = eventsOf.entrySet().stream().filter(e -> !foldedBefore.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        return newEvents >= bulkRebuildEvents && newEvents >= fold.foldedEvents() && rebuildInProgress().isEmpty();
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
        return fold.isFolded(fileId);
    }

    /**
     * Empties every aggregate and recomputes it from the raw events (see {@link AggregateRebuild} for which), in
     * bounded transactions. {@code progress} hears after each committed slice how far it got.
     */
    public RebuildSummary rebuild(RebuildListener progress) {
        return rebuild.run(progress);
    }

    /** {@link #rebuild(RebuildListener)} without progress reports. */
    public RebuildSummary rebuild() {
        return rebuild((done, upto) -> { });
    }

    /**
     * Recomputes the aggregates of these campaigns only, from their raw events, in bounded transactions (see
     * {@link CampaignRebuild}); the other campaigns' rows are not touched. When a rebuild owns the aggregates (one
     * runs, or one was interrupted and left them incomplete) the whole {@link #rebuild()} runs instead, which also
     * covers these campaigns. Returns which of the two it did.
     */
    public CampaignsRebuilt rebuildCampaigns(Collection<String> campaigns) {
        if (campaigns.isEmpty()) {
            return new CampaignsRebuilt(List.of(), 0, Duration.ZERO);
        }
        Optional<CampaignsRebuilt> done = campaignRebuild.run(new TreeSet<>(campaigns));
        if (done.isPresent()) {
            return done.get();
        }
        RebuildSummary whole = rebuild();
        return new CampaignsRebuilt(List.of(CampaignsRebuilt.ALL), whole.filesFoldedAfter(), whole.took());
    }

    /**
     * What {@link #rebuildCampaigns} did: the campaigns whose aggregates it recomputed ({@link #ALL} alone when a
     * whole rebuild ran instead), and how many files whose import finished meanwhile it folded at its end.
     */
    public record CampaignsRebuilt(List<String> campaigns, int filesFoldedAfter, Duration took) {
        /** Stands for every campaign: a whole rebuild ran. */
        public static final String ALL = "*";

        public boolean whole() {
            return campaigns.equals(List.of(ALL));
        }
    }

    /** The rebuild that owns the aggregates now (or was interrupted): until it finishes they are incomplete. */
    public Optional<RebuildState.Progress> rebuildInProgress() {
        return RebuildState.running(jdbc);
    }

    /** Hears how far a rebuild got. */
    @FunctionalInterface
    public interface RebuildListener {
        /** Raw events up to id {@code done} of {@code upto} are read and their slice committed and spilled. */
        void folded(long done, long upto);

        /** {@code rows} merged rows of {@code table} are inserted and committed. */
        default void inserted(String table, long rows) {
        }
    }

    /**
     * What a rebuild did: folded the raw events up to id {@code eventsUpto}, then {@code filesFoldedAfter} files whose
     * import finished meanwhile; {@code tookOverFrom} is the earlier rebuild it replaced (interrupted, or still
     * running and now stopping); {@code phases} the time of each step in order, {@code spilledBytes} the size of its
     * sorted runs (deleted again: the temporary disk space it needed).
     */
    public record RebuildSummary(long eventsUpto, int filesFoldedAfter, Optional<RebuildState.Progress> tookOverFrom,
                                 Duration took, Map<String, Duration> phases, long spilledBytes) {
    }
}

package cz.proklik.erp.aggregate;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Keeps the analytics layer ({@code pkl_agg_*}, schema V2) in step with the raw events, set-based, in the database:
 * {@link #addFile} folds one imported file in ({@link FileFold}), {@link #rebuild} recomputes everything from the raw
 * events ({@link AggregateRebuild}), {@link #rebuildCampaigns} some campaigns' ({@link CampaignRebuild});
 * the statements of all three are in {@link AggregateSql}. Only {@code open} and
 * {@code click} events with a campaign and a recipient are folded: rejected events never count. Both feed one
 * {@link OrderAttribution}, which the import job's attribution step refreshes ({@link #attribution()}).
 */
public class AggregateMaintainer {

    /**
     * Raw events rebuild folds per transaction. At 250,000 a slice commits every half a minute or so on the embedded
     * H2 and its undo stays a few hundred MB, whatever the table's size.
     */
    public static final int REBUILD_SLICE = 250_000;

    private final JdbcTemplate jdbc;
    private final OrderAttribution attribution;
    private final FileFold fold;
    private final AggregateRebuild rebuild;
    private final CampaignRebuild campaignRebuild;

    public AggregateMaintainer(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public AggregateMaintainer(DataSource dataSource, Clock clock) {
        this(dataSource, clock, REBUILD_SLICE);
    }

    /** With raw events folded {@code rebuildSlice} events per rebuild transaction (tests use tiny slices). */
    public AggregateMaintainer(DataSource dataSource, Clock clock, int rebuildSlice) {
        if (rebuildSlice < 1) {
            throw new IllegalArgumentException("rebuildSlice must be at least 1: " + rebuildSlice);
        }
        JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
        this.attribution = new OrderAttribution(dataSource, clock);
        this.fold = new FileFold(jdbc, transactions, clock, attribution);
        this.rebuild = new AggregateRebuild(jdbc, transactions, clock, attribution, fold, rebuildSlice);
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
}

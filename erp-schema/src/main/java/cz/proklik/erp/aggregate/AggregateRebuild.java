package cz.proklik.erp.aggregate;

import cz.proklik.erp.aggregate.AggregateMaintainer.RebuildListener;
import cz.proklik.erp.aggregate.AggregateMaintainer.RebuildSummary;
import cz.proklik.erp.send.SendCounts;
import cz.proklik.erp.unsubscribe.UnsubscribeDao;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;

import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * Empties the aggregates and recomputes them from {@code pkl_event} (raw is the source of truth;
 * {@link AggregateMaintainer#rebuild}): after flags of already folded events changed, or after sends arrived with new
 * send times. It folds the events of files already folded or with import status {@code imported}, and events stored
 * without a file; a file still being imported is left to its own fold. It works in bounded transactions (schema V2.6):
 * the aggregates deleted in batches, the raw events in slices of a number of existing events, each committed, then
 * the campaign-level tables, so neither H2's file nor SQL Server's log has to hold the whole table's changes at once.
 * Meanwhile the aggregates are incomplete: {@link RebuildState} says so, a file's fold leaves its file to the rebuild
 * (which folds it at its end, the catch-up), and a second rebuild takes over from the first.
 */
final class AggregateRebuild {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final OrderAttribution attribution;
    private final FileFold fold;
    private final int slice;
    private final FoldWriter writer;

    AggregateRebuild(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                     OrderAttribution attribution, FileFold fold, int slice) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.attribution = attribution;
        this.fold = fold;
        this.slice = slice;
        this.writer = new FoldWriter(jdbc);
    }

    RebuildSummary run(RebuildListener progress) {
        long started = System.nanoTime();
        String runId = UUID.randomUUID().toString();
        long[] upto = new long[1];
        Optional<RebuildState.Progress> tookOver = tx.execute(status -> {
            // The state row first (it waits for a fold in progress), then the files, then the last id (review
            // finding 23): a file marked folded here finished importing before, so all its events are at or below
            // upto; reading upto before the lock let a file finish in between with events above it, never folded.
            Optional<RebuildState.Progress> before = RebuildState.start(jdbc, runId, clock.instant());
            jdbc.update(AggregateSql.MARK_IMPORTED_FOLDED, toDb(clock.instant()));
            upto[0] = jdbc.queryForObject(AggregateSql.LAST_EVENT_ID, Long.class);
            RebuildState.plan(jdbc, runId, upto[0]);
            return before;
        });
        deleteAggregates(runId);
        foldEvents(runId, upto[0], progress);
        inOwnedTransaction(runId, upto[0], () -> {
            jdbc.update(AggregateSql.refreshCampaigns("1 = 1"));
            jdbc.update(AggregateSql.refreshLinks("1 = 1"));
            for (Segment segment : Segment.values()) {
                jdbc.update(AggregateSql.refreshSegments(segment));
            }
            SendCounts.recomputeAll(jdbc);
            UnsubscribeDao.recountAll(jdbc); // after pkl_agg_recipient: it supplies the variant without a send row
            return 0;
        });
        tx.executeWithoutResult(status -> {
            attribution.recomputeAll();
            RebuildState.finish(jdbc, runId, upto[0], clock.instant()); // checks ownership, then hands them back
        });
        int caughtUp = catchUp();
        return new RebuildSummary(upto[0], caughtUp, tookOver, Duration.ofNanos(System.nanoTime() - started));
    }

    private void deleteAggregates(String runId) {
        for (String table : AggregateSql.REBUILT_TABLES) {
            // Batches, not TRUNCATE: TRUNCATE needs ALTER rights on SQL Server and would not wait for the ownership
            // check of the same transaction.
            String delete = AggregateSql.deleteBatch(table);
            int deleted;
            do {
                deleted = inOwnedTransaction(runId, 0, () -> jdbc.update(delete));
            } while (deleted > 0);
        }
    }

    /** The raw events up to {@code upto}, {@link #slice} existing events per committed transaction. */
    private void foldEvents(String runId, long upto, RebuildListener progress) {
        Long hi;
        for (long from = 0; (hi = jdbc.queryForObject(AggregateSql.NEXT_SLICE_END, Long.class, slice, from, upto)) != null;
                from = hi) {
            long lo = from;
            long end = hi;
            inOwnedTransaction(runId, end, () -> {
                writer.apply(FoldDelta.read(jdbc, AggregateSql.SLICE, lo, end), false);
                jdbc.update(AggregateSql.insertCleanClicks(AggregateSql.SLICE), lo, end);
                return 0;
            });
            progress.folded(end, upto);
        }
    }

    /** Files whose fold came while this ran: folds them now, as their import job would have; returns how many. */
    private int catchUp() {
        int caughtUp = fold.foldLeftToRebuild();
        if (caughtUp > 0) {
            attribution.refresh();
        }
        return caughtUp;
    }

    /** Runs {@code work} in a transaction that commits only while {@code runId} still owns the aggregates. */
    private int inOwnedTransaction(String runId, long eventsDone, IntSupplier work) {
        Integer result = tx.execute(status -> {
            int n = work.getAsInt();
            // Checked last, so the state row is locked only for the commit, not while the slice works: a fold
            // waiting for it would otherwise wait out a whole slice.
            RebuildState.stillOwned(jdbc, runId, eventsDone);
            return n;
        });
        return result == null ? 0 : result;
    }
}

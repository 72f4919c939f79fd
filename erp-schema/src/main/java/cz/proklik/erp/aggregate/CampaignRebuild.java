package cz.proklik.erp.aggregate;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.IntSupplier;

import static cz.proklik.erp.db.SqlTime.fromDb;

/**
 * Recomputes the aggregates of some campaigns from their raw events ({@link AggregateMaintainer#rebuildCampaigns}),
 * leaving every other campaign's rows as they are: after {@code flags recompute} changed flags of those campaigns'
 * events only. Per campaign, its rows of every aggregate {@link AggregateRebuild} empties are deleted in batches,
 * then its events are folded in slices of a number of existing events, each slice one committed transaction, the
 * way an import folds a file (totals and unique counts grow against the rows folded so far, {@link FoldWriter}),
 * so the figures are those a fresh import of the same files gives.
 * <p>
 * While it runs it owns the aggregates as a whole rebuild does ({@link RebuildState}): a file's fold leaves its file
 * to it and it folds those files at its end, reports say the figures are being rebuilt. It starts only when no
 * rebuild owns them ({@link RebuildState#startIfIdle}); otherwise the caller runs the whole rebuild instead. Files
 * imported but not folded when it starts are not its own: their events are skipped by the slices and the files
 * folded whole at its end. Then the orders from the campaigns' first click on are attributed again (a flagged click
 * can have been an order's winner, a click now clean can win one; the other campaigns' clicks stay as they are).
 * Other aggregates do not depend on flags: send counts ({@code pkl_agg_send}) and opt-outs ({@code
 * pkl_agg_unsubscribe}, whose variant comes from the send or the recipient's events, whatever their flags).
 */
final class CampaignRebuild {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final OrderAttribution attribution;
    private final FileFold fold;
    private final int slice;
    private final FoldWriter writer;

    CampaignRebuild(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                    OrderAttribution attribution, FileFold fold, int slice) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.attribution = attribution;
        this.fold = fold;
        this.slice = slice;
        this.writer = new FoldWriter(jdbc);
    }

    /** Rebuilds these campaigns' aggregates, or returns empty (nothing done) when a rebuild owns the aggregates. */
    Optional<AggregateMaintainer.CampaignsRebuilt> run(SortedSet<String> campaigns) {
        long started = System.nanoTime();
        String runId = UUID.randomUUID().toString();
        long[] upto = new long[1];
        boolean owned = Boolean.TRUE.equals(tx.execute(status -> {
            if (!RebuildState.startIfIdle(jdbc, runId, clock.instant())) {
                return false;
            }
            upto[0] = jdbc.queryForObject(AggregateSql.LAST_EVENT_ID, Long.class);
            RebuildState.plan(jdbc, runId, upto[0]);
            return true;
        }));
        if (!owned) {
            return Optional.empty();
        }
        Instant firstClick = null;
        for (String campaign : campaigns) {
            deleteRows(runId, campaign);
            foldEvents(runId, campaign, upto[0]);
            Instant first = jdbc.queryForObject(AggregateSql.FIRST_CLICK, (rs, i) -> fromDb(rs, "first_click"),
                    campaign);
            if (first != null && (firstClick == null || first.isBefore(firstClick))) {
                firstClick = first;
            }
        }
        Instant reattributeFrom = firstClick;
        tx.executeWithoutResult(status -> {
            if (reattributeFrom != null) {
                attribution.clicksFolded(reattributeFrom);
            }
            RebuildState.finish(jdbc, runId, upto[0], clock.instant()); // checks ownership, then hands them back
        });
        int caughtUp = fold.foldLeftToRebuild();
        attribution.refresh();
        return Optional.of(new AggregateMaintainer.CampaignsRebuilt(List.copyOf(campaigns), caughtUp,
                Duration.ofNanos(System.nanoTime() - started)));
    }

    private void deleteRows(String runId, String campaign) {
        for (String table : AggregateSql.REBUILT_TABLES) {
            String delete = AggregateSql.deleteCampaignBatch(table);
            int deleted;
            do {
                deleted = inOwnedTransaction(runId, 0, () -> jdbc.update(delete, campaign));
            } while (deleted > 0);
        }
    }

    /** The campaign's events up to {@code upto}, {@link #slice} existing events per committed transaction. */
    private void foldEvents(String runId, String campaign, long upto) {
        Long hi;
        for (long from = 0; (hi = jdbc.queryForObject(AggregateSql.NEXT_CAMPAIGN_SLICE_END, Long.class, slice,
                campaign, from, upto)) != null; from = hi) {
            Object[] args = {campaign, from, hi};
            long end = hi;
            inOwnedTransaction(runId, end, () -> {
                FoldDelta delta = FoldDelta.read(jdbc, AggregateSql.CAMPAIGN_SLICE, args);
                delta.readSegmentValues(jdbc, AggregateSql.CAMPAIGN_SLICE, args);
                writer.apply(delta, true);
                jdbc.update(AggregateSql.insertCleanClicks(AggregateSql.CAMPAIGN_SLICE), args);
                return 0;
            });
        }
    }

    /** Runs {@code work} in a transaction that commits only while {@code runId} still owns the aggregates. */
    private int inOwnedTransaction(String runId, long eventsDone, IntSupplier work) {
        Integer result = tx.execute(status -> {
            int n = work.getAsInt();
            RebuildState.stillOwned(jdbc, runId, eventsDone);
            return n;
        });
        return result == null ? 0 : result;
    }
}

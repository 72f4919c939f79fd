package cz.proklik.erp.aggregate;

import cz.proklik.erp.aggregate.AggregateMaintainer.RebuildListener;
import cz.proklik.erp.aggregate.AggregateMaintainer.RebuildSummary;
import cz.proklik.erp.aggregate.FoldDelta.ClickKey;
import cz.proklik.erp.aggregate.FoldDelta.ClickRow;
import cz.proklik.erp.aggregate.FoldDelta.LinkKey;
import cz.proklik.erp.aggregate.FoldDelta.LinkRow;
import cz.proklik.erp.aggregate.FoldDelta.RecipientKey;
import cz.proklik.erp.aggregate.FoldDelta.RecipientRow;
import cz.proklik.erp.db.Engine;
import cz.proklik.erp.send.SendCounts;
import cz.proklik.erp.unsubscribe.UnsubscribeDao;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * Empties the aggregates and recomputes them from {@code pkl_event} (raw is the source of truth;
 * {@link AggregateMaintainer#rebuild}): after flags of already folded events changed, or after sends arrived with new
 * send times. It folds the events of files already folded or with import status {@code imported}, and events stored
 * without a file; a file still being imported is left to its own fold. It works in bounded transactions (schema V2.6),
 * so neither H2's file nor SQL Server's log has to hold the whole table's changes at once: the aggregates deleted in
 * batches; the raw events read once, in slices of a number of existing events, each slice's per-recipient and
 * per-recipient link sums and its clean clicks spilled to sorted runs on disk ({@link RebuildRuns}) while its hours
 * are written and committed; then the runs merged ({@link RunMerge}) and each per-recipient row and clean click
 * inserted once, in key order, {@link #INSERT_BATCH} rows per commit (issue 18: folding slice by slice re-read and re-wrote most
 * per-recipient rows per slice, 1,785 s for 20 M events); then the campaign-level tables. Meanwhile the aggregates
 * are incomplete: {@link RebuildState} says so, a file's fold leaves its file to the rebuild (which folds it at its
 * end, the catch-up), and a second rebuild takes over from the first.
 */
final class AggregateRebuild {
    /**
     * Merged rows inserted per committed transaction: bounds H2's undo and SQL Server's log and locks as a slice did,
     * while a commit per row group of this size costs nothing next to the inserts.
     */
    static final int INSERT_BATCH = 50_000;
    /**
     * Tables merged and inserted at once: the three are independent, and one merge keeps one core busy (the
     * product's machines have two or more).
     */
    static final int MERGE_THREADS = 2;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final OrderAttribution attribution;
    private final FileFold fold;
    private final int slice;
    private final Path tempRoot;
    private final FoldWriter writer;

    AggregateRebuild(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                     OrderAttribution attribution, FileFold fold, int slice, Path tempRoot) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.attribution = attribution;
        this.fold = fold;
        this.slice = slice;
        this.tempRoot = tempRoot;
        this.writer = new FoldWriter(jdbc);
    }

    RebuildSummary run(RebuildListener progress) {
        long started = System.nanoTime();
        String runId = UUID.randomUUID().toString();
        long[] upto = new long[1];
        Optional<RebuildState.TakenOver> tookOver = tx.execute(status -> {
            // The state row first (it waits for a fold in progress), then the files, then the last id (review
            // finding 23): a file marked folded here finished importing before, so all its events are at or below
            // upto; reading upto before the lock let a file finish in between with events above it, never folded.
            Optional<RebuildState.TakenOver> before = RebuildState.start(jdbc, runId, clock.instant());
            jdbc.update(AggregateSql.MARK_IMPORTED_FOLDED, toDb(clock.instant()));
            upto[0] = jdbc.queryForObject(AggregateSql.LAST_EVENT_ID, Long.class);
            RebuildState.plan(jdbc, runId, upto[0]);
            return before;
        });
        tookOver.ifPresent(t -> RebuildRuns.deleteLeftoversOf(tempRoot, t.runId()));
        Phases phases = new Phases();
        long spilled;
        try (RebuildRuns runs = openRuns(runId)) {
            deleteAggregates(runId, phases);
            long scanned = foldEvents(runId, upto[0], runs, progress);
            phases.end("scan and spill");
            Map<String, Duration> tables = insertMerged(runId, scanned, runs, progress);
            phases.end("merge and insert");
            phases.took.putAll(tables);
            spilled = runs.bytes();
        } catch (IOException e) {
            throw failure(runId, e);
        }
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
        phases.end("campaign level");
        tx.executeWithoutResult(status -> {
            attribution.recomputeAll();
            RebuildState.finish(jdbc, runId, upto[0], clock.instant()); // checks ownership, then hands them back
        });
        phases.end("attribution");
        int caughtUp = catchUp();
        phases.end("catch-up");
        return new RebuildSummary(upto[0], caughtUp, tookOver.map(RebuildState.TakenOver::progress),
                Duration.ofNanos(System.nanoTime() - started), phases.took, spilled);
    }

    private RebuildRuns openRuns(String runId) {
        try {
            return RebuildRuns.create(tempRoot, runId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the rebuild's temporary folder below " + tempRoot, e);
        }
    }

    /**
     * A failure to write or read the runs: when a newer rebuild took over, that is the reason (it deletes the runs
     * of the one it took over from), else the failure itself.
     */
    private RuntimeException failure(String runId, IOException e) {
        if (!RebuildState.isOwner(jdbc, runId)) {
            RebuildState.RebuildTakenOverException takenOver = new RebuildState.RebuildTakenOverException(runId);
            takenOver.addSuppressed(e);
            return takenOver;
        }
        return new UncheckedIOException("aggregates rebuild " + runId + " failed on its sorted runs in " + tempRoot, e);
    }

    private void deleteAggregates(String runId, Phases phases) {
        Engine engine = Engine.of(jdbc.getDataSource());
        for (String table : AggregateSql.REBUILT_TABLES) {
            if (engine == Engine.H2) {
                // H2 deletes a row at 40-160 us (issue 18: 63 s for 760,000 aggregate rows at 2 M events, ~10 min
                // at 20 M), a TRUNCATE in no time. It commits by itself, so the ownership is checked just before it,
                // on the same connection; a rebuild taking over in between would have to start, empty the tables
                // and fold a slice within that one statement to lose rows to it. The embedded file is open in one
                // process only, so both would be threads of one JVM.
                inOwnedTransaction(runId, 0, () -> 0);
                jdbc.update(AggregateSql.truncate(table));
            } else {
                // Batches, not TRUNCATE: TRUNCATE needs ALTER rights on SQL Server and would not wait for the
                // ownership check of the same transaction.
                String delete = AggregateSql.deleteBatch(table);
                int deleted;
                do {
                    deleted = inOwnedTransaction(runId, 0, () -> jdbc.update(delete));
                } while (deleted > 0);
            }
            phases.end("delete " + table);
        }
    }

    /**
     * Reads the raw events up to {@code upto}, {@link #slice} existing events per committed transaction: their hours
     * and clean clicks written, their per-recipient sums spilled as the slice's sorted runs. Returns the last slice's
     * end (0 without events).
     */
    private long foldEvents(String runId, long upto, RebuildRuns runs, RebuildListener progress) throws IOException {
        SendTimes sendTimes = SendTimes.read(jdbc);
        Long hi;
        long done = 0;
        for (long from = 0; (hi = jdbc.queryForObject(AggregateSql.NEXT_SLICE_END, Long.class, slice, from, upto)) != null;
                from = hi) {
            long lo = from;
            long end = hi;
            FoldDelta[] delta = new FoldDelta[1];
            inOwnedTransaction(runId, end, () -> {
                delta[0] = FoldDelta.readForRebuild(jdbc, sendTimes, AggregateSql.SLICE, lo, end);
                writer.addHours(delta[0]);
                return 0;
            });
            runs.spill(delta[0]);
            done = end;
            progress.folded(end, upto);
        }
        return done;
    }

    /**
     * The runs merged, each row inserted once, {@link #INSERT_BATCH} rows per owned transaction: the three tables at
     * once, on {@link #MERGE_THREADS} connections, the largest (the clean clicks) first. Returns how long each table
     * took.
     */
    private Map<String, Duration> insertMerged(String runId, long eventsDone, RebuildRuns runs,
                                               RebuildListener progress) throws IOException {
        RebuildListener heard = new RebuildListener() { // the CLI's listener is not thread-safe
            @Override
            public synchronized void folded(long done, long upto) {
                progress.folded(done, upto);
            }

            @Override
            public synchronized void inserted(String table, long rows) {
                progress.inserted(table, rows);
            }
        };
        Map<String, MergeTask> tasks = new LinkedHashMap<>();
        tasks.put("pkl_agg_click", () -> {
            InsertBatches<ClickKey, ClickRow> clicks = new InsertBatches<>(runId, eventsDone,
                    writer::insertCleanClicks, n -> heard.inserted("pkl_agg_click", n));
            runs.mergeCleanClicks(clicks::add);
            clicks.flush();
        });
        tasks.put("pkl_agg_recipient", () -> {
            InsertBatches<RecipientKey, RecipientRow> recipients = new InsertBatches<>(runId, eventsDone,
                    writer::insertRecipients, n -> heard.inserted("pkl_agg_recipient", n));
            runs.mergeRecipients(recipients::add);
            recipients.flush();
        });
        tasks.put("pkl_agg_recipient_link", () -> {
            InsertBatches<LinkKey, LinkRow> links = new InsertBatches<>(runId, eventsDone, writer::insertLinks,
                    n -> heard.inserted("pkl_agg_recipient_link", n));
            runs.mergeLinks(links::add);
            links.flush();
        });
        Map<String, Duration> took = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(MERGE_THREADS, r -> {
            Thread t = new Thread(r, "proklik-rebuild-merge");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            tasks.forEach((table, task) -> running.add(pool.submit(() -> {
                long started = System.nanoTime();
                task.run();
                took.put(table, Duration.ofNanos(System.nanoTime() - started));
                return null;
            })));
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("aggregates rebuild " + runId + " interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow(); // after a failure: the other tables' merges stop at their next batch
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, Duration> ordered = new LinkedHashMap<>();
        tasks.keySet().forEach(table -> ordered.put("insert " + table, took.get(table)));
        return ordered;
    }

    /** One table's merge and inserts. */
    @FunctionalInterface
    private interface MergeTask {
        void run() throws IOException;
    }

    /** Merged rows gathered into batches, each inserted in a transaction of its own under the ownership check. */
    private final class InsertBatches<K, R> {
        private final String runId;
        private final long eventsDone;
        private final Consumer<List<Map.Entry<K, R>>> insert;
        private final LongConsumer inserted;
        private final List<Map.Entry<K, R>> batch = new ArrayList<>(INSERT_BATCH);
        private long rows;

        InsertBatches(String runId, long eventsDone, Consumer<List<Map.Entry<K, R>>> insert, LongConsumer inserted) {
            this.runId = runId;
            this.eventsDone = eventsDone;
            this.insert = insert;
            this.inserted = inserted;
        }

        void add(K key, R row) {
            batch.add(Map.entry(key, row));
            if (batch.size() == INSERT_BATCH) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            inOwnedTransaction(runId, eventsDone, () -> {
                insert.accept(batch);
                return 0;
            });
            rows += batch.size();
            batch.clear();
            inserted.accept(rows);
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

    /** The wall-clock time of each step, in order: what `aggregates rebuild` reports. */
    private static final class Phases {
        private final Map<String, Duration> took = new LinkedHashMap<>();
        private long since = System.nanoTime();

        void end(String phase) {
            long now = System.nanoTime();
            took.put(phase, Duration.ofNanos(now - since));
            since = now;
        }
    }
}

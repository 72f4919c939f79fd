package cz.proklik.erp.aggregate;

import cz.proklik.erp.aggregate.AggregateMaintainer.FoldResult;
import cz.proklik.erp.db.LockRetry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * Folds the open and click events of one imported file into the aggregates ({@link AggregateMaintainer#addFile}):
 * the file's events are read once and summed in memory ({@link FoldDelta}), then each aggregate row they touch is
 * written once ({@link FoldWriter}): totals are added, first/last times are min/max-ed per campaign+recipient and
 * campaign+recipient+link, hour buckets are added, the clean clicks are copied for attribution, and the per-campaign,
 * per-link and per-segment totals grow by the file's counts; a unique count grows only by the recipients who had no
 * such event before (checked against the per-recipient rows before the file is written into them), so unique counts
 * stay exact however the events of one recipient are spread over files, and the cost is proportional to the file,
 * not to the campaign.
 * <p>
 * One transaction of its own per file, committed before {@link #fold} returns - also inside a batch step's
 * transaction - so SQL Server readers never wait for a whole import step's files (review finding 14); run again when
 * it lost a lock ({@link LockRetry}). Idempotent: {@code pkl_agg_file_done} records the file in the same transaction.
 */
final class FileFold {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTx;
    private final Clock clock;
    private final OrderAttribution attribution;
    private final LockRetry retry = LockRetry.DEFAULT;
    private final FoldWriter writer;

    FileFold(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock, OrderAttribution attribution) {
        this.jdbc = jdbc;
        this.ownTx = new TransactionTemplate(transactions);
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.attribution = attribution;
        this.writer = new FoldWriter(jdbc);
    }

    FoldResult fold(long fileId) {
        return foldGroup(List.of(fileId)).get(fileId);
    }

    /**
     * Folds several files as one delta in one transaction of its own: each aggregate row their events touch is
     * written once for the group instead of once per file. Returns what it did with each file, in their order.
     */
    Map<Long, FoldResult> foldGroup(List<Long> fileIds) {
        String what = fileIds.size() == 1 ? "fold of import file " + fileIds.get(0)
                : "fold of import files " + fileIds;
        return retry.run(what, () -> ownTx.execute(status -> foldNow(fileIds)));
    }

    /**
     * Folds the files whose import finished while a rebuild owned the aggregates (their own fold left them to it),
     * as their import job would have; returns how many. A rebuild calls it once it has handed the aggregates back.
     */
    int foldLeftToRebuild() {
        List<Long> leftToRebuild = jdbc.queryForList(AggregateSql.LEFT_TO_REBUILD, Long.class);
        leftToRebuild.forEach(this::fold);
        return leftToRebuild.size();
    }

    /** The events the import stored from a file: what a group of files is sized by. */
    long events(long fileId) {
        Long n = jdbc.queryForObject(AggregateSql.FILE_EVENTS, Long.class, fileId);
        return n == null ? 0 : n;
    }

    /** The events the import stored from all files folded so far: what a backlog is measured against. */
    long foldedEvents() {
        Long n = jdbc.queryForObject(AggregateSql.FOLDED_EVENTS, Long.class);
        return n == null ? 0 : n;
    }

    boolean isFolded(long fileId) {
        Integer n = jdbc.queryForObject(AggregateSql.IS_FOLDED, Integer.class, fileId);
        return n != null && n > 0;
    }

    private Map<Long, FoldResult> foldNow(List<Long> fileIds) {
        Map<Long, FoldResult> results = new LinkedHashMap<>();
        if (!RebuildState.lockIfIdle(jdbc)) {
            fileIds.forEach(id -> results.put(id, FoldResult.LEFT_TO_REBUILD));
            return results;
        }
        FoldDelta delta = new FoldDelta();
        for (long fileId : fileIds) {
            if (results.containsKey(fileId) || jdbc.update(AggregateSql.MARK_FOLDED, fileId, toDb(clock.instant()),
                    fileId) == 0) {
                results.putIfAbsent(fileId, FoldResult.ALREADY_FOLDED);
                continue;
            }
            results.put(fileId, FoldResult.FOLDED);
            // The parameters of AggregateSql.BY_FILE: the file and its id range (review finding 15).
            Object[] file = jdbc.queryForObject(AggregateSql.FILE_ID_RANGE,
                    (rs, i) -> new Object[] {fileId, rs.getLong("lo"), rs.getLong("hi")}, fileId);
            delta.add(jdbc, AggregateSql.BY_FILE, file);
            delta.readSegmentValues(jdbc, AggregateSql.BY_FILE, file);
            jdbc.update(AggregateSql.insertCleanClicks(AggregateSql.BY_FILE), file);
        }
        writer.apply(delta, true);
        if (delta.earliestCleanClick() != null) {
            attribution.clicksFolded(delta.earliestCleanClick().toInstant(ZoneOffset.UTC));
        }
        return results;
    }
}

package cz.proklik.erp.aggregate;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * The row {@code pkl_agg_rebuild_state} (schema V2.6): which rebuild owns the aggregates while it runs, and how far it
 * got. Everything else that writes the aggregates ({@link AggregateMaintainer#addFile}, {@link OrderAttribution#refresh})
 * first claims the row with {@link #lockIfIdle}, so it either runs wholly before a rebuild starts or sees the rebuild
 * and stays out of its way. The row lock, not a flag read, is what makes that hold between processes on SQL Server.
 */
public final class RebuildState {

    private RebuildState() {
    }

    /**
     * In the caller's transaction: locks the state row when no rebuild runs (a no-op update, held to commit) and
     * returns true; returns false when a rebuild owns the aggregates.
     */
    static boolean lockIfIdle(JdbcTemplate jdbc) {
        // A non-key column set to itself: SQL Server and H2 both lock the row for it, and no value changes.
        return jdbc.update("""
                UPDATE pkl_agg_rebuild_state SET finished_at = finished_at
                WHERE state_id = 1 AND run_id IS NULL""") == 1;
    }

    /**
     * Makes {@code runId} the owner, whatever ran before it, and returns the rebuild it took over from, if any. The
     * row is locked first, so this waits for an {@code addFile} in progress and what it reads is what the lock holder
     * committed. The events it will fold are set by {@link #plan} in the same transaction.
     */
    static Optional<TakenOver> start(JdbcTemplate jdbc, String runId, Instant now) {
        jdbc.update("UPDATE pkl_agg_rebuild_state SET finished_at = finished_at WHERE state_id = 1");
        Optional<TakenOver> before = jdbc.query("""
                SELECT run_id, started_at, events_done, events_upto FROM pkl_agg_rebuild_state
                WHERE state_id = 1 AND run_id IS NOT NULL""",
                (rs, i) -> new TakenOver(rs.getString("run_id"), progress(rs))).stream().findFirst();
        jdbc.update("""
                UPDATE pkl_agg_rebuild_state SET run_id = ?, started_at = ?, events_upto = 0, events_done = 0
                WHERE state_id = 1""", runId, toDb(now));
        return before;
    }

    /**
     * Makes {@code runId} the owner only when no rebuild owns the aggregates (none runs, none was interrupted), in
     * one statement, so two callers cannot both see the row free; returns whether it did. A rebuild of some campaigns
     * ({@link CampaignRebuild}) uses it: taking over a whole rebuild's half-filled aggregates and then handing them
     * back as complete would leave every other campaign's figures incomplete.
     */
    static boolean startIfIdle(JdbcTemplate jdbc, String runId, Instant now) {
        return jdbc.update("""
                UPDATE pkl_agg_rebuild_state SET run_id = ?, started_at = ?, events_upto = 0, events_done = 0
                WHERE state_id = 1 AND run_id IS NULL""", runId, toDb(now)) == 1;
    }

    /** The rebuild that {@link #start}ed will fold the raw events up to id {@code eventsUpto}. */
    static void plan(JdbcTemplate jdbc, String runId, long eventsUpto) {
        jdbc.update("UPDATE pkl_agg_rebuild_state SET events_upto = ? WHERE state_id = 1 AND run_id = ?", eventsUpto,
                runId);
    }

    /**
     * Records progress when {@code runId} still owns the aggregates, else throws: a newer rebuild took over and has
     * emptied them, so whatever this transaction did must roll back.
     */
    static void stillOwned(JdbcTemplate jdbc, String runId, long eventsDone) {
        if (jdbc.update("UPDATE pkl_agg_rebuild_state SET events_done = ? WHERE state_id = 1 AND run_id = ?",
                eventsDone, runId) != 1) {
            throw new RebuildTakenOverException(runId);
        }
    }

    /** Whether {@code runId} owns the aggregates now (a plain read: for telling a takeover from another failure). */
    static boolean isOwner(JdbcTemplate jdbc, String runId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM pkl_agg_rebuild_state WHERE state_id = 1 AND run_id = ?",
                Integer.class, runId) == 1;
    }

    /** Hands the aggregates back: the rebuild that folded the raw events up to {@code eventsUpto} is done. */
    static void finish(JdbcTemplate jdbc, String runId, long eventsUpto, Instant now) {
        stillOwned(jdbc, runId, eventsUpto);
        jdbc.update("UPDATE pkl_agg_rebuild_state SET run_id = NULL, finished_at = ? WHERE state_id = 1", toDb(now));
    }

    /** The rebuild that owns the aggregates now, if one does (or one was interrupted and left them incomplete). */
    static Optional<Progress> running(JdbcTemplate jdbc) {
        return jdbc.query("""
                SELECT started_at, events_done, events_upto FROM pkl_agg_rebuild_state
                WHERE state_id = 1 AND run_id IS NOT NULL""",
                (rs, i) -> progress(rs)).stream().findFirst();
    }

    private static Progress progress(ResultSet rs) throws SQLException {
        return new Progress(fromDb(rs, "started_at"), rs.getLong("events_done"), rs.getLong("events_upto"));
    }

    /** The rebuild {@link #start} took over from: its run id (its sorted runs are left to delete) and progress. */
    record TakenOver(String runId, Progress progress) {
    }

    /**
     * A rebuild in progress (or interrupted): started at {@code startedAt}, has folded the raw events up to id
     * {@code eventsDone} of {@code eventsUpto}. Until it finishes the aggregates hold only part of the events.
     */
    public record Progress(Instant startedAt, long eventsDone, long eventsUpto) {
    }

    /** A newer rebuild started while this one ran; this one stops, the newer one finishes the work. */
    public static final class RebuildTakenOverException extends IllegalStateException {
        RebuildTakenOverException(String runId) {
            super("aggregates rebuild " + runId + " stopped: a newer rebuild took over the aggregates");
        }
    }
}

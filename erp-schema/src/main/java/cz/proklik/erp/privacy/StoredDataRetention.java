package cz.proklik.erp.privacy;

import cz.proklik.erp.db.Engine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * Keeps the personal data in the database no longer than configured (schema V2.7, docs/privacy.md):
 * <ul>
 *   <li>the client address and the user agent of events, and the note of imported responses (schema 8.0),
 *       imported more than {@code eventDetails} ago are cleared
 *       (counted from the import, minutes after the request, because import time grows with the id whatever clock a
 *       redirect node has); what the import computed from them (bot, scanner, MPP flags, user-agent class, device)
 *       stays, so every figure stays as it was. Events are walked in id order from where the last run stopped, one
 *       committed slice at a time, up to the first one imported too recently: a run reads only what has aged since
 *       the last one;</li>
 *   <li>quarantined lines (raw click-log text with addresses and recipient ids) older than {@code quarantine} are
 *       deleted.</li>
 * </ul>
 * A zero duration keeps that kind of data for ever.
 */
public final class StoredDataRetention {

    /**
     * Events per transaction and statement: bounds the work and the undo of one commit, whatever the table's size,
     * and stays under the 5,000 locks at which SQL Server escalates one statement to a table lock on pkl_event
     * (which would hold off a second importer's inserts until the commit; review finding 17).
     */
    public static final int SLICE = 4_000;

    /**
     * Slices one {@link #apply} walks at most. Clearing a backlog is slow on the embedded H2 - on the 20 M event bench
     * database an uncapped run had not finished after 40 minutes, and two runs of 10 slices not after 10 minutes
     * (under ~3,300 events/s, session 3) - and it runs inside an import run, so a backlog is cleared a few hundred
     * thousand events per run, over the next runs: 75 slices of {@link #SLICE}, the 300,000 events per run it was with
     * three slices of 100,000 before the slices were cut to stay under lock escalation.
     */
    public static final int MAX_SLICES_PER_RUN = 75;

    /**
     * Events per transaction on the embedded H2, which escalates no locks: a quarter of {@link #SLICE}. H2 commits row by
     * row, walking each changed row's entry again, and a smaller slice's pages are still in its page cache then;
     * measured at 5 M events (session 12, 1,200,000 events cleared each, different id ranges of one database): 20,000
     * a slice 6,103 events/s, 4,000 8,158-8,444, 1,000 12,292 - while the import had reached 9,081.
     */
    public static final int SLICE_H2 = SLICE / 4;

    /** {@link #MAX_SLICES_PER_RUN}'s 300,000 events a run in slices of {@link #SLICE_H2}. */
    public static final int MAX_SLICES_PER_RUN_H2 = MAX_SLICES_PER_RUN * 4;

    /**
     * The end of the next slice: {@code slice} existing events on, not {@code slice} ids - SQL Server's IGNORE_DUP_KEY
     * burns an IDENTITY value per skipped duplicate, and a walk by id ranges would cover few real rows per run after a
     * re-imported file (review finding 11).
     */
    private static final String NEXT_SLICE_END = """
            SELECT MAX(x.id) AS hi, MAX(x.imported_at) AS newest
            FROM (SELECT TOP (?) e.id, e.imported_at FROM pkl_event e WHERE e.id > ? AND e.id <= ? ORDER BY e.id) x""";
    /** A slice imported wholly before the cutoff: every event in it loses its details. */
    private static final String CLEAR_SLICE = """
            UPDATE pkl_event SET client_ip = NULL, user_agent = NULL, note = NULL
            WHERE id > ? AND id <= ? AND (client_ip IS NOT NULL OR user_agent IS NOT NULL OR note IS NOT NULL)""";
    /** The slice where the recent imports start: only its events imported before the cutoff. */
    private static final String CLEAR_SLICE_BEFORE = CLEAR_SLICE + " AND imported_at < ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int slice;
    private final int maxSlices;

    /** With the engine's slices: {@link #SLICE_H2} on the embedded H2, {@link #SLICE} on SQL Server. */
    public StoredDataRetention(DataSource dataSource, Clock clock) {
        this(dataSource, clock, Engine.of(dataSource));
    }

    private StoredDataRetention(DataSource dataSource, Clock clock, Engine engine) {
        this(dataSource, clock, engine == Engine.H2 ? SLICE_H2 : SLICE,
                engine == Engine.H2 ? MAX_SLICES_PER_RUN_H2 : MAX_SLICES_PER_RUN);
    }

    /** With {@code slice} event ids per transaction and at most {@code maxSlices} per run (tests use tiny ones). */
    public StoredDataRetention(DataSource dataSource, Clock clock, int slice, int maxSlices) {
        if (slice < 1 || maxSlices < 1) {
            throw new IllegalArgumentException("slice and maxSlices must be at least 1: " + slice + ", " + maxSlices);
        }
        this.maxSlices = maxSlices;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        // Each slice commits on its own, also when called inside a batch step's transaction.
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.slice = slice;
    }

    /** Applies both limits now; returns what it cleared and deleted. */
    public Outcome apply(Duration eventDetails, Duration quarantine) {
        requireNotNegative(eventDetails, "eventDetails");
        requireNotNegative(quarantine, "quarantine");
        Instant now = clock.instant();
        long cleared = eventDetails.isZero() ? 0 : clearEventDetailsBefore(now.minus(eventDetails));
        int deleted = quarantine.isZero() ? 0
                : jdbc.update("DELETE FROM pkl_quarantine WHERE created_at < ?", toDb(now.minus(quarantine)));
        jdbc.update("UPDATE pkl_retention_state SET last_run_at = ? WHERE state_id = 1", toDb(now));
        return new Outcome(cleared, deleted);
    }

    private long clearEventDetailsBefore(Instant cutoff) {
        long lastId = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM pkl_event", Long.class);
        long from = jdbc.queryForObject("SELECT details_cleared_upto FROM pkl_retention_state WHERE state_id = 1",
                Long.class);
        long cleared = 0;
        for (int slices = 0; from < lastId && slices < maxSlices; slices++) {
            // One read gives the slice's end and whether all of it is old enough (the newest import time in it), so
            // a slice costs that read and one UPDATE, not a second pass counting the recent events.
            SliceEnd end = jdbc.queryForObject(NEXT_SLICE_END, (rs, i) -> rs.getObject("hi") == null ? null
                    : new SliceEnd(rs.getLong("hi"), fromDb(rs, "newest")), slice, from, lastId);
            if (end == null) {
                break;
            }
            long lo = from;
            boolean allOld = end.newest().isBefore(cutoff);
            cleared += tx.execute(status -> {
                int n = allOld ? jdbc.update(CLEAR_SLICE, lo, end.hi())
                        : jdbc.update(CLEAR_SLICE_BEFORE, lo, end.hi(), toDb(cutoff));
                if (allOld) {
                    jdbc.update("UPDATE pkl_retention_state SET details_cleared_upto = ? WHERE state_id = 1",
                            end.hi());
                }
                return n;
            });
            if (!allOld) {
                break; // the recent imports start here; the next run goes on from this slice
            }
            from = end.hi();
        }
        return cleared;
    }

    private static void requireNotNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero (keep) or positive: " + d);
        }
    }

    private record SliceEnd(long hi, Instant newest) {
    }

    /** What one {@link #apply} did: events whose address and user agent it cleared, quarantined lines deleted. */
    public record Outcome(long eventDetailsCleared, int quarantinedLinesDeleted) {
    }
}

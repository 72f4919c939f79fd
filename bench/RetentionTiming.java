import cz.proklik.erp.db.Database;
import cz.proklik.erp.privacy.StoredDataRetention;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Retention at scale (issue 18 item 3): clears the client address and user agent of the events of a PROKLIK_HOME's
 * embedded H2 as if a year had passed since their import, with the product's StoredDataRetention exactly as an import
 * run calls it (its own slices, each its own transaction: SLICE_H2 events, at most MAX_SLICES_PER_RUN_H2 per call on
 * the embedded H2), one call after another, and prints events/s and the
 * longest call: what one import run's applyRetention step adds to that run while a backlog lasts.
 *
 * Usage: java -cp app/target/proklik.jar bench/RetentionTiming.java HOME [EVENTS]
 * EVENTS (default: all) stops after the call that reached that many cleared events, so a 5 M database is measured on
 * a bounded part of its backlog (the whole of it held the machine for half an hour, session 7).
 * Prints: RETENTION events=N with_details=N cleared=N left=N runs=R seconds=S events_per_s=E slowest_run_s=T
 * (E = cleared / S; T = the longest single call)
 */
public class RetentionTiming {
    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        long budget = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        try (Database db = Database.embedded(home)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            long events = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event", Long.class);
            long withDetails = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM pkl_event WHERE client_ip IS NOT NULL OR user_agent IS NOT NULL", Long.class);
            Clock aYearLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(366));
            StoredDataRetention retention = new StoredDataRetention(db.dataSource(), aYearLater);
            long cleared = 0;
            int runs = 0;
            double seconds = 0;
            double slowest = 0;
            while (cleared < budget) {
                long t0 = System.nanoTime();
                long n = retention.apply(Duration.ofDays(365), Duration.ZERO).eventDetailsCleared();
                double s = (System.nanoTime() - t0) / 1e9;
                if (n == 0) {
                    break;
                }
                runs++;
                cleared += n;
                seconds += s;
                slowest = Math.max(slowest, s);
            }
            long left = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM pkl_event WHERE client_ip IS NOT NULL OR user_agent IS NOT NULL", Long.class);
            System.out.printf(Locale.ROOT, "RETENTION events=%d with_details=%d cleared=%d left=%d runs=%d seconds=%.1f"
                            + " events_per_s=%.0f slowest_run_s=%.1f%n", events, withDetails, cleared, left, runs,
                    seconds, cleared / seconds, slowest);
        }
    }
}

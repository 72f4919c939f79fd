import cz.proklik.erp.db.Database;
import cz.proklik.erp.privacy.StoredDataRetention;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Retention at scale (issue 18 item 3): clears the client address and user agent of every event of a PROKLIK_HOME's
 * embedded H2 as if a year had passed since their import (the product's StoredDataRetention, its own slices and
 * transactions, with the per-run cap lifted so the whole backlog goes in one call), and prints events/s.
 *
 * Usage: java -cp app/target/proklik.jar bench/RetentionTiming.java HOME [SLICES]
 * SLICES (default: no cap) stops after that many slices of StoredDataRetention.SLICE events, for a shorter run.
 * Prints: RETENTION events=N with_details=N cleared=N left=N seconds=S events_per_s=R (R = cleared / S)
 */
public class RetentionTiming {
    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        try (Database db = Database.embedded(home)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            long events = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event", Long.class);
            long withDetails = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM pkl_event WHERE client_ip IS NOT NULL OR user_agent IS NOT NULL", Long.class);
            Clock aYearLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(366));
            StoredDataRetention retention = new StoredDataRetention(db.dataSource(), aYearLater,
                    StoredDataRetention.SLICE, args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE);
            long t0 = System.nanoTime();
            StoredDataRetention.Outcome outcome = retention.apply(Duration.ofDays(365), Duration.ZERO);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long left = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM pkl_event WHERE client_ip IS NOT NULL OR user_agent IS NOT NULL", Long.class);
            System.out.printf(Locale.ROOT, "RETENTION events=%d with_details=%d cleared=%d left=%d seconds=%.1f"
                            + " events_per_s=%.0f%n", events, withDetails, outcome.eventDetailsCleared(), left, seconds,
                    outcome.eventDetailsCleared() / seconds);
        }
    }
}

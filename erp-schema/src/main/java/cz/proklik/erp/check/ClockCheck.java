package cz.proklik.erp.check;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The database server's clock against this host's. Proklik writes its own times (UTC, from the host), but the
 * ERP's order times come from the server's clock and are compared with click times from the redirect nodes, so
 * clocks apart by more than a few seconds shift attribution and the too-fast-after-send rule. The host's clock is
 * read before and after the query; the database's answer must fall between them, give or take the tolerance.
 */
final class ClockCheck implements DatabaseCheck {
    static final Duration TOLERANCE = Duration.ofSeconds(5);
    private static final String SQL_SERVER =
            "SELECT SYSUTCDATETIME() AS utc_now, DATEPART(TZOFFSET, SYSDATETIMEOFFSET()) AS offset_minutes";
    private static final String H2 = "SELECT CURRENT_TIMESTAMP";

    @Override
    public String name() {
        return "clock";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        Instant before = context.clock().instant();
        Instant database;
        String zone;
        if (context.sqlServer()) {
            Object[] row = context.jdbc().queryForObject(SQL_SERVER, (rs, n) -> new Object[]{
                    rs.getObject("utc_now", LocalDateTime.class), rs.getInt("offset_minutes")});
            database = ((LocalDateTime) row[0]).toInstant(ZoneOffset.UTC);
            zone = "; the server's local time is UTC" + ZoneOffset.ofTotalSeconds((Integer) row[1] * 60)
                    + " (Helios keeps local times)";
        } else {
            database = context.jdbc().queryForObject(H2, OffsetDateTime.class).toInstant();
            zone = "";
        }
        // The engines keep micro- or milliseconds; widen the window by that much so that a truncated answer from
        // the same clock does not read as a skew.
        Instant after = context.clock().instant().plusMillis(1);
        Duration skew = skew(before.truncatedTo(ChronoUnit.MILLIS), after, database);
        String finding = "database clock " + describe(skew) + " this host's" + zone;
        if (skew.abs().compareTo(TOLERANCE) > 0) {
            return List.of(CheckResult.warn(name(), finding, "synchronise the database server and this host "
                    + "(and the redirect nodes) with NTP"));
        }
        return List.of(CheckResult.ok(name(), finding));
    }

    /** How far the database's time lies outside [before, after]; zero when inside. */
    static Duration skew(Instant before, Instant after, Instant database) {
        if (database.isBefore(before)) {
            return Duration.between(before, database);
        }
        if (database.isAfter(after)) {
            return Duration.between(after, database);
        }
        return Duration.ZERO;
    }

    private static String describe(Duration skew) {
        if (skew.isZero()) {
            return "agrees with";
        }
        double seconds = Math.abs(skew.toMillis()) / 1000.0;
        return String.format(Locale.ROOT, "is %.1f s %s", seconds, skew.isNegative() ? "behind" : "ahead of");
    }
}

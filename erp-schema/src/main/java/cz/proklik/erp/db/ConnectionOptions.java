package cz.proklik.erp.db;

import java.time.Duration;
import java.util.Objects;

/**
 * How the plug-in's connections to the ERP's SQL Server behave (ignored for the embedded H2, which keeps its own
 * defaults).
 *
 * @param lockTimeout how long a statement waits for a lock another session holds before it fails (SQL Server's
 *                    {@code SET LOCK_TIMEOUT}, error 1222): the import must not hang behind an ERP user's open
 *                    transaction, and a report reader must not wait out a whole import step. Zero waits for ever
 *                    (SQL Server's own default).
 */
public record ConnectionOptions(Duration lockTimeout) {

    /** The documented default of {@code proklik.db.lock-timeout}. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

    public static final ConnectionOptions DEFAULTS = new ConnectionOptions(DEFAULT_LOCK_TIMEOUT);

    public ConnectionOptions {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (lockTimeout.isNegative()) {
            throw new IllegalArgumentException("lock timeout must be zero (wait for ever) or positive: " + lockTimeout);
        }
        if (lockTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("lock timeout too long (at most 24 days): " + lockTimeout);
        }
    }

    /** The value of mssql-jdbc's {@code lockTimeout} property: milliseconds, -1 = wait for ever. */
    int sqlServerLockTimeoutMillis() {
        return lockTimeout.isZero() ? -1 : (int) lockTimeout.toMillis();
    }
}

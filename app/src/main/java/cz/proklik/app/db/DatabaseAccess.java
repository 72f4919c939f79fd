package cz.proklik.app.db;

import cz.proklik.app.config.Converters;
import cz.proklik.app.config.ProklikConfig;
import cz.proklik.erp.db.ConnectionOptions;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.JdbcUrls;
import cz.proklik.erp.db.SchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;

/** Opens the configured database: the ERP's SQL Server, or the embedded H2 file under PROKLIK_HOME. */
public final class DatabaseAccess {
    private DatabaseAccess() {
    }

    /** H2's error code for a database file another process has open ("Database may be already in use"). */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseAccess.class);

    /** @throws DatabaseUnavailableException with a message a person can act on */
    public static Database open(ProklikConfig config) {
        String url = config.get("proklik.db.url");
        ConnectionOptions options = connectionOptions(config);
        try {
            return url.isEmpty() ? openEmbedded(config)
                    : Database.open(url, config.get("proklik.db.user"), config.get("proklik.db.password"), options);
        } catch (IllegalArgumentException | DatabaseUnavailableException e) {
            throw e; // a URL we refuse to use (exit 2), or a message that already says what is wrong
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            // The driver's own message may repeat the URL, password and all.
            throw new DatabaseUnavailableException("database unreachable ("
                    + (url.isEmpty() ? "embedded H2 in " + config.home() : JdbcUrls.redact(url)) + "): "
                    + JdbcUrls.redact(root.getMessage()), e);
        }
    }

    /**
     * The embedded H2 file can be open in one process at a time. {@code import --every} opens it only for the length
     * of each run, so a report or any other short command waits here, up to {@code proklik.db.embedded-wait}, for
     * the run to end instead of failing at once.
     */
    private static Database openEmbedded(ProklikConfig config) {
        Duration wait = durationOption(config, "proklik.db.embedded-wait");
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        while (true) {
            try {
                return Database.embedded(config.home());
            } catch (RuntimeException e) {
                if (!inUseByAnotherProcess(e) || System.nanoTime() - deadline >= 0) {
                    if (inUseByAnotherProcess(e)) {
                        throw new DatabaseUnavailableException("the embedded database in " + config.home()
                                + " is in use by another proklik process (a running import?) and stayed so for "
                                + wait + " (proklik.db.embedded-wait)", e);
                    }
                    throw e;
                }
                if (!told) {
                    LOG.warn("The embedded database is in use by another proklik process (a running import?); waiting"
                            + " up to {} for it", wait);
                    told = true;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean inUseByAnotherProcess(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    private static Duration durationOption(ProklikConfig config, String key) {
        try {
            return Converters.duration(config.get(key));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** The connection settings of {@code proklik.db.*}; a value that is no duration is a configuration error. */
    public static ConnectionOptions connectionOptions(ProklikConfig config) {
        String value = config.get("proklik.db.lock-timeout");
        try {
            return new ConnectionOptions(Converters.duration(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("proklik.db.lock-timeout: " + e.getMessage(), e);
        }
    }

    public static Database openMigrated(ProklikConfig config) {
        Database db = open(config);
        if (Boolean.parseBoolean(config.get("proklik.db.migrate-on-start"))) {
            SchemaMigrator.of(db).migrate();
        }
        return db;
    }

    public static final class DatabaseUnavailableException extends RuntimeException {
        DatabaseUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

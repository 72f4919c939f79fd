package cz.proklik.app.db;

import cz.proklik.app.config.Converters;
import cz.proklik.app.config.ProklikConfig;
import cz.proklik.erp.db.ConnectionOptions;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.JdbcUrls;
import cz.proklik.erp.db.SchemaMigrator;

/** Opens the configured database: the ERP's SQL Server, or the embedded H2 file under PROKLIK_HOME. */
public final class DatabaseAccess {
    private DatabaseAccess() {
    }

    /** @throws DatabaseUnavailableException with a message a person can act on */
    public static Database open(ProklikConfig config) {
        String url = config.get("proklik.db.url");
        ConnectionOptions options = connectionOptions(config);
        try {
            return url.isEmpty() ? Database.embedded(config.home())
                    : Database.open(url, config.get("proklik.db.user"), config.get("proklik.db.password"), options);
        } catch (IllegalArgumentException e) {
            throw e; // a URL we refuse to use: wrong configuration (exit 2), not an unreachable database
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

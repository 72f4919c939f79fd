package cz.proklik.app.db;

import cz.proklik.app.config.ProklikConfig;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;

/** Opens the configured database: the ERP's SQL Server, or the embedded H2 file under PROKLIK_HOME. */
public final class DatabaseAccess {
    private DatabaseAccess() {
    }

    /** @throws DatabaseUnavailableException with a message a person can act on */
    public static Database open(ProklikConfig config) {
        String url = config.get("proklik.db.url");
        try {
            return url.isEmpty() ? Database.embedded(config.home())
                    : Database.open(url, config.get("proklik.db.user"), config.get("proklik.db.password"));
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new DatabaseUnavailableException("database unreachable ("
                    + (url.isEmpty() ? "embedded H2 in " + config.home() : url) + "): " + root.getMessage(), e);
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

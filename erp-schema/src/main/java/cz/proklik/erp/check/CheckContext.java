package cz.proklik.erp.check;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.Engine;
import cz.proklik.erp.db.SchemaMigrator;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.Objects;

/**
 * What a check may use: the open database, its engine, the JDBC URL it was opened with (its properties tell what
 * the driver was asked for; the URL itself is never printed, it may carry a password), the migrator and the host's
 * clock (a parameter so that a test can put the host's clock elsewhere).
 */
public record CheckContext(JdbcTemplate jdbc, Engine engine, String jdbcUrl, SchemaMigrator migrator, Clock clock) {
    /** A check that waits longer than this on a lock or a slow ERP view reports FAIL instead of hanging. */
    public static final int QUERY_TIMEOUT_SECONDS = 120;

    public CheckContext {
        Objects.requireNonNull(jdbc, "jdbc");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(migrator, "migrator");
        Objects.requireNonNull(clock, "clock");
    }

    public static CheckContext of(Database database, Clock clock) {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        jdbc.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        return new CheckContext(jdbc, database.engine(), database.jdbcUrl(), SchemaMigrator.of(database), clock);
    }

    public boolean sqlServer() {
        return engine == Engine.SQL_SERVER;
    }
}

package cz.proklik.erp.db;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The two database engines the plug-in runs on. Everything that differs between them is either in the Flyway
 * location {@link #vendorLocation()} or in {@code RawEventDao}; the rest of the code is engine-neutral.
 */
public enum Engine {
    H2("classpath:db/proklik/vendor/h2"),
    SQL_SERVER("classpath:db/proklik/vendor/sqlserver");

    private final String vendorLocation;

    Engine(String vendorLocation) {
        this.vendorLocation = vendorLocation;
    }

    /** Flyway location holding this engine's variant of the few objects that cannot be written for both. */
    public String vendorLocation() {
        return vendorLocation;
    }

    public static Engine fromJdbcUrl(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:sqlserver:")) {
            return SQL_SERVER;
        }
        throw new IllegalArgumentException("Unsupported database (only H2 and SQL Server): " + JdbcUrls.redact(jdbcUrl));
    }

    public static Engine of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return fromJdbcUrl(connection.getMetaData().getURL());
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("Cannot tell the database engine", e);
        }
    }
}

package cz.proklik.erp.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A pooled connection to the plug-in's database: the embedded H2 default under a home folder, or the ERP's
 * SQL Server. Closing it closes the pool (and with it the embedded H2 file database).
 */
public final class Database implements AutoCloseable {

    /**
     * H2 settings of the embedded default, appended to {@code jdbc:h2:file:<home>/db/proklik}:
     * <ul>
     *   <li>{@code MODE=MSSQLServer} - the T-SQL of the migrations is written for SQL Server;</li>
     *   <li>{@code DATABASE_TO_LOWER=TRUE} - unquoted names fold to lower case, as our snake_case objects are named,
     *       so metadata lookups (and case-sensitive SQL Server collations) agree with the scripts;</li>
     *   <li>{@code AUTO_SERVER=FALSE} - one process owns the file; a second one fails fast instead of silently
     *       becoming a TCP client;</li>
     *   <li>H2's default write delay (no {@code WRITE_DELAY=0}): with it every commit wrote a tiny chunk, which made
     *       the file 8 times larger and the import slower, and it never fsynced anyway. What must survive is made
     *       durable where it matters: {@link #checkpoint()} before an imported file is archived; anything lost
     *       before that is re-imported by the restarted job, duplicates skipped;</li>
     *   <li>{@code DB_CLOSE_ON_EXIT=TRUE} (H2's default, stated) - the JVM shutdown hook closes the file cleanly.</li>
     * </ul>
     */
    public static final String H2_SETTINGS =
            ";MODE=MSSQLServer;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=TRUE";

    private final HikariDataSource dataSource;
    private final Engine engine;

    private Database(HikariDataSource dataSource, Engine engine) {
        this.dataSource = dataSource;
        this.engine = engine;
    }

    /** JDBC URL of the embedded default database inside {@code home}: the file {@code home/db/proklik.mv.db}. */
    public static String embeddedUrl(Path home) {
        Path base = home.toAbsolutePath().normalize().resolve("db").resolve("proklik");
        return "jdbc:h2:file:" + base.toString().replace('\\', '/') + H2_SETTINGS;
    }

    /** Opens (creating when missing) the embedded H2 database of a Proklik home folder. */
    public static Database embedded(Path home) {
        return open(embeddedUrl(home), "sa", "");
    }

    /**
     * Opens a pool on any supported JDBC URL. For SQL Server pass the URL, user and password from the
     * configuration (never from code), e.g. {@code jdbc:sqlserver://erp:1433;databaseName=Helios;encrypt=true}.
     */
    public static Database open(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Engine engine = Engine.fromJdbcUrl(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("proklik-" + engine.name().toLowerCase(java.util.Locale.ROOT));
        // The import job writes in one thread and reports read a little beside it; the ERP is not ours to flood.
        config.setMaximumPoolSize(engine == Engine.H2 ? 4 : 8);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        return new Database(new HikariDataSource(config), engine);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Engine engine() {
        return engine;
    }

    public String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    /**
     * Makes every committed change durable on disk now. SQL Server commits are durable already; the embedded H2
     * writes committed changes a little later, so this forces and syncs them (used before files are archived).
     */
    public void checkpoint() {
        if (engine == Engine.H2) {
            new org.springframework.jdbc.core.JdbcTemplate(dataSource).execute("CHECKPOINT SYNC");
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}

package cz.proklik.erp.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
     *   <li>{@code CACHE_SIZE=65536} - a 64 MB page cache instead of H2's 16 MB (issue 18): the fold reads and
     *       rewrites pages of aggregates far larger than 16 MB, and a page missed in the cache is read and
     *       deserialised again (17 % of the folding thread's samples at 5 M events); 128 MB cut the fold's CPU time
     *       by 6-9 % at 1 M events, but the cache is part of the Java heap, and beside the import's user-agent rules
     *       and a grouped fold 128 MB ran the launcher's {@code -Xmx512m} out of memory, so half of it.</li>
     *   <li>{@code AUTO_COMPACT_FILL_RATE=50} - H2's background writer rewrites the live pages of a chunk once less
     *       than this share of it is live (H2's default 90). Each file's fold rewrites most pages of the aggregates
     *       (copy-on-write), so at 90 the writer kept re-copying pages the next file would rewrite anyway: at 50 the
     *       fold of 1 M events took 118 CPU seconds against 131-141 at 90 (0: 117-125, no better), and the file did
     *       not grow at 1 M events; at 5 M not yet measured (issue 18, bench/RESULTS.md session 9).</li>
     * </ul>
     * Measured and not kept: {@code -Dh2.objectCache=false} (it spends less time hashing strings into H2's value
     * cache, but the fold took more CPU, not less), {@code PAGE_SIZE=1024} (smaller pages for sparser rewrites: 14 %
     * more fold CPU).
     */
    public static final String H2_SETTINGS =
            ";MODE=MSSQLServer;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=TRUE;CACHE_SIZE=65536"
                    + ";AUTO_COMPACT_FILL_RATE=50";

    private final HikariDataSource pool;
    private final DataSource dataSource;
    private final Engine engine;

    private Database(HikariDataSource pool, Engine engine) {
        this.pool = pool;
        this.dataSource = StatementCapture.wrapIfEnabled(pool); // the same pool unless a test build captures SQL
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

    /** {@link #open(String, String, String, ConnectionOptions)} with the default options. */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, ConnectionOptions.DEFAULTS);
    }

    /**
     * Opens a pool on any supported JDBC URL. For SQL Server pass the URL, user and password from the
     * configuration (never from code), e.g. {@code jdbc:sqlserver://erp:1433;databaseName=Helios} (TLS choices: README).
     *
     * @throws IllegalArgumentException for an unsupported URL, or one that sets {@code useBulkCopyForBatchInsert}
     */
    public static Database open(String jdbcUrl, String user, String password, ConnectionOptions options) {
        HikariConfig config = poolConfig(jdbcUrl, user, password, options);
        return new Database(new HikariDataSource(config), Engine.fromJdbcUrl(jdbcUrl));
    }

    /** The pool's settings for a URL (separate from opening it, so they can be checked without a server). */
    static HikariConfig poolConfig(String jdbcUrl, String user, String password, ConnectionOptions options) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(options, "options");
        Engine engine = Engine.fromJdbcUrl(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("proklik-" + engine.name().toLowerCase(Locale.ROOT));
        // The import job writes in one thread and reports read a little beside it; the ERP is not ours to flood.
        config.setMaximumPoolSize(engine == Engine.H2 ? 4 : 8);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        if (engine == Engine.SQL_SERVER) {
            sqlServerSettings(config, jdbcUrl, options);
        }
        return config;
    }

    /**
     * SQL Server only (the review's findings 7 and 20, docs/schema.md):
     * <ul>
     *   <li>{@code SET NOCOUNT OFF} on every new connection: a DBA may have made NOCOUNT the server default
     *       ({@code user options} 512), and then no update count comes back - the rebuild lock, the event insert's
     *       duplicate count and Spring Batch's optimistic locking all depend on them;</li>
     *   <li>{@code applicationName=Proklik}, so that the DBA sees whose sessions these are (a URL's own value wins);</li>
     *   <li>{@code lockTimeout} from the options, unless the URL sets one;</li>
     *   <li>{@code useBulkCopyForBatchInsert} is refused: the bulk-copy path returns no per-row update counts and
     *       ignores the unique index's IGNORE_DUP_KEY contract the event insert counts duplicates by.</li>
     * </ul>
     */
    private static void sqlServerSettings(HikariConfig config, String jdbcUrl, ConnectionOptions options) {
        if (urlValue(jdbcUrl, "useBulkCopyForBatchInsert").filter(v -> !v.equalsIgnoreCase("false")).isPresent()) {
            throw new IllegalArgumentException("useBulkCopyForBatchInsert must not be set in proklik.db.url: the bulk"
                    + " copy path returns no per-row counts, which the event import needs to skip duplicates ("
                    + JdbcUrls.redact(jdbcUrl) + ")");
        }
        config.setConnectionInitSql("SET NOCOUNT OFF");
        if (urlValue(jdbcUrl, "applicationName").isEmpty()) {
            config.addDataSourceProperty("applicationName", APPLICATION_NAME);
        }
        if (urlValue(jdbcUrl, "lockTimeout").isEmpty()) {
            config.addDataSourceProperty("lockTimeout", Integer.toString(options.sqlServerLockTimeoutMillis()));
        }
    }

    /** The program name SQL Server shows for these sessions ({@code sys.dm_exec_sessions.program_name}). */
    public static final String APPLICATION_NAME = "Proklik";

    /** The value a SQL Server URL gives a property ({@code ;name=value}, names case-insensitive), if it does. */
    static Optional<String> urlValue(String jdbcUrl, String property) {
        Matcher m = Pattern.compile("[;:]\\s*" + Pattern.quote(property) + "\\s*=\\s*([^;]*)", Pattern.CASE_INSENSITIVE)
                .matcher(jdbcUrl);
        return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Engine engine() {
        return engine;
    }

    public String jdbcUrl() {
        return pool.getJdbcUrl();
    }

    /** The JDBC URL with any password in it hidden: the only form of it to show or log. */
    public String displayUrl() {
        return JdbcUrls.redact(jdbcUrl());
    }

    /**
     * Makes every committed change durable on disk now. SQL Server commits are durable already; the embedded H2
     * writes committed changes a little later, so this forces and syncs them (used before files are archived).
     */
    public void checkpoint() {
        if (engine == Engine.H2) {
            new JdbcTemplate(dataSource).execute("CHECKPOINT SYNC");
        }
    }

    /**
     * Makes every committed change durable now, as {@link #checkpoint()} does (SQL Server commits are durable
     * already). The mailer calls it before it deletes a hand-off journal whose steps it wrote to the database in
     * batches (docs/mailer-sending.md): once, at the end of a run and after a replay, not per message.
     */
    public void flushCommits() {
        checkpoint();
    }

    /**
     * Whether no other process can write to this database while it is open here: an H2 file (or in-memory) database
     * opened by this process without H2's automatic server. Not SQL Server, not an H2 server, and not an H2 URL of a
     * form this does not recognise (the safe answer).
     */
    public boolean ownedByThisProcess() {
        String url = jdbcUrl().toLowerCase(Locale.ROOT);
        return engine == Engine.H2 && (url.startsWith("jdbc:h2:file:") || url.startsWith("jdbc:h2:mem:"))
                && !url.replace(" ", "").contains(";auto_server=true");
    }

    @Override
    public void close() {
        pool.close();
    }
}

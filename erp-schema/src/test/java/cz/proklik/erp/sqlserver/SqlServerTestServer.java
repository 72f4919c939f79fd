package cz.proklik.erp.sqlserver;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mssqlserver.MSSQLServerContainer;
import org.testcontainers.utility.DockerImageName;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SQL Server the contract suites run on, found once per test JVM: an existing server named by
 * {@value #URL_ENV} (with {@value #USER_ENV}, {@value #PASSWORD_ENV}), else SQL Server 2022 in a Testcontainers
 * container where a Docker engine answers, else none, with the reason ({@link #unavailableReason()}). Each suite
 * gets a throw-away database of its own there ({@link #createDatabase(String)}), dropped when closed, so a DBA can
 * point the suites at a staging server without touching its databases.
 */
public final class SqlServerTestServer {

    public static final String URL_ENV = "PROKLIK_TEST_SQLSERVER_URL";
    public static final String USER_ENV = "PROKLIK_TEST_SQLSERVER_USER";
    public static final String PASSWORD_ENV = "PROKLIK_TEST_SQLSERVER_PASSWORD";
    public static final String IMAGE = "mcr.microsoft.com/mssql/server:2022-latest";

    /** Collation names are written into CREATE DATABASE (DDL takes no parameters), so only names like these. */
    private static final Pattern COLLATION = Pattern.compile("[A-Za-z0-9_]{1,128}");
    private static final Pattern DATABASE_IN_URL = Pattern.compile("(?i);\\s*(databaseName|database)\\s*=[^;]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the server is and how to log in; {@code origin} says which of the two ways found it. */
    public record Server(String url, String user, String password, String origin) {
    }

    private static Server server;
    private static String unavailable;
    private static boolean resolved;

    private SqlServerTestServer() {
    }

    /** Why no server can be used here, or empty when one can. Starts the container on first use. */
    public static synchronized Optional<String> unavailableReason() {
        resolve();
        return Optional.ofNullable(unavailable);
    }

    public static synchronized Server server() {
        resolve();
        if (server == null) {
            throw new IllegalStateException(unavailable);
        }
        return server;
    }

    /**
     * Creates an empty database {@code COLLATE collation} on the server, named {@code pkl_test_<random>}; closing
     * the result drops it.
     */
    public static ThrowawayDatabase createDatabase(String collation) {
        if (!COLLATION.matcher(collation).matches()) {
            throw new IllegalArgumentException("not a collation name: " + collation);
        }
        Server s = server();
        String name = "pkl_test_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        execute(s, "CREATE DATABASE [" + name + "] COLLATE " + collation);
        String url = DATABASE_IN_URL.matcher(s.url()).replaceAll("") + ";databaseName=" + name;
        return new ThrowawayDatabase(name, collation, url, s.user(), s.password(), () -> execute(s,
                "IF DB_ID(N'" + name + "') IS NOT NULL BEGIN ALTER DATABASE [" + name
                        + "] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [" + name + "]; END"));
    }

    private static void execute(Server s, String ddl) {
        try (Connection c = DriverManager.getConnection(s.url(), s.user(), s.password());
             Statement statement = c.createStatement()) {
            statement.execute(ddl);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL Server (" + s.origin() + ") refused: " + ddl + ": " + e.getMessage(), e);
        }
    }

    private static void resolve() {
        if (resolved) {
            return;
        }
        resolved = true;
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            server = new Server(url, System.getenv(USER_ENV), System.getenv(PASSWORD_ENV), URL_ENV);
            return;
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            docker = false;
        }
        if (!docker) {
            unavailable = "no Docker engine here and " + URL_ENV + " is not set";
            return;
        }
        // One container per test JVM; Testcontainers' reaper removes it when the JVM ends.
        MSSQLServerContainer container = new MSSQLServerContainer(DockerImageName.parse(IMAGE)).acceptLicense();
        container.start();
        server = new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "Testcontainers " + IMAGE);
    }
}

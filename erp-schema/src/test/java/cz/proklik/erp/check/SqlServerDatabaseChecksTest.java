package cz.proklik.erp.check;

import static org.assertj.core.api.Assertions.assertThat;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.JdbcTemplate;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mssqlserver.MSSQLServerContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@code db check} against a real SQL Server: an existing one named by {@code PROKLIK_TEST_SQLSERVER_URL} (with
 * {@code _USER}, {@code _PASSWORD}; a login that may create databases and logins), else SQL Server 2022 in a
 * container where Docker runs. Each run creates its own database {@code COLLATE Czech_CI_AS} (what a Czech Helios
 * uses) and a least-rights login set up exactly as docs/install-sqlserver.md says, and drops both afterwards.
 * Without either server the class is skipped and says so in one line. The offline verdicts are in
 * CheckDecisionsTest and PlaceholderMarkersTest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "sqlServerAvailable", disabledReason = SqlServerDatabaseChecksTest.NO_SERVER)
class SqlServerDatabaseChecksTest {
    static final String NO_SERVER = "no SQL Server: no Docker engine and no PROKLIK_TEST_SQLSERVER_URL";


    private MSSQLServerContainer container;
    private Database admin;
    private Database plugin;
    private String databaseName;
    private String loginName;

    static boolean sqlServerAvailable() {
        String url = System.getenv("PROKLIK_TEST_SQLSERVER_URL");
        boolean available = url != null && !url.isBlank() || DockerClientFactory.instance().isDockerAvailable();
        if (!available) {
            System.out.println("SqlServerDatabaseChecksTest skipped: " + NO_SERVER
                    + " (H2DatabaseChecksTest and CheckDecisionsTest ran)");
        }
        return available;
    }

    @BeforeAll
    void start() {
        String url = System.getenv("PROKLIK_TEST_SQLSERVER_URL");
        String user = System.getenv("PROKLIK_TEST_SQLSERVER_USER");
        String password = System.getenv("PROKLIK_TEST_SQLSERVER_PASSWORD");
        if (url == null || url.isBlank()) {
            container = new MSSQLServerContainer(
                    DockerImageName.parse("mcr.microsoft.com/mssql/server:2022-latest")).acceptLicense();
            container.start();
            url = container.getJdbcUrl();
            user = container.getUsername();
            password = container.getPassword();
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        databaseName = "pkl_check_" + suffix;
        loginName = "proklik_" + suffix;
        String pluginPassword = "Pk1-" + UUID.randomUUID();
        try (Database server = Database.open(url, user, password)) {
            JdbcTemplate jdbc = new JdbcTemplate(server.dataSource());
            jdbc.execute("CREATE DATABASE " + databaseName + " COLLATE Czech_CI_AS");
            jdbc.execute("CREATE LOGIN " + loginName + " WITH PASSWORD = N'" + pluginPassword + "'");
        }
        admin = Database.open(url + ";databaseName=" + databaseName, user, password);
        JdbcTemplate jdbc = new JdbcTemplate(admin.dataSource());
        // docs/install-sqlserver.md, "A login and user with least rights": keep the two in step.
        jdbc.execute("CREATE USER " + loginName + " FOR LOGIN " + loginName + " WITH DEFAULT_SCHEMA = proklik");
        jdbc.execute("CREATE SCHEMA proklik AUTHORIZATION " + loginName);
        jdbc.execute("CREATE ROLE proklik_plugin");
        jdbc.execute("GRANT CREATE TABLE, CREATE VIEW TO proklik_plugin");
        jdbc.execute("ALTER ROLE proklik_plugin ADD MEMBER " + loginName);
        plugin = Database.open(url + ";databaseName=" + databaseName, loginName, pluginPassword);
        SchemaMigrator.of(plugin).migrate();
    }

    @AfterAll
    void stop() {
        if (plugin != null) {
            plugin.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (container != null) {
            container.stop();
        } else if (databaseName != null) {
            String url = System.getenv("PROKLIK_TEST_SQLSERVER_URL");
            try (Database server = Database.open(url, System.getenv("PROKLIK_TEST_SQLSERVER_USER"),
                    System.getenv("PROKLIK_TEST_SQLSERVER_PASSWORD"))) {
                JdbcTemplate jdbc = new JdbcTemplate(server.dataSource());
                jdbc.execute("ALTER DATABASE " + databaseName + " SET SINGLE_USER WITH ROLLBACK IMMEDIATE");
                jdbc.execute("DROP DATABASE " + databaseName);
                jdbc.execute("DROP LOGIN " + loginName);
            }
        }
    }

    private CheckReport check(Database database) {
        return DatabaseChecks.standard().run(CheckContext.of(database, Clock.systemUTC()));
    }

    private static CheckResult line(CheckReport report, String check) {
        return report.results().stream().filter(r -> r.check().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + check + " in " + report.results()));
    }

    @Test
    void aFreshInstallUnderTheLeastRightsLoginHasNoFail() {
        CheckReport report = check(plugin);

        assertThat(report.results()).noneSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.FAIL));
        assertThat(line(report, "engine").finding()).startsWith("SQL Server 20");
        assertThat(line(report, "connection").finding()).contains("default schema proklik");
        assertThat(line(report, "collation").finding()).contains("Czech_CI_AS");
        assertThat(line(report, "schema").status()).isEqualTo(CheckStatus.OK);
        assertThat(line(report, "rights schema").status()).isEqualTo(CheckStatus.OK);
        assertThat(line(report, "rights tables").status()).isEqualTo(CheckStatus.OK);
        assertThat(line(report, "rights adapter sources").status()).isEqualTo(CheckStatus.OK);
        // Migrated without the Helios script: the views still read the empty stand-in tables.
        assertThat(line(report, "adapter pkl_erp_contact").finding()).contains("stand-in");
        assertThat(line(report, "clock").status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void anAdministratorLoginIsMoreThanThePluginNeeds() {
        CheckResult rights = line(check(admin), "rights schema");
        assertThat(rights.status()).isEqualTo(CheckStatus.WARN);
        assertThat(rights.finding()).containsAnyOf("sysadmin", "db_owner");
    }

    @Test
    void aMarkedPlaceholderIsFoundInTheStoredViewTextAndABrokenViewFails() {
        JdbcTemplate jdbc = new JdbcTemplate(plugin.dataSource());
        jdbc.execute("CREATE OR ALTER VIEW pkl_erp_product AS\n"
                + "SELECT CAST(N'P1' AS NVARCHAR(64)) AS product_id,\n"
                + "       CAST(N'SKU-1' AS NVARCHAR(64)) AS sku,\n"
                + "       CAST(N'Coffee' AS NVARCHAR(200)) AS name,\n"
                + "       CAST(N'all' AS NVARCHAR(100)) AS product_group,  -- [placeholder] no groups yet\n"
                + "       CAST(1 AS DECIMAL(19,4)) AS price,\n"
                + "       CAST(N'https://x.example/p1.jpg' AS NVARCHAR(2048)) AS image_url");
        jdbc.execute("CREATE OR ALTER VIEW pkl_erp_order_line AS\n"
                + "SELECT CAST(N'O1' AS NVARCHAR(64)) AS order_id, CAST(N'one' AS INT) AS line_no,\n"
                + "       CAST(NULL AS NVARCHAR(64)) AS product_id, CAST(1 AS DECIMAL(19,4)) AS quantity,\n"
                + "       CAST(1 AS DECIMAL(19,4)) AS gross_amount, CAST(1 AS DECIMAL(19,4)) AS net_amount");
        try {
            CheckReport report = check(plugin);

            CheckResult product = line(report, "adapter pkl_erp_product");
            assertThat(product.status()).isEqualTo(CheckStatus.WARN);
            assertThat(product.finding()).isEqualTo("1 row; placeholders: product_group (marked [placeholder])");
            CheckResult lines = line(report, "adapter pkl_erp_order_line");
            assertThat(lines.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(lines.finding()).startsWith("does not answer: ");
            assertThat(report.worst()).isEqualTo(CheckStatus.FAIL);
        } finally {
            SchemaMigrator.of(plugin).migrate();
            jdbc.execute("CREATE OR ALTER VIEW pkl_erp_product AS SELECT product_id, sku, name, product_group, "
                    + "price, image_url FROM pkl_standin_product");
            jdbc.execute("CREATE OR ALTER VIEW pkl_erp_order_line AS SELECT order_id, line_no, product_id, "
                    + "quantity, gross_amount, net_amount FROM pkl_standin_order_line");
        }
    }
}

package cz.proklik.erp.check;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.sqlserver.SqlServerSuite;
import cz.proklik.erp.sqlserver.SqlServerTestServer;
import cz.proklik.erp.sqlserver.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code db check} against a real SQL Server, found by the shared {@link SqlServerTestServer} (an existing server
 * named by {@code PROKLIK_TEST_SQLSERVER_URL}, else SQL Server 2022 in a container where Docker runs). The suite gets
 * a throw-away database {@code COLLATE Czech_CI_AS} (what a Czech Helios uses) and a least-rights login set up
 * exactly as docs/install-sqlserver.md says; both are dropped afterwards. Without a server it is skipped with one
 * line saying why; the offline verdicts are in CheckDecisionsTest and PlaceholderMarkersTest.
 */
@SqlServerSuite
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlServerDatabaseChecksTest {
    private ThrowawayDatabase database;
    private Database admin;
    private Database plugin;
    private String loginName;

    @BeforeAll
    void start() {
        SqlServerTestServer.Server server = SqlServerTestServer.server();
        database = SqlServerTestServer.createDatabase("Czech_CI_AS");
        String suffix = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        loginName = "proklik_" + suffix;
        String pluginPassword = "Pk1-" + UUID.randomUUID();
        try (Database master = Database.open(server.url(), server.user(), server.password())) {
            new JdbcTemplate(master.dataSource()).execute("CREATE LOGIN " + loginName + " WITH PASSWORD = N'"
                    + pluginPassword + "'");
        }
        admin = database.open();
        JdbcTemplate jdbc = new JdbcTemplate(admin.dataSource());
        // docs/install-sqlserver.md, "A login and user with least rights": keep the two in step.
        jdbc.execute("CREATE USER " + loginName + " FOR LOGIN " + loginName + " WITH DEFAULT_SCHEMA = proklik");
        jdbc.execute("CREATE SCHEMA proklik AUTHORIZATION " + loginName);
        jdbc.execute("CREATE ROLE proklik_plugin");
        jdbc.execute("GRANT CREATE TABLE, CREATE VIEW TO proklik_plugin");
        jdbc.execute("ALTER ROLE proklik_plugin ADD MEMBER " + loginName);
        String url = server.url().replaceAll("(?i);\\s*(databaseName|database)\\s*=[^;]*", "")
                + ";databaseName=" + database.name();
        plugin = Database.open(url, loginName, pluginPassword);
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
        if (database != null) {
            database.close();
        }
        if (loginName != null) {
            SqlServerTestServer.Server server = SqlServerTestServer.server();
            try (Database master = Database.open(server.url(), server.user(), server.password())) {
                new JdbcTemplate(master.dataSource()).execute("IF SUSER_ID(N'" + loginName + "') IS NOT NULL "
                        + "DROP LOGIN " + loginName);
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

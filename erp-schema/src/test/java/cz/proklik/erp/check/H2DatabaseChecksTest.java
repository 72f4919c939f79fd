package cz.proklik.erp.check;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code db check} on real H2 file databases: the embedded default, and the ways an install goes wrong. */
class H2DatabaseChecksTest {
    @TempDir
    Path home;

    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private Database migrated() {
        database = Database.embedded(home);
        SchemaMigrator.of(database).migrate();
        return database;
    }

    private CheckReport check(Clock clock) {
        return DatabaseChecks.standard().run(CheckContext.of(database, clock));
    }

    private CheckReport check() {
        return check(Clock.systemUTC());
    }

    /** The highest version Flyway resolves on the class path, whatever the newest release added. */
    private String newestVersion() {
        return SchemaMigrator.of(database).info().stream().map(SchemaMigrator.Info::version)
                .filter(Objects::nonNull)
                .max(Comparator.comparing(MigrationVersion::fromVersion))
                .orElseThrow();
    }

    private static CheckResult line(CheckReport report, String check) {
        return report.results().stream().filter(r -> r.check().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + check + " in " + report.results()));
    }

    @Test
    void theEmbeddedDefaultGivesEveryLineOk() {
        migrated();

        CheckReport report = check();

        assertThat(report.results()).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.OK));
        assertThat(report.results()).extracting(CheckResult::check).containsExactly("connection", "engine",
                "collation", "read committed snapshot", "tls", "rights", "schema", "adapter pkl_erp_contact",
                "adapter pkl_erp_organisation", "adapter pkl_erp_product", "adapter pkl_erp_order",
                "adapter pkl_erp_order_line", "adapter pkl_erp_contact_greeting", "adapter pkl_erp_send", "adapter pkl_erp_registration",
                "adapter pkl_erp_cart", "adapter pkl_erp_preorder", "adapter pkl_erp_stock", "adapter pkl_erp_cart_item", "clock");
        assertThat(line(report, "schema").finding()).startsWith("schema " + newestVersion() + ", nothing pending");
        // The stand-in seed: 5 contacts, 3 organisations, 3 products, 4 orders (one a return), 5 order lines.
        assertThat(line(report, "adapter pkl_erp_contact").finding()).startsWith("5 rows");
        assertThat(line(report, "adapter pkl_erp_order").finding()).startsWith("4 rows");
        assertThat(line(report, "adapter pkl_erp_contact_greeting").finding()).startsWith("3 rows");
        assertThat(report.worst()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void aViewThatErrorsOrIsGoneFailsWhileTheOtherViewsAreStillChecked() {
        JdbcTemplate jdbc = new JdbcTemplate(migrated().dataSource());
        // Every contract column is there, but reading a row fails: 'R1001' is no number.
        jdbc.execute("CREATE OR REPLACE VIEW pkl_erp_contact AS SELECT CAST(contact_id AS INT) AS contact_id, email, "
                + "first_name, last_name, language_code, region, country_code, organisation_id, email_consent, "
                + "birthday FROM pkl_standin_contact");
        jdbc.execute("DROP VIEW pkl_erp_order_line");

        CheckReport report = check();

        assertThat(report.worst()).isEqualTo(CheckStatus.FAIL);
        assertThat(line(report, "adapter pkl_erp_contact").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(line(report, "adapter pkl_erp_contact").finding()).startsWith("does not answer: ");
        assertThat(line(report, "adapter pkl_erp_order_line").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(line(report, "adapter pkl_erp_order_line").advice()).contains("adapter-views.sql");
        assertThat(line(report, "adapter pkl_erp_order").status()).isEqualTo(CheckStatus.OK);
        assertThat(line(report, "clock").status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void aViewLackingAContractColumnFailsAndNamesIt() {
        new JdbcTemplate(migrated().dataSource()).execute("CREATE OR REPLACE VIEW pkl_erp_product AS "
                + "SELECT product_id, sku, name, price, image_url FROM pkl_standin_product");

        CheckResult product = line(check(), "adapter pkl_erp_product");

        assertThat(product.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(product.finding()).isEqualTo("lacks the column(s) product_group");
    }

    /** The sends view (schema 8.1) is checked like the others: without its watermark column it cannot be read. */
    @Test
    void aSendsViewWithoutChangedAtFailsAndNamesIt() {
        new JdbcTemplate(migrated().dataSource()).execute("CREATE OR REPLACE VIEW pkl_erp_send AS "
                + "SELECT campaign_id, recipient_id, email, sent_at, status, error_text FROM pkl_standin_send");

        CheckResult send = line(check(), "adapter pkl_erp_send");

        assertThat(send.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(send.finding()).isEqualTo("lacks the column(s) changed_at");
    }

    @Test
    void aColumnNullInEveryRowIsReportedAsAPlaceholder() {
        new JdbcTemplate(migrated().dataSource()).execute("CREATE OR REPLACE VIEW pkl_erp_contact AS "
                + "SELECT contact_id, email, first_name, last_name, CAST(NULL AS NVARCHAR(8)) AS language_code, "
                + "region, country_code, organisation_id, email_consent, CAST(NULL AS DATE) AS birthday "
                + "FROM pkl_standin_contact");

        CheckResult contact = line(check(), "adapter pkl_erp_contact");

        assertThat(contact.status()).isEqualTo(CheckStatus.WARN);
        assertThat(contact.finding()).isEqualTo("5 rows; placeholders: language_code, birthday (NULL in every row)");
    }

    @Test
    void aPendingMigrationIsNamedAndWarnsWithoutFailing() {
        // The newest release's migration forgotten by the history: to Flyway it is pending again, as after an
        // upgrade of the jar (its objects stay, which db check does not look at).
        JdbcTemplate jdbc = new JdbcTemplate(migrated().dataSource());
        String newest = newestVersion();
        jdbc.update("DELETE FROM pkl_schema_history WHERE version = ?", newest);

        CheckReport report = check();

        CheckResult schema = line(report, "schema");
        assertThat(schema.status()).isEqualTo(CheckStatus.WARN);
        assertThat(schema.finding()).contains(", 1 pending: " + newest + " ");
        assertThat(schema.advice()).contains("proklik db migrate");
        assertThat(report.worst()).isEqualTo(CheckStatus.WARN);
    }

    @Test
    void beforeInstallEverythingIsPendingAndTheViewsAreNotThereYet() {
        database = Database.embedded(home);

        CheckReport report = check();

        assertThat(line(report, "schema").status()).isEqualTo(CheckStatus.WARN);
        assertThat(line(report, "schema").finding()).startsWith("not installed: ");
        assertThat(line(report, "adapter").status()).isEqualTo(CheckStatus.WARN);
        assertThat(report.worst()).isEqualTo(CheckStatus.WARN);
    }

    @Test
    void aFailedMigrationInTheHistoryFails() {
        new JdbcTemplate(migrated().dataSource()).update("INSERT INTO pkl_schema_history (installed_rank, version, "
                + "description, type, script, checksum, installed_by, installed_on, execution_time, success) "
                + "VALUES (99, '9.1', 'from a later release', 'SQL', 'V9_1__x.sql', 1, 'sa', CURRENT_TIMESTAMP, 5, 0)");

        CheckResult schema = line(check(), "schema");

        assertThat(schema.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(schema.finding()).contains("failed: 9.1 from a later release");
    }

    @Test
    void aHostClockMinutesAwayFromTheDatabaseWarns() {
        migrated();

        CheckResult clock = line(check(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10))), "clock");

        assertThat(clock.status()).isEqualTo(CheckStatus.WARN);
        assertThat(clock.finding()).matches("database clock is 6\\d\\d\\.\\d s ahead of this host's");
        assertThat(clock.advice()).contains("NTP");
    }

    @Test
    void aCheckThatThrowsBecomesOneFailLineAndTheRestStillRun() {
        migrated();
        DatabaseCheck broken = new DatabaseCheck() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<CheckResult> run(CheckContext context) {
                return List.of(CheckResult.ok("never", String.valueOf(context.jdbc().queryForObject(
                        "SELECT no_such_column FROM pkl_event", Object.class))));
            }
        };

        CheckReport report = new DatabaseChecks(List.of(broken, new ClockCheck())).run(
                CheckContext.of(database, Clock.systemUTC()));

        assertThat(report.results()).extracting(CheckResult::check).containsExactly("broken", "clock");
        assertThat(report.results().get(0).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.results().get(0).finding()).containsIgnoringCase("no_such_column");
    }
}

package cz.proklik.erp.db;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A home made by the release before the per-engine twins (schema 2.7, scripts as they were at commit 7532e84,
 * copied verbatim under {@code src/test/resources/release-2.7}) must still validate against today's scripts and
 * keep its data: moving a file from {@code migration/} to {@code vendor/h2/} may not change what H2 applied.
 */
class PreviousReleaseHomeTest {

    private static final String OLD = "classpath:release-2.7/db/proklik/";

    @TempDir
    Path home;

    @Test
    void aSchema27HomeOfThePreviousReleaseValidatesMigratesAndKeepsItsData() {
        try (Database old = Database.embedded(home)) {
            Flyway.configure(getClass().getClassLoader()).dataSource(old.dataSource())
                    .locations(OLD + "migration", OLD + "vendor/h2", OLD + "standin")
                    .table(SchemaMigrator.HISTORY_TABLE).baselineOnMigrate(true).baselineVersion("0")
                    .load().migrate();
            new CampaignDao(old.dataSource()).register(Campaign.draft("C-OLD", "Old campaign", "Hello", "utm-old"));
            new SendDao(old.dataSource()).upsert(List.of(Send.sent("C-OLD", "R1001", "jana@example.com", null,
                    Instant.parse("2026-11-20T08:00:00Z"))));
        }

        try (Database upgraded = Database.embedded(home)) {
            SchemaMigrator migrator = SchemaMigrator.of(upgraded);
            SchemaMigrator.Result result = migrator.migrate();

            assertThat(result.initialVersion()).isEqualTo("2.7");
            assertThat(result.applied()).extracting(SchemaMigrator.Applied::version)
                    .allSatisfy(v -> assertThat(v == null
                            || MigrationVersion.fromVersion(v).compareTo(MigrationVersion.fromVersion("2.7")) > 0)
                            .as("only new versions or repeatables are applied, got %s", v).isTrue());
            assertThat(migrator.info()).extracting(SchemaMigrator.Info::state)
                    .allSatisfy(state -> assertThat(state).isIn("Success", "Baseline", "Superseded"));
            JdbcTemplate jdbc = new JdbcTemplate(upgraded.dataSource());
            assertThat(jdbc.queryForObject("SELECT name FROM pkl_campaign WHERE campaign_id = 'C-OLD'", String.class))
                    .isEqualTo("Old campaign");
            assertThat(jdbc.queryForObject("SELECT sent FROM pkl_eval_campaign WHERE campaign_id = 'C-OLD'",
                    Integer.class)).isEqualTo(1);
            assertThat(new SendDao(upgraded.dataSource()).find("C-OLD", "R1001")).isPresent();
        }
    }
}

package cz.proklik.importer.job;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.unsubscribe.UnsubscribeDao;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The import contract on the embedded default: an H2 file database in a temporary home. */
class H2ImportJobTest extends ImportJobContract {
    @Override
    Database openDatabase(Path home) {
        return Database.embedded(home);
    }

    /**
     * A chunk that loses a lock (here: its lock wait runs out behind another session's open transaction, as with a
     * deadlock victim on SQL Server) is rolled back whole and written again; its events and the run's summary count
     * once. H2 takes its lock timeout from the URL, so this database is reopened with a short one.
     */
    @Test
    void aChunkThatLostALockIsWrittenAgainAndCountedOnce() throws Exception {
        runner.close();
        String url = database.jdbcUrl();
        database.close();
        database = Database.open(url + ";LOCK_TIMEOUT=300", "sa", "");
        jdbc = new JdbcTemplate(database.dataSource());
        runner = new ImportRunner(database, settings(3));
        new UnsubscribeDao(database.dataSource()).record("C1", "R2", SENT.plusSeconds(60), null);
        try (ClickLogs a = new ClickLogs(dropA, "node-a", 1 << 20)) {
            a.click(SENT.plusSeconds(600), "C1", "R1", "hero", ClickLogs.CHROME, "203.0.113.77");
            a.open(SENT.plusSeconds(900), "C1", "R1", "Mozilla/5.0", "17.58.1.9");
            a.unsubscribe(SENT.plusSeconds(1000), "C1", "R1");
            a.click(SENT.plusSeconds(1100), "C1", "R2", "hero", ClickLogs.CHROME, "203.0.113.78");
        }

        CompletableFuture<ImportStats.Summary> run;
        try (Connection erpUser = database.dataSource().getConnection()) {
            // Someone holds the opt-out count of variant A, which the chunk with R1's unsubscribe has to update.
            erpUser.setAutoCommit(false);
            erpUser.createStatement().executeUpdate(
                    "UPDATE pkl_agg_unsubscribe SET unsubscribes = unsubscribes WHERE campaign_id = 'C1'");
            run = CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.runOnce();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitSessionsWaitingForALock(true);
            awaitSessionsWaitingForALock(false); // the first attempt gave up: its chunk was rolled back
            erpUser.commit();
        }
        ImportStats.Summary summary = run.get(60, TimeUnit.SECONDS);

        assertThat(summary.imported()).isEqualTo(4);
        assertThat(summary.lines()).isEqualTo(4);
        assertThat(summary.duplicates()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event", Integer.class)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT imported_count FROM pkl_import_file", Long.class)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT unsubscribes FROM pkl_agg_unsubscribe WHERE campaign_id = 'C1'",
                Integer.class)).isEqualTo(2);
    }

    private void awaitSessionsWaitingForALock(boolean waiting) throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            int n = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM information_schema.sessions WHERE blocker_id IS NOT NULL", Integer.class);
            if ((n > 0) == waiting) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("sessions waiting for a lock never became " + waiting);
    }
}

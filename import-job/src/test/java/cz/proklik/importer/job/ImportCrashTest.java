package cz.proklik.importer.job;

import cz.proklik.erp.db.Database;
import cz.proklik.importer.retention.RetentionSettings;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.event.TrackingEventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import process killed with SIGKILL in the middle of a file, then run again: exactly one row per event,
 * nothing lost, and the second run is a Spring Batch restart that goes on from the last committed chunk.
 */
class ImportCrashTest {
    private static final int EVENTS = 100_000;
    private static final int CHUNK = 500;

    @TempDir
    Path home;

    @Test
    void aKilledImportRestartsFromItsLastCommitAndStoresEveryEventOnce() throws Exception {
        writeEvents(home.resolve("drop"));

        Process importer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ImportProcessMain.class.getName(),
                home.toString(), Integer.toString(CHUNK)).redirectErrorStream(true).start();
        long linesAtKill = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(importer.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("lines ")) {
                    long lines = Long.parseLong(line.substring(6));
                    if (lines >= EVENTS / 5) {
                        importer.destroyForcibly(); // SIGKILL: no rollback hook, no job status update
                        linesAtKill = lines;
                        break;
                    }
                } else if (output.length() < 20_000) {
                    output.append(line).append('\n');
                }
            }
        }
        assertThat(importer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(linesAtKill).as("killed mid-import, output:%n%s", output).isBetween((long) EVENTS / 5, (long) EVENTS - 1);

        ImportStats.Summary second;
        try (Database database = Database.embedded(home);
             ImportRunner runner = new ImportRunner(database, new ImportSettings(List.of(home.resolve("drop")),
                     home.resolve("archive"), home.resolve("quarantine"), home.resolve("import.lock"), CHUNK, true,
                     List.of(), List.of("17.0.0.0/8"), Duration.ofSeconds(1), Duration.ofSeconds(2),
                     Duration.ofSeconds(2), 3, false, RetentionSettings.KEEP_ALL))) {
            second = runner.runOnce();
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event", Long.class)).isEqualTo(EVENTS);
            assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT event_id) FROM pkl_event", Long.class)).isEqualTo(EVENTS);
            assertThat(jdbc.queryForObject("SELECT SUM(imported_count) FROM pkl_import_file", Long.class)).isEqualTo(EVENTS);
            assertThat(jdbc.queryForObject("SELECT SUM(line_count) FROM pkl_import_file", Long.class)).isEqualTo(EVENTS);
            assertThat(jdbc.queryForList("SELECT status FROM pkl_import_file", String.class)).containsOnly("imported");

            List<Map<String, Object>> executions = jdbc.queryForList(
                    "SELECT job_instance_id, status FROM pkl_batch_job_execution ORDER BY job_execution_id");
            assertThat(executions).extracting(e -> e.get("status")).containsExactly("FAILED", "COMPLETED");
            assertThat(executions).extracting(e -> e.get("job_instance_id")).as("a restart, not a new run").containsOnly(
                    executions.get(0).get("job_instance_id"));
            List<Long> reads = jdbc.queryForList("SELECT read_count FROM pkl_batch_step_execution "
                    + "WHERE step_name = 'importLines' ORDER BY step_execution_id", Long.class);
            assertThat(reads).hasSize(2);
            assertThat(reads.get(1)).as("the restart read only what was not committed before the kill")
                    .isLessThan(EVENTS).isGreaterThanOrEqualTo(EVENTS - linesAtKill);
        }
        assertThat(second.duplicates()).as("nothing committed before the kill is stored twice").isZero();
    }

    private static void writeEvents(Path dir) throws Exception {
        try (ClickLogWriter writer = ClickLogWriter.start(new ClickLogWriter.Settings(dir, "crash-node", 16L << 20,
                Duration.ofHours(1), false), Clock.systemUTC())) {
            Instant t = Instant.parse("2026-11-25T09:00:00Z");
            for (int i = 0; i < EVENTS; i++) {
                writer.writeNow(List.of(TrackingEventBuilder.click().time(t.plusMillis(i * 37L)).recipient("R" + (i % 5000))
                        .target("https://shop.example.com/p" + (i % 50)).clientIp("203.0.113." + (i % 250))
                        .node("crash-node").build()));
            }
        }
    }
}

package cz.proklik.app.importing;

import cz.proklik.app.Cli;
import cz.proklik.app.ProklikCli;
import cz.proklik.erp.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded H2 file is open in one process at a time. A long-running {@code import --every} must not lock
 * everyone else out: reports run while it stays up, and a command meeting a run in progress waits for it.
 */
class SharedEmbeddedDatabaseTest {
    @TempDir
    Path home;

    private Map<String, String> env(String embeddedWait) {
        return Map.of("PROKLIK_HOME", home.toString(), "PROKLIK_DB_EMBEDDED_WAIT", embeddedWait);
    }

    @Test
    void reportsRunWhileImportEveryStaysUp() throws Exception {
        assertThat(Cli.run(env("30s"), "db", "migrate").exitCode()).isZero();
        Process importer = java(ProklikCli.class.getName(), "import", "--every", "1s", "--no-progress");
        try {
            BlockingQueue<String> lines = drain(importer);
            awaitLine(lines, "Import done", 120);
            awaitLine(lines, "Import done", 60); // a second run: it stays up and comes back

            for (int i = 0; i < 3; i++) {
                Cli.Result report = Cli.run(env("30s"), "report", "campaigns");
                assertThat(report.exitCode()).as(report.err()).isZero();
                assertThat(importer.isAlive()).as("the importer is still up").isTrue();
            }
            awaitLine(lines, "Import done", 60);
        } finally {
            importer.destroy();
            importer.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCommandWaitsForTheProcessThatHasTheFileOpenAndSaysSoWhenItTakesTooLong() throws Exception {
        assertThat(Cli.run(env("30s"), "db", "migrate").exitCode()).isZero();
        Process holder = java(HoldEmbeddedDatabase.class.getName(), home.toString(), "4000");
        try {
            awaitLine(drain(holder), "open", 60);

            Cli.Result impatient = Cli.run(env("500ms"), "report", "campaigns");
            assertThat(impatient.exitCode()).isEqualTo(1);
            assertThat(impatient.err()).contains("in use by another proklik process")
                    .contains("proklik.db.embedded-wait");

            Cli.Result patient = Cli.run(env("60s"), "report", "campaigns");
            assertThat(patient.exitCode()).as(patient.err()).isZero();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).as("it waited for the holder to let go").isTrue();
        } finally {
            holder.destroyForcibly();
        }
    }

    private Process java(String mainClass, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PROKLIK_HOME", home.toString());
        return pb.start();
    }

    private static BlockingQueue<String> drain(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (Exception gone) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static void awaitLine(BlockingQueue<String> lines, String text, int seconds) throws Exception {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (line.contains(text)) {
                    return;
                }
            }
        }
        throw new AssertionError("no line with '" + text + "' within " + seconds + " s; saw:\n" + seen);
    }

    /** Opens the embedded database of a home, says "open", keeps it for the given milliseconds, closes it. */
    public static final class HoldEmbeddedDatabase {
        public static void main(String[] args) throws Exception {
            try (Database db = Database.embedded(Path.of(args[0]))) {
                db.dataSource().getConnection().close();
                System.out.println("open");
                System.out.flush();
                Thread.sleep(Long.parseLong(args[1]));
            }
        }
    }
}

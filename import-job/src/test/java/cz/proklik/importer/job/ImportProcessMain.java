package cz.proklik.importer.job;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.importer.retention.RetentionSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** An import in its own process, printing its progress, so a test can kill it with SIGKILL mid-file. */
public final class ImportProcessMain {
    private ImportProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        ImportSettings settings = new ImportSettings(List.of(home.resolve("drop")), home.resolve("archive"),
                home.resolve("quarantine"), home.resolve("import.lock"), Integer.parseInt(args[1]), true, List.of(),
                List.of("17.0.0.0/8"), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), 3, false,
                RetentionSettings.KEEP_ALL);
        try (Database database = Database.embedded(home)) {
            SchemaMigrator.of(database).migrate();
            try (ImportRunner runner = new ImportRunner(database, settings)) {
                Thread progress = new Thread(() -> {
                    while (true) {
                        System.out.println("lines " + runner.stats().linesSoFar());
                        System.out.flush();
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                progress.setDaemon(true);
                progress.start();
                System.out.println("done " + runner.runOnce());
            }
        }
    }
}

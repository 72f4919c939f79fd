package cz.proklik.app.importing;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.app.config.Converters;
import cz.proklik.app.config.ImportConfig;
import cz.proklik.app.config.IpRangeOptions;
import cz.proklik.app.config.PullConfig;
import cz.proklik.app.db.DatabaseAccess;
import cz.proklik.erp.db.Database;
import cz.proklik.importer.job.ImportFailedException;
import cz.proklik.importer.job.ImportRunner;
import cz.proklik.importer.job.ImportSettings;
import cz.proklik.importer.job.ImportStats;
import cz.proklik.pull.NodeOutcome;
import cz.proklik.pull.Pull;
import cz.proklik.pull.PullSettings;
import cz.proklik.pull.TransferListener;
import cz.proklik.report.TerminalText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code proklik import}: closed click-log files into the database. Once (for cron, Task Scheduler or SQL Server
 * Agent), or again and again with {@code --every 5m}. Exit code 1 when a run fails; its files stay in the drop
 * folder and the next run restarts it.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Import closed click-log files into the database (Spring Batch job).")
public final class ImportCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ImportCommand.class);

    @ParentCommand
    CommandContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", descriptionKey = "proklik.import.dirs", converter = Converters.ListConverter.class,
            description = "drop folders, comma-separated (${DEFAULT-VALUE})")
    List<String> dirs;

    @Option(names = "--archive-dir", descriptionKey = "proklik.import.archive-dir", description = "(${DEFAULT-VALUE})")
    Path archiveDir;

    @Option(names = "--quarantine-dir", descriptionKey = "proklik.import.quarantine-dir", description = "(${DEFAULT-VALUE})")
    Path quarantineDir;

    @Option(names = "--chunk-size", descriptionKey = "proklik.import.chunk-size", description = "lines per transaction (${DEFAULT-VALUE})")
    int chunkSize;

    @Option(names = "--anonymize-ip", negatable = true, arity = "0..1", fallbackValue = "true",
            descriptionKey = "proklik.import.anonymize-ip", description = "shorten client addresses (${DEFAULT-VALUE})")
    boolean anonymizeIp;

    @Mixin
    IpRangeOptions ipRanges;

    @Option(names = "--too-fast-open", descriptionKey = "proklik.import.too-fast-open",
            converter = Converters.DurationConverter.class, description = "(${DEFAULT-VALUE})")
    Duration tooFastOpen;

    @Option(names = "--too-fast-click", descriptionKey = "proklik.import.too-fast-click",
            converter = Converters.DurationConverter.class, description = "(${DEFAULT-VALUE})")
    Duration tooFastClick;

    @Option(names = "--burst-window", descriptionKey = "proklik.import.burst-window",
            converter = Converters.DurationConverter.class, description = "(${DEFAULT-VALUE})")
    Duration burstWindow;

    @Option(names = "--burst-links", descriptionKey = "proklik.import.burst-links", description = "(${DEFAULT-VALUE})")
    int burstLinks;

    @Option(names = "--keep-event-details-days", descriptionKey = "proklik.retention.event-details-days",
            description = "days the client address and user agent of stored events are kept, 0 = for ever"
                    + " (${DEFAULT-VALUE})")
    int keepEventDetailsDays;

    @Option(names = "--keep-files-days", descriptionKey = "proklik.retention.files-days",
            description = "days archived and quarantined click-log files and quarantined lines are kept, 0 = for ever"
                    + " (${DEFAULT-VALUE})")
    int keepFilesDays;

    @Option(names = "--every", descriptionKey = "proklik.import.every", converter = Converters.PauseConverter.class,
            description = "stay up and import again after this pause, e.g. 5m (default: once)")
    Duration every;

    @Option(names = "--pull", description = "first fetch the closed files of every node of proklik.pull.nodes over"
            + " SFTP (as 'proklik pull' does), before each run")
    boolean pull;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "progress bar on a terminal (${DEFAULT-VALUE})")
    boolean progress;

    /**
     * The option fields are what picocli parses and shows in --help (the value in force); the settings come from the
     * configuration with the flags given on top, through the same factory the demo uses.
     */
    @Override
    public Integer call() throws Exception {
        ImportSettings settings = context.settings(config -> ImportConfig.from(config, progress), spec);
        Optional<PullSettings> pullSettings = pull ? Optional.of(context.settings(PullConfig::from, spec))
                : Optional.empty();
        if (pullSettings.isPresent() && pullSettings.get().nodes().isEmpty()) {
            throw new UsageException("--pull: no pull nodes configured: set " + PullConfig.NODES + " (docs/pull.md)");
        }
        Optional<Duration> pause = context.settings(ImportConfig::every, spec);
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        if (pause.isEmpty()) {
            return runOnce(settings, pullSettings, out, err) ? 0 : 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "proklik-import-stop"));
        out.println("Importing every " + pause.get() + " until stopped");
        do {
            runOnce(settings, pullSettings, out, err);
        } while (!stop.await(pause.get().toMillis(), TimeUnit.MILLISECONDS));
        return 0;
    }

    /**
     * One run with its own connection, closed when the run ends: between the runs of {@code --every} the embedded
     * H2 file is free, so reports and other commands can open it (they wait for a run in progress).
     */
    private boolean runOnce(ImportSettings settings, Optional<PullSettings> pullSettings, PrintWriter out,
                            PrintWriter err) {
        try (Database database = context.openMigratedDatabase();
             ImportRunner runner = new ImportRunner(database, settings)) {
            boolean pulled = pullSettings.map(p -> pullFirst(p, database, out, err)).orElse(true);
            // A node that failed does not keep the others' files (or those pulled before) from being imported.
            return report(runner.runOnce(), out, err) && pulled;
        } catch (DatabaseAccess.DatabaseUnavailableException e) {
            err.println("proklik import: " + e.getMessage());
            err.println("proklik import: no file was touched; the next run imports them");
            err.flush();
            return false;
        } catch (ImportFailedException e) {
            LOG.debug("Import failed", e);
            err.println("proklik import: " + e.getMessage());
            err.flush();
            return false;
        } catch (IOException e) {
            err.println("proklik import: " + e.getMessage());
            err.flush();
            return false;
        }
    }

    private static boolean pullFirst(PullSettings settings, Database database, PrintWriter out, PrintWriter err) {
        boolean fine = true;
        for (NodeOutcome outcome : new Pull(settings, PullConfig.importedIn(database), TransferListener.NONE).run(null)) {
            PrintWriter to = outcome.needsAttention() ? err : out;
            to.println("Pull " + TerminalText.safe(outcome.describe()));
            to.flush();
            fine &= !outcome.needsAttention();
        }
        return fine;
    }

    private static boolean report(ImportStats.Summary summary, PrintWriter out, PrintWriter err) {
        LOG.info("Import done: {}", summary);
        out.println("Import done: " + summary);
        out.flush();
        if (summary.needsAttention()) {
            err.println("proklik import: " + summary.filesRefused() + " file(s) refused (not click-log files) and "
                    + summary.filesConflicting() + " file(s) with the name of an imported file but other content"
                    + " were set aside in the quarantine folder, nothing of them imported; the log says which");
            err.flush();
            return false;
        }
        return true;
    }
}

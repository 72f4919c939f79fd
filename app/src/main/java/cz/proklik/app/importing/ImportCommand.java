package cz.proklik.app.importing;

import cz.proklik.app.ProklikCli;
import cz.proklik.app.config.ConfigDefaultProvider;
import cz.proklik.app.config.Converters;
import cz.proklik.app.config.ProklikConfig;
import cz.proklik.app.db.DatabaseAccess;
import cz.proklik.erp.db.Database;
import cz.proklik.importer.job.ImportFailedException;
import cz.proklik.importer.job.ImportRunner;
import cz.proklik.importer.job.ImportSettings;
import cz.proklik.importer.job.ImportStats;
import cz.proklik.importer.retention.RetentionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    ProklikCli root;

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

    @Option(names = "--scanner-ip-ranges", descriptionKey = "proklik.import.scanner-ip-ranges",
            converter = Converters.ListConverter.class, description = "CIDR ranges of known link scanners")
    List<String> scannerRanges;

    @Option(names = "--mpp-ip-ranges", descriptionKey = "proklik.import.mpp-ip-ranges",
            converter = Converters.ListConverter.class, description = "CIDR ranges of Apple's MPP proxy (${DEFAULT-VALUE})")
    List<String> mppRanges;

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

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--keep-event-details-days", descriptionKey = "proklik.retention.event-details-days",
            description = "days the client address and user agent of stored events are kept, 0 = for ever"
                    + " (${DEFAULT-VALUE})")
    int keepEventDetailsDays;

    @Option(names = "--keep-files-days", descriptionKey = "proklik.retention.files-days",
            description = "days archived and quarantined click-log files and quarantined lines are kept, 0 = for ever"
                    + " (${DEFAULT-VALUE})")
    int keepFilesDays;

    @Option(names = "--every", descriptionKey = "proklik.import.every",
            description = "stay up and import again after this pause, e.g. 5m (default: once)")
    String every;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "progress bar on a terminal (${DEFAULT-VALUE})")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        ImportSettings settings = settings(root.config());
        Duration pause = every == null || every.isBlank() ? null : Converters.duration(every);
        PrintWriter out = root.spec().commandLine().getOut();
        PrintWriter err = root.spec().commandLine().getErr();
        try (Database database = DatabaseAccess.openMigrated(root.config());
             ImportRunner runner = new ImportRunner(database, settings)) {
            if (pause == null) {
                return runOnce(runner, out, err) ? 0 : 1;
            }
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "proklik-import-stop"));
            out.println("Importing every " + pause + " until stopped");
            do {
                runOnce(runner, out, err);
            } while (!stop.await(pause.toMillis(), TimeUnit.MILLISECONDS));
            return 0;
        } catch (DatabaseAccess.DatabaseUnavailableException e) {
            err.println("proklik import: " + e.getMessage());
            err.println("proklik import: no file was touched; the next run imports them");
            return 1;
        }
    }

    /** The settings these options hold: the configuration's values (ConfigDefaultProvider), flags on top. */
    ImportSettings settings(ProklikConfig config) {
        if (keepEventDetailsDays < 0 || keepFilesDays < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "retention days must be 0 (keep for ever) or more");
        }
        return new ImportSettings(dirs.stream().map(Path::of).toList(), archiveDir, quarantineDir,
                config.home().resolve("import.lock"), chunkSize, anonymizeIp, scannerRanges, mppRanges, tooFastOpen,
                tooFastClick, burstWindow, burstLinks, progress,
                new RetentionSettings(Duration.ofDays(keepEventDetailsDays), Duration.ofDays(keepFilesDays)));
    }

    /**
     * The settings {@code proklik import} would run with, no flags given: the one place, shared with the demo, that
     * turns configuration into import settings is picocli's option resolution itself.
     */
    public static ImportSettings configuredSettings(ProklikConfig config) {
        ImportCommand command = new ImportCommand();
        new picocli.CommandLine(command).setDefaultValueProvider(new ConfigDefaultProvider(config)).parseArgs();
        return command.settings(config);
    }

    private static boolean runOnce(ImportRunner runner, PrintWriter out, PrintWriter err) {
        try {
            ImportStats.Summary summary = runner.runOnce();
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
        } catch (ImportFailedException e) {
            LOG.debug("Import failed", e);
            err.println("proklik import: " + e.getMessage());
            err.flush();
            return false;
        } catch (java.io.IOException e) {
            err.println("proklik import: " + e.getMessage());
            return false;
        }
    }
}

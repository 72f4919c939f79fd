package cz.proklik.app.importing;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.app.config.Converters;
import cz.proklik.app.config.ImportConfig;
import cz.proklik.app.config.ImportSchedule;
import cz.proklik.app.config.IpRangeOptions;
import cz.proklik.app.config.PullConfig;
import cz.proklik.app.db.DatabaseAccess;
import cz.proklik.erp.campaign.CampaignRefreshDao.Reason;
import cz.proklik.erp.db.Database;
import cz.proklik.importer.job.ImportFailedException;
import cz.proklik.importer.job.ImportRunner;
import cz.proklik.importer.job.ImportSettings;
import cz.proklik.importer.job.ImportStats;
import cz.proklik.importer.refresh.CampaignRefresh;
import cz.proklik.importer.refresh.ErpSendSync;
import cz.proklik.importer.refresh.RefreshSchedule;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code proklik import}: closed click-log files into the database, after the refresh of the campaigns due (their
 * sends from the ERP's adapter view; {@code --campaign ID} or {@code --all} refresh now whatever the age). Once (for
 * cron, Task Scheduler or SQL Server Agent), again and again with {@code --every 5m}, or on each campaign's refresh
 * curve with {@code --every auto}. Exit code 1 when a run fails; its files stay in the drop folder and the next run
 * restarts it.
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
            paramLabel = "PAUSE|auto", description = "stay up and import again after this pause, e.g. 5m, or 'auto':"
            + " whenever a campaign is due by its refresh curve (5 min on the first day, slower, none after a week;"
            + " README) (default: once)")
    Duration every;

    @Option(names = "--campaign", paramLabel = "ID", description = "refresh this campaign now (its sends from the"
            + " ERP), whatever its age; repeatable; then import")
    List<String> campaigns;

    @Option(names = "--all", description = "refresh every registered campaign now, then import")
    boolean all;
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
        ImportSchedule schedule = context.settings(ImportConfig::schedule, spec);
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        boolean forced = all || (campaigns != null && !campaigns.isEmpty());
        if (all && campaigns != null && !campaigns.isEmpty()) {
            throw new UsageException("--campaign and --all: give one of them");
        }
        if (forced && !(schedule instanceof ImportSchedule.Once)) {
            throw new UsageException("--campaign and --all refresh now, once: not with --every");
        }
        Reason reason = all ? Reason.ALL : forced ? Reason.CAMPAIGN : Reason.SCHEDULE;
        CountDownLatch stop = new CountDownLatch(1);
        if (schedule instanceof ImportSchedule.Every every) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "proklik-import-stop"));
            out.println("Importing every " + every.pause() + " until stopped");
            do {
                runOnce(settings, pullSettings, reason, out, err);
            } while (!stop.await(every.pause().toMillis(), TimeUnit.MILLISECONDS));
        } else if (schedule instanceof ImportSchedule.Auto) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "proklik-import-stop"));
            out.println("Importing whenever a campaign is due by its refresh curve (checked every "
                    + RefreshSchedule.TICK.toMinutes() + " min; click logs at least every "
                    + RefreshSchedule.HOUSEKEEPING.toHours() + " h) until stopped");
            Instant lastRun = null;
            do {
                if (runIfDue(settings, pullSettings, lastRun, out, err)) {
                    lastRun = Instant.now();
                }
            } while (!stop.await(RefreshSchedule.TICK.toMillis(), TimeUnit.MILLISECONDS));
        } else {
            return runOnce(settings, pullSettings, reason, out, err) ? 0 : 1;
        }
        return 0;
    }

    /**
     * One tick of {@code --every auto}: a run when a campaign is due, or when the click logs were last imported
     * {@link RefreshSchedule#HOUSEKEEPING} ago (files must not pile up on the nodes while no campaign is young).
     *
     * @return whether it ran
     */
    private boolean runIfDue(ImportSettings settings, Optional<PullSettings> pullSettings, Instant lastRun,
                             PrintWriter out, PrintWriter err) {
        boolean housekeeping = lastRun == null || !lastRun.plus(RefreshSchedule.HOUSEKEEPING).isAfter(Instant.now());
        if (!housekeeping) {
            try (Database database = context.openMigratedDatabase()) {
                if (new CampaignRefresh(database.dataSource(), Clock.systemUTC()).due().isEmpty()) {
                    return false;
                }
            } catch (RuntimeException e) {
                err.println("proklik import: " + TerminalText.safe(String.valueOf(e.getMessage())));
                err.flush();
                return false;
            }
        }
        runOnce(settings, pullSettings, Reason.SCHEDULE, out, err);
        return true;
    }

    /**
     * One run with its own connection, closed when the run ends: between the runs of {@code --every} the embedded
     * H2 file is free, so reports and other commands can open it (they wait for a run in progress).
     */
    private boolean runOnce(ImportSettings settings, Optional<PullSettings> pullSettings, Reason reason,
                            PrintWriter out, PrintWriter err) {
        try (Database database = context.openMigratedDatabase();
             ImportRunner runner = new ImportRunner(database, settings)) {
            boolean pulled = pullSettings.map(p -> pullFirst(p, database, out, err)).orElse(true);
            boolean refreshed = true;
            try {
                refresh(new CampaignRefresh(database.dataSource(), Clock.systemUTC()), reason, out);
            } catch (UsageException e) {
                throw e;
            } catch (RuntimeException e) {
                // The ERP side failing (a broken adapter view) must not hold up the click logs: they go in, exit 1.
                LOG.debug("Campaign refresh failed", e);
                err.println("proklik import: campaign refresh failed, click logs imported all the same: "
                        + TerminalText.safe(String.valueOf(e.getMessage())));
                err.flush();
                refreshed = false;
            }
            // A node or the ERP side that failed does not keep the files from being imported.
            return report(runner.runOnce(), out, err) && pulled && refreshed;
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

    /**
     * The campaigns' ERP-side reads before the click logs, so that the flag rules of this run see the send times
     * (docs/schema.md, "Refresh schedule").
     */
    private void refresh(CampaignRefresh refresh, Reason reason, PrintWriter out) {
        List<String> ids = switch (reason) {
            case SCHEDULE -> refresh.due();
            case ALL -> refresh.all();
            case CAMPAIGN -> {
                for (String id : campaigns) {
                    if (!refresh.exists(id)) {
                        throw new UsageException("no campaign '" + TerminalText.safe(id) + "' ('proklik campaigns"
                                + " list' shows them)");
                    }
                }
                yield List.copyOf(campaigns);
            }
        };
        if (ids.isEmpty()) {
            out.println("Refresh: no campaign due");
        }
        for (ErpSendSync.Result r : refresh.refresh(ids, reason)) {
            out.println("Refreshed " + TerminalText.safe(r.campaignId()) + " (" + reason.code() + "): ERP sends "
                    + r.read() + " read, " + r.written() + " written, " + r.queued() + " queued, " + r.refused()
                    + " refused");
        }
        out.flush();
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

package cz.proklik.importer.job;

import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.importer.retention.RetentionSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the import job runs; built by the CLI from proklik.properties, environment and flags.
 *
 * @param dropDirs      folders the redirect nodes write closed click-log files to (one per node, or shared)
 * @param archiveDir    where a file goes once its events are committed
 * @param quarantineDir where the bad lines of a file are written (beside pkl_quarantine), one CSV per file
 * @param lockFile      held while a run is going, so two imports never interleave
 * @param retention     how long personal data is kept (the job's last step applies it)
 * @param rebuildTempDir where a backlog's fold by rebuild writes its sorted runs (proklik.aggregates.rebuild-temp-dir)
 */
public record ImportSettings(List<Path> dropDirs, Path archiveDir, Path quarantineDir, Path lockFile, int chunkSize,
                             boolean anonymizeIp, List<String> scannerRanges, List<String> mppRanges,
                             Duration tooFastOpen, Duration tooFastClick, Duration burstWindow, int burstLinks,
                             boolean progressBar, RetentionSettings retention, Path rebuildTempDir) {

    /** With a backlog's sorted runs in {@link AggregateMaintainer#defaultRebuildTempDir()}. */
    public ImportSettings(List<Path> dropDirs, Path archiveDir, Path quarantineDir, Path lockFile, int chunkSize,
                          boolean anonymizeIp, List<String> scannerRanges, List<String> mppRanges,
                          Duration tooFastOpen, Duration tooFastClick, Duration burstWindow, int burstLinks,
                          boolean progressBar, RetentionSettings retention) {
        this(dropDirs, archiveDir, quarantineDir, lockFile, chunkSize, anonymizeIp, scannerRanges, mppRanges,
                tooFastOpen, tooFastClick, burstWindow, burstLinks, progressBar, retention,
                AggregateMaintainer.defaultRebuildTempDir());
    }

    public ImportSettings {
        dropDirs = List.copyOf(dropDirs);
        Objects.requireNonNull(archiveDir, "archiveDir");
        Objects.requireNonNull(quarantineDir, "quarantineDir");
        Objects.requireNonNull(lockFile, "lockFile");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(rebuildTempDir, "rebuildTempDir");
        scannerRanges = List.copyOf(scannerRanges);
        mppRanges = List.copyOf(mppRanges);
        if (dropDirs.isEmpty()) {
            throw new IllegalArgumentException("at least one drop folder is needed");
        }
        if (chunkSize < 1 || chunkSize > 100_000) {
            throw new IllegalArgumentException("chunk size must be 1-100000: " + chunkSize);
        }
        if (burstLinks < 2) {
            throw new IllegalArgumentException("burst links must be at least 2");
        }
    }
}

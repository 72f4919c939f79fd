package cz.proklik.app.importing;

import cz.proklik.app.config.Converters;
import cz.proklik.app.config.ProklikConfig;
import cz.proklik.importer.job.ImportSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The import job's settings from the configuration, so that {@code proklik import} and {@code proklik demo} run the
 * job the same way; {@code import} then overrides what its flags say.
 */
public final class ImportSettingsBuilder {
    private final ProklikConfig config;
    private List<Path> dirs;
    private Path archiveDir;
    private Path quarantineDir;
    private int chunkSize;
    private boolean anonymizeIp;
    private List<String> scannerRanges;
    private List<String> mppRanges;
    private Duration tooFastOpen;
    private Duration tooFastClick;
    private Duration burstWindow;
    private int burstLinks;
    private boolean progress;

    private ImportSettingsBuilder(ProklikConfig config) {
        this.config = config;
        dirs = Converters.list(config.get("proklik.import.dirs")).stream().map(Path::of).toList();
        archiveDir = Path.of(config.get("proklik.import.archive-dir"));
        quarantineDir = Path.of(config.get("proklik.import.quarantine-dir"));
        chunkSize = Integer.parseInt(config.get("proklik.import.chunk-size"));
        anonymizeIp = Boolean.parseBoolean(config.get("proklik.import.anonymize-ip"));
        scannerRanges = Converters.list(config.get("proklik.import.scanner-ip-ranges"));
        mppRanges = Converters.list(config.get("proklik.import.mpp-ip-ranges"));
        tooFastOpen = Converters.duration(config.get("proklik.import.too-fast-open"));
        tooFastClick = Converters.duration(config.get("proklik.import.too-fast-click"));
        burstWindow = Converters.duration(config.get("proklik.import.burst-window"));
        burstLinks = Integer.parseInt(config.get("proklik.import.burst-links"));
    }

    public static ImportSettingsBuilder fromConfig(ProklikConfig config) {
        return new ImportSettingsBuilder(config);
    }

    public ImportSettingsBuilder dirs(List<String> value) {
        dirs = value.stream().map(Path::of).toList();
        return this;
    }

    public ImportSettingsBuilder archiveDir(Path value) {
        archiveDir = value;
        return this;
    }

    public ImportSettingsBuilder quarantineDir(Path value) {
        quarantineDir = value;
        return this;
    }

    public ImportSettingsBuilder chunkSize(int value) {
        chunkSize = value;
        return this;
    }

    public ImportSettingsBuilder anonymizeIp(boolean value) {
        anonymizeIp = value;
        return this;
    }

    public ImportSettingsBuilder scannerRanges(List<String> value) {
        scannerRanges = value;
        return this;
    }

    public ImportSettingsBuilder mppRanges(List<String> value) {
        mppRanges = value;
        return this;
    }

    public ImportSettingsBuilder tooFastOpen(Duration value) {
        tooFastOpen = value;
        return this;
    }

    public ImportSettingsBuilder tooFastClick(Duration value) {
        tooFastClick = value;
        return this;
    }

    public ImportSettingsBuilder burstWindow(Duration value) {
        burstWindow = value;
        return this;
    }

    public ImportSettingsBuilder burstLinks(int value) {
        burstLinks = value;
        return this;
    }

    public ImportSettingsBuilder progress(boolean value) {
        progress = value;
        return this;
    }

    public ImportSettings build() {
        return new ImportSettings(dirs, archiveDir, quarantineDir, config.home().resolve("import.lock"), chunkSize,
                anonymizeIp, scannerRanges, mppRanges, tooFastOpen, tooFastClick, burstWindow, burstLinks, progress);
    }
}

package cz.proklik.app.config;

import cz.proklik.importer.job.ImportSettings;
import cz.proklik.importer.retention.RetentionSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The import job's settings from the configuration (proklik.import.*, proklik.retention.*). */
public final class ImportConfig {
    private ImportConfig() {
    }

    /**
     * @param progressBar whether to draw a progress bar on a terminal (a flag of the command, not configuration)
     * @throws IllegalArgumentException naming the key whose value is not valid
     */
    public static ImportSettings from(ProklikConfig config, boolean progressBar) {
        int keepEventDetailsDays = ConfigValues.integer(config, "proklik.retention.event-details-days");
        int keepFilesDays = ConfigValues.integer(config, "proklik.retention.files-days");
        if (keepEventDetailsDays < 0 || keepFilesDays < 0) {
            throw new IllegalArgumentException("retention days must be 0 (keep for ever) or more");
        }
        // The configured drop folders, then the local folder of every pull node (docs/pull.md).
        List<Path> dirs = new ArrayList<>();
        ConfigValues.list(config, "proklik.import.dirs").stream().map(Path::of).forEach(dirs::add);
        for (Path pulled : PullConfig.localDirs(config)) {
            if (dirs.stream().noneMatch(d -> d.toAbsolutePath().normalize().equals(pulled))) {
                dirs.add(pulled);
            }
        }
        return new ImportSettings(List.copyOf(dirs),
                Path.of(config.get("proklik.import.archive-dir")), Path.of(config.get("proklik.import.quarantine-dir")),
                config.home().resolve("import.lock"), ConfigValues.integer(config, "proklik.import.chunk-size"),
                ConfigValues.bool(config, "proklik.import.anonymize-ip"),
                ConfigValues.list(config, "proklik.import.scanner-ip-ranges"),
                ConfigValues.list(config, "proklik.import.mpp-ip-ranges"),
                ConfigValues.duration(config, "proklik.import.too-fast-open"),
                ConfigValues.duration(config, "proklik.import.too-fast-click"),
                ConfigValues.duration(config, "proklik.import.burst-window"),
                ConfigValues.integer(config, "proklik.import.burst-links"), progressBar,
                new RetentionSettings(Duration.ofDays(keepEventDetailsDays), Duration.ofDays(keepFilesDays)),
                Path.of(config.get("proklik.aggregates.rebuild-temp-dir").strip()));
    }

    /** How {@code import} runs: once (empty), {@code --every 5m} (a pause) or {@code --every auto} (the curve). */
    public static ImportSchedule schedule(ProklikConfig config) {
        String every = config.get("proklik.import.every").strip();
        if (every.isEmpty()) {
            return new ImportSchedule.Once();
        }
        if (every.equalsIgnoreCase(AUTO)) {
            return new ImportSchedule.Auto();
        }
        return new ImportSchedule.Every(ConfigValues.duration(config, "proklik.import.every"));
    }

    /** The value of proklik.import.every that follows each campaign's refresh curve. */
    public static final String AUTO = "auto";
}

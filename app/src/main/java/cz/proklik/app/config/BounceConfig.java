package cz.proklik.app.config;

import cz.proklik.bounces.job.BounceSettings;
import cz.proklik.bounces.suppress.SuppressionSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;

/** The bounce import's settings from the configuration (proklik.bounces.*). */
public final class BounceConfig {
    private BounceConfig() {
    }

    /** @throws IllegalArgumentException naming the key whose value is not valid */
    public static BounceSettings from(ProklikConfig config) {
        int threshold = ConfigValues.integer(config, "proklik.bounces.soft-threshold");
        int retentionDays = ConfigValues.integer(config, "proklik.bounces.retention-days");
        if (retentionDays < 0) {
            throw new IllegalArgumentException("proklik.bounces.retention-days must be 0 (for ever) or more");
        }
        return new BounceSettings(config.get("proklik.bounces.mailbox.url").strip(),
                config.get("proklik.bounces.mailbox.password"), config.get("proklik.bounces.processed-folder").strip(),
                Path.of(config.get("proklik.bounces.processed-dir")),
                new HashSet<>(ConfigValues.list(config, "proklik.bounces.own-senders")),
                ConfigValues.integer(config, "proklik.bounces.max-messages"),
                ConfigValues.integer(config, "proklik.bounces.batch-size"),
                new SuppressionSettings(threshold, ConfigValues.duration(config, "proklik.bounces.soft-window"),
                        ConfigValues.duration(config, "proklik.bounces.delivery-grace")),
                Duration.ofDays(retentionDays));
    }
}

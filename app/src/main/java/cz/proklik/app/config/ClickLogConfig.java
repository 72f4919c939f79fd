package cz.proklik.app.config;

import cz.proklik.tracking.clicklog.ClickLogWriter;

import java.nio.file.Path;

/** The click-log writer's settings from the configuration (proklik.log.*, proklik.node). */
public final class ClickLogConfig {
    private ClickLogConfig() {
    }

    /** @throws IllegalArgumentException naming the key whose value is not valid */
    public static ClickLogWriter.Settings from(ProklikConfig config) {
        return new ClickLogWriter.Settings(Path.of(config.get("proklik.log.dir")), config.node(),
                ConfigValues.size(config, "proklik.log.rotate-size"),
                ConfigValues.duration(config, "proklik.log.rotate-interval"),
                ConfigValues.bool(config, "proklik.log.fsync"));
    }
}

package cz.proklik.app.config;

import ch.qos.logback.classic.Level;
import cz.proklik.app.logging.OperatorLog;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The operator's log from the configuration (proklik.logging.*). */
public final class LoggingConfig {
    /** The name before proklik.logging.level, still read from the environment. */
    static final String OLD_LEVEL_ENV = "PROKLIK_LOG_LEVEL";

    private LoggingConfig() {
    }

    /** @throws IllegalArgumentException naming the key whose value is not valid */
    public static OperatorLog.Settings from(ProklikConfig config, String command) {
        String levelText = config.get("proklik.logging.level");
        if (!config.env().containsKey(ProklikConfig.envName("proklik.logging.level"))
                && config.env().containsKey(OLD_LEVEL_ENV)) {
            levelText = config.env().get(OLD_LEVEL_ENV);
        }
        Level level = Level.toLevel(levelText.strip().toUpperCase(Locale.ROOT), null);
        if (level == null) {
            throw new IllegalArgumentException("proklik.logging.level: one of ERROR, WARN, INFO, DEBUG, TRACE, not "
                    + levelText);
        }
        String dir = config.get("proklik.logging.dir");
        long maxFileSize = ConfigValues.size(config, "proklik.logging.max-file-size");
        int maxHistory = ConfigValues.integer(config, "proklik.logging.max-history");
        long totalSizeCap = ConfigValues.size(config, "proklik.logging.total-size-cap");
        try {
            return new OperatorLog.Settings(dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir)), command,
                    level, maxFileSize, maxHistory, totalSizeCap);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("proklik.logging: " + e.getMessage(), e);
        }
    }
}

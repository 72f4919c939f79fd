package cz.proklik.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The log an operator reads: the level of Proklik's own lines (frameworks stay at WARN, logback.xml), and a file per
 * command ({@code proklik-import.log}, {@code proklik-serve.log}, ...) rolled daily and at a size, gzipped, kept for
 * a number of days and within a total size. Applied once the configuration is known (it can come from the
 * properties file, the environment or a flag), before the command runs; the console log of logback.xml stays for
 * interactive use. Every line above debug passes {@link PersonalDataMask}.
 */
public final class OperatorLog {
    static final String FILE_APPENDER = "proklik-file";
    /** ISO time with offset: the file is read on other hosts and after clock changes. */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

    private OperatorLog() {
    }

    /**
     * @param dir          the log folder; empty = no file log (console only)
     * @param command      the command, naming the file ({@code proklik-<command>.log})
     * @param level        the level of Proklik's own loggers (root)
     * @param maxFileSize  a file is rolled over at this size (and at midnight UTC)
     * @param maxHistory   days of rolled files kept
     * @param totalSizeCap the rolled files together stay below this; the oldest go first
     */
    public record Settings(Optional<Path> dir, String command, Level level, long maxFileSize, int maxHistory,
                           long totalSizeCap) {
        public Settings {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(level, "level");
            if (maxFileSize < 1024 || totalSizeCap < maxFileSize || maxHistory < 1) {
                throw new IllegalArgumentException("log files: max-file-size at least 1 KiB, total-size-cap at least"
                        + " max-file-size, max-history at least 1 day");
            }
        }

        public Path file() {
            return dir.orElseThrow().resolve("proklik-" + command + ".log");
        }
    }

    /** Applies the settings to logback, replacing the file log of an earlier call (the tests run many commands). */
    public static void apply(Settings settings) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return; // another SLF4J binding: it has its own configuration
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(settings.level());
        Appender<ILoggingEvent> old = root.getAppender(FILE_APPENDER);
        if (old != null) {
            root.detachAppender(old);
            old.stop();
        }
        if (settings.dir().isEmpty()) {
            return;
        }
        String file = settings.file().toString();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(FILE_APPENDER);
        appender.setFile(file);
        appender.setAppend(true);

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(settings.dir().get().resolve("proklik-" + settings.command()
                + "-%d{yyyy-MM-dd,UTC}.%i.log.gz").toString());
        policy.setMaxFileSize(new FileSize(settings.maxFileSize()));
        policy.setMaxHistory(settings.maxHistory());
        policy.setTotalSizeCap(new FileSize(settings.totalSizeCap()));
        policy.start();
        appender.setRollingPolicy(policy);

        MaskingPatternLayout layout = new MaskingPatternLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
    }
}

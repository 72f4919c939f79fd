package cz.proklik.app.logging;

import ch.qos.logback.classic.Level;
import cz.proklik.app.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's file log: where it goes, its level from file, environment or flag, its rotation and caps. */
class OperatorLogTest {
    @TempDir
    Path home;

    @AfterEach
    void consoleOnlyAgain() {
        OperatorLog.apply(new OperatorLog.Settings(Optional.empty(), "test", Level.INFO, 1024, 1, 1024));
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("PROKLIK_HOME", home.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void eachCommandLogsIntoItsFileUnderTheHomeAtTheConfiguredLevel() throws Exception {
        Cli.Result info = Cli.run(env(), "import", "--no-progress");
        assertThat(info.exitCode()).as(info.err()).isZero();
        Path file = home.resolve("logs/proklik-import.log");
        assertThat(Files.readString(file)).contains("INFO  [").contains("0 click-log file(s) to import")
                .contains("WARN ").contains("does not exist (yet)")
                .containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) ");

        Files.delete(file);
        Cli.Result warn = Cli.run(env("PROKLIK_LOGGING_LEVEL", "warn"), "import", "--no-progress");
        assertThat(warn.exitCode()).isZero();
        assertThat(Files.readString(file)).doesNotContain("click-log file(s) to import").contains("does not exist");

        Files.delete(file);
        Files.writeString(home.resolve("proklik.properties"), "proklik.logging.level=ERROR\n");
        Cli.run(env(), "import", "--no-progress");
        assertThat(Files.readString(file)).doesNotContain("does not exist");

        Cli.run(env("PROKLIK_LOG_LEVEL", "DEBUG"), "import", "--no-progress");
        assertThat(Files.readString(file)).as("the old variable still works").contains("DEBUG");

        Path elsewhere = home.resolve("var-log");
        Cli.Result flagged = Cli.run(env(), "--logging-dir", elsewhere.toString(), "--logging-level", "INFO",
                "import", "--no-progress");
        assertThat(flagged.exitCode()).as(flagged.err()).isZero();
        assertThat(Files.readString(elsewhere.resolve("proklik-import.log"))).contains("click-log file(s) to import");
    }

    @Test
    void anEmptyFolderMeansConsoleOnlyAndABadLevelIsAUsageError() {
        Cli.Result none = Cli.run(env("PROKLIK_LOGGING_DIR", ""), "import", "--no-progress");
        assertThat(none.exitCode()).isZero();
        assertThat(home.resolve("logs")).doesNotExist();

        Cli.Result bad = Cli.run(env("PROKLIK_LOGGING_LEVEL", "LOUD"), "import");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("proklik.logging.level: one of ERROR, WARN, INFO, DEBUG, TRACE, not LOUD");

        Cli.Result small = Cli.run(env("PROKLIK_LOGGING_MAX_FILE_SIZE", "10"), "import");
        assertThat(small.exitCode()).isEqualTo(2);
        assertThat(small.err()).contains("proklik.logging: log files: max-file-size at least 1 KiB");
    }

    @Test
    void filesRollAtTheirSizeAreGzippedAndTheArchiveStaysUnderItsCap() throws Exception {
        Path dir = home.resolve("roll");
        OperatorLog.apply(new OperatorLog.Settings(Optional.of(dir), "roll", Level.INFO, 2048, 7, 8192));
        Logger log = LoggerFactory.getLogger("cz.proklik.test.Roll");
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 600; i++) {
            // Random text, so that gzip cannot make the cap trivial.
            byte[] noise = new byte[60];
            random.nextBytes(noise);
            log.info("line {} {}", i, HexFormat.of().formatHex(noise));
        }
        assertThat(Files.size(dir.resolve("proklik-roll.log"))).isLessThan(2048 + 400);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<Path> archives;
        long total;
        do {
            Thread.sleep(200);
            archives = archives(dir);
            total = 0;
            for (Path a : archives) {
                total += Files.size(a);
            }
        } while (total > 8192 + 2048 && Instant.now().isBefore(deadline));
        assertThat(archives).hasSizeGreaterThanOrEqualTo(2)
                .allMatch(p -> p.getFileName().toString().matches("proklik-roll-\\d{4}-\\d\\d-\\d\\d\\.\\d+\\.log\\.gz"));
        // Logback enforces the cap when it rolls over, so it may be over by the archive just made (one file's size).
        assertThat(total).as("600 lines of 160 bytes = 96 KB written, the archive capped").isLessThanOrEqualTo(8192 + 2048);
    }

    private static List<Path> archives(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".gz")).sorted().toList();
        }
    }

    @Test
    void theMaskHidesAddressesAboveDebugAndKeepsThemAtDebug() throws Exception {
        assertThat(PersonalDataMask.mask("bounce for Petr.Svoboda@example.cz from 203.0.113.45 and 2001:db8::1 and"
                + " 2001:0db8:0000:0000:0000:ff00:0042:8329 at 06:42:02, bound to 0.0.0.0 and 127.0.0.1, v1.2.3.4.5"))
                .isEqualTo("bounce for <e-mail> from <ip> and <ip> and <ip> at 06:42:02, bound to 0.0.0.0 and"
                        + " 127.0.0.1, v1.2.3.4.5");

        Path dir = home.resolve("mask");
        OperatorLog.apply(new OperatorLog.Settings(Optional.of(dir), "mask", Level.DEBUG, 1 << 20, 7, 1 << 24));
        Logger log = LoggerFactory.getLogger("cz.proklik.test.Mask");
        log.warn("library said", new IllegalStateException("duplicate key ('jana@example.cz', '198.51.100.7')"));
        log.debug("diagnosis: jana@example.cz");
        String written = Files.readString(dir.resolve("proklik-mask.log"), StandardCharsets.UTF_8);
        assertThat(written).contains("IllegalStateException: duplicate key ('<e-mail>', '<ip>')")
                .doesNotContain("198.51.100.7").contains("DEBUG").contains("diagnosis: jana@example.cz");
    }
}

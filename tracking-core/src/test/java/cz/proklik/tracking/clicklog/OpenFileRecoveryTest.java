package cz.proklik.tracking.clicklog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;

import static org.assertj.core.api.Assertions.assertThat;

class OpenFileRecoveryTest {
    @TempDir
    Path dir;

    private static String line(long seq, String recipient) throws Exception {
        StringWriter out = new StringWriter();
        try (ICSVWriter csv = new CSVWriter(out, ',', '"', '"', "\r\n")) {
            csv.writeNext(ClickLogFormat.toValues(seq, TestEvents.click(recipient)), false);
        }
        return out.toString();
    }

    @Test
    void aCrashedFileIsClosedWithItsTornTailKeptAside() throws Exception {
        Path open = dir.resolve(LogFileNames.openName("node-1", Instant.parse("2026-11-25T08:00:00Z"), 1));
        String third = line(3, "R3");
        String tornTail = third.substring(0, 40);
        Files.writeString(open, String.join(",", ClickLogFormat.HEADER) + "\r\n" + line(1, "R1") + line(2, "R2")
                + tornTail, StandardCharsets.UTF_8);
        Path othersOpen = dir.resolve(LogFileNames.openName("node-2", Instant.parse("2026-11-25T08:00:00Z"), 1));
        Files.writeString(othersOpen, "in use by node-2");

        ClickLogWriter.start(new ClickLogWriter.Settings(dir, "node-1", 1 << 20, Duration.ofMinutes(1), true),
                Clock.systemUTC()).close();

        Path closed = LogFileNames.closedPathOf(open);
        assertThat(open).doesNotExist();
        assertThat(ClickLogFiles.readAll(closed)).hasSize(2).allMatch(e -> e instanceof ClickLogReader.Entry.Event);
        assertThat(Files.readString(LogFileNames.tornPathOf(open))).isEqualTo(tornTail);
        assertThat(othersOpen).as("another node's open file is not ours to close").exists();
        assertThat(LogFileNames.isClosed(closed)).isTrue();
    }

    @Test
    void aFileWithoutAnyCompleteLineIsRemovedAndItsBytesKept() throws Exception {
        Path open = dir.resolve(LogFileNames.openName("node-1", Instant.parse("2026-11-25T08:00:00Z"), 1));
        Files.writeString(open, "proklik-clicklog-v1,event_i");

        OpenFileRecovery.Recovered r = OpenFileRecovery.closeLeftovers(dir, "node-1").get(0);

        assertThat(open).doesNotExist();
        assertThat(LogFileNames.closedPathOf(open)).doesNotExist();
        assertThat(r.tornBytes()).isEqualTo(27);
        assertThat(Files.readString(r.tornFile())).isEqualTo("proklik-clicklog-v1,event_i");
    }
}

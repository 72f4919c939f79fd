package cz.proklik.tracking.clicklog;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
    void theZerosOfAPreallocatedFileAreDroppedNotKeptAsTorn() throws Exception {
        Path open = dir.resolve(LogFileNames.openName("node-1", Instant.parse("2026-11-25T08:00:00Z"), 1));
        String lines = String.join(",", ClickLogFormat.HEADER) + "\r\n" + line(1, "R1") + line(2, "R2");
        Files.write(open, concat(lines.getBytes(StandardCharsets.UTF_8), new byte[200 * 1024]));

        OpenFileRecovery.Recovered r = OpenFileRecovery.closeLeftovers(dir, "node-1").get(0);

        assertThat(r.tornFile()).isNull();
        assertThat(r.tornBytes()).isZero();
        assertThat(LogFileNames.tornPathOf(open)).doesNotExist();
        assertThat(Files.readString(r.closedFile())).isEqualTo(lines);
        assertThat(ClickLogFiles.readAll(r.closedFile())).hasSize(2).allMatch(e -> e instanceof ClickLogReader.Entry.Event);
    }

    @Test
    void whatTheDiskGotOfAnUnansweredBatchBeforeTheZerosIsKeptAsTorn() throws Exception {
        Path open = dir.resolve(LogFileNames.openName("node-1", Instant.parse("2026-11-25T08:00:00Z"), 1));
        String lines = String.join(",", ClickLogFormat.HEADER) + "\r\n" + line(1, "R1");
        String partial = line(2, "R2").substring(0, 30);
        byte[] third = line(3, "R3").getBytes(StandardCharsets.UTF_8);
        // A crash mid-batch: the page cache wrote some blocks of the batch and not others, in any order.
        byte[] file = concat(lines.getBytes(StandardCharsets.UTF_8), partial.getBytes(StandardCharsets.UTF_8),
                new byte[8], third, new byte[64 * 1024]);
        Files.write(open, file);

        OpenFileRecovery.Recovered r = OpenFileRecovery.closeLeftovers(dir, "node-1").get(0);

        assertThat(Files.readString(r.closedFile())).isEqualTo(lines);
        byte[] torn = Files.readAllBytes(r.tornFile());
        assertThat(torn).isEqualTo(concat(partial.getBytes(StandardCharsets.UTF_8), new byte[8], third));
        assertThat(r.tornBytes()).isEqualTo(torn.length);
    }

    @Test
    void aFileStillBeingClosedAndTheNextOneAreBothRecovered() throws Exception {
        String header = String.join(",", ClickLogFormat.HEADER) + "\r\n";
        Path full = dir.resolve(LogFileNames.openName("node-1", Instant.parse("2026-11-25T08:00:00Z"), 1));
        Path next = dir.resolve(LogFileNames.openName("node-1", Instant.parse("2026-11-25T08:00:05Z"), 2));
        Files.write(full, concat((header + line(1, "R1") + line(2, "R2")).getBytes(StandardCharsets.UTF_8), new byte[4096]));
        Files.write(next, concat((header + line(1, "R3")).getBytes(StandardCharsets.UTF_8), new byte[4096]));

        List<OpenFileRecovery.Recovered> recovered = OpenFileRecovery.closeLeftovers(dir, "node-1");

        assertThat(recovered).extracting(OpenFileRecovery.Recovered::closedFile)
                .containsExactly(LogFileNames.closedPathOf(full), LogFileNames.closedPathOf(next));
        assertThat(ClickLogFiles.readAllClosed(dir))
                .extracting(e -> ((ClickLogReader.Entry.Event) e).event().recipient()).containsExactly("R1", "R2", "R3");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
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

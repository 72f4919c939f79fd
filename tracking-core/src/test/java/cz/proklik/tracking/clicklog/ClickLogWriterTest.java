package cz.proklik.tracking.clicklog;

import cz.proklik.tracking.event.TrackingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ClickLogWriterTest {
    @TempDir
    Path dir;

    private ClickLogWriter start(long rotateBytes, Duration interval) throws Exception {
        return ClickLogWriter.start(new ClickLogWriter.Settings(dir, "node-1", rotateBytes, interval, true),
                Clock.systemUTC());
    }

    /** One event as its own batch: durable when writeNow returns true. */
    private static boolean appendAndWait(ClickLogWriter writer, TrackingEvent event) {
        return writer.writeNow(List.of(event));
    }

    @Test
    void eventsAreDurableInOrderAndTheFileIsClosedOnShutdown() throws Exception {
        List<TrackingEvent> events = new ArrayList<>();
        try (ClickLogWriter writer = start(64 << 20, Duration.ofHours(1))) {
            for (int i = 0; i < 5; i++) {
                TrackingEvent e = TestEvents.click("R" + i);
                events.add(e);
                assertThat(appendAndWait(writer, e)).isTrue();
            }
            assertThat(ClickLogFiles.list(dir, LogFileNames.OPEN_SUFFIX)).hasSize(1);
            assertThat(writer.status().openFile()).endsWith(".csv.open");
        }

        assertThat(ClickLogFiles.list(dir, LogFileNames.OPEN_SUFFIX)).isEmpty();
        List<Path> closed = ClickLogFiles.list(dir, LogFileNames.CLOSED_SUFFIX);
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).getFileName().toString()).matches("proklik-node-1-\\d{8}T\\d{9}Z-000001\\.csv");
        assertThat(Files.readString(closed.get(0))).startsWith(String.join(",", ClickLogFormat.HEADER) + "\r\n");
        List<ClickLogReader.Entry> read = ClickLogFiles.readAll(closed.get(0));
        assertThat(read).extracting(e -> ((ClickLogReader.Entry.Event) e).event()).containsExactlyElementsOf(events);
        assertThat(read).extracting(e -> ((ClickLogReader.Entry.Event) e).seq()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(read).extracting(ClickLogReader.Entry::lineNumber).containsExactly(2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void filesRotateBySize() throws Exception {
        try (ClickLogWriter writer = start(2048, Duration.ofHours(1))) {
            for (int i = 0; i < 40; i++) {
                assertThat(appendAndWait(writer, TestEvents.click("R" + i))).isTrue();
            }
        }
        List<Path> files = ClickLogFiles.list(dir, LogFileNames.CLOSED_SUFFIX);
        assertThat(files.size()).isGreaterThan(4);
        for (Path f : files) {
            assertThat(Files.size(f)).isLessThan(2048 + 512);
        }
        assertThat(ClickLogFiles.readAllClosed(dir)).hasSize(40).allMatch(e -> e instanceof ClickLogReader.Entry.Event);
    }

    @Test
    void anIdleFileIsClosedWhenItsTimeIsUp() throws Exception {
        try (ClickLogWriter writer = start(64 << 20, Duration.ofMillis(200))) {
            assertThat(appendAndWait(writer, TestEvents.click("R1"))).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((ClickLogFiles.list(dir, LogFileNames.CLOSED_SUFFIX).isEmpty() || !writer.status().openFile().isEmpty())
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ClickLogFiles.list(dir, LogFileNames.CLOSED_SUFFIX)).hasSize(1);
            assertThat(ClickLogFiles.list(dir, LogFileNames.OPEN_SUFFIX)).isEmpty();
            assertThat(writer.status().openFile()).isEmpty();
        }
    }

    @Test
    void concurrentCallersBatchesAreAllWrittenOnceEachWithOneFsync() throws Exception {
        int threads = 16;
        int batchesEach = 50;
        int batchSize = 10;
        AtomicInteger durable = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ClickLogWriter.Status status;
        try (ClickLogWriter writer = start(64 << 20, Duration.ofHours(1))) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                all.add(CompletableFuture.runAsync(() -> {
                    // Like an IO thread: one batch per loop turn, durable when writeNow returns.
                    for (int b = 0; b < batchesEach; b++) {
                        List<TrackingEvent> batch = new ArrayList<>();
                        for (int i = 0; i < batchSize; i++) {
                            batch.add(TestEvents.click("T" + thread + "-" + b + "-" + i));
                        }
                        if (writer.writeNow(batch)) {
                            durable.addAndGet(batch.size());
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            status = writer.status();
        } finally {
            pool.shutdown();
        }
        int events = threads * batchesEach * batchSize;
        assertThat(durable.get()).isEqualTo(events);
        assertThat(status.eventsWritten()).isEqualTo(events);
        assertThat(status.batches()).as("one write+fsync per caller's batch").isEqualTo(threads * batchesEach);
        List<String> read = new ArrayList<>();
        for (ClickLogReader.Entry e : ClickLogFiles.readAllClosed(dir)) {
            read.add(((ClickLogReader.Entry.Event) e).event().recipient());
        }
        assertThat(new HashSet<>(read)).hasSize(events);
        for (int i = 0; i < read.size(); i += batchSize) {
            String batch = read.get(i).substring(0, read.get(i).lastIndexOf('-'));
            assertThat(read.subList(i, i + batchSize)).as("a batch's lines stay together, in order")
                    .allMatch(r -> r.startsWith(batch + "-"));
        }
    }

    @Test
    void aFailingDiskLosesOnlyTheEventsItCouldNotWriteAndRecovers() throws Exception {
        Path logDir = dir.resolve("log");
        ClickLogWriter.Settings settings = new ClickLogWriter.Settings(logDir, "node-1", 1024, Duration.ofHours(1), true);
        try (ClickLogWriter writer = ClickLogWriter.start(settings, Clock.systemUTC())) {
            assertThat(appendAndWait(writer, TestEvents.click("before"))).isTrue();
            // The folder disappears under the writer (unmounted volume, deleted by an operator):
            // the next file cannot be created.
            Files.move(logDir, dir.resolve("moved-away"));
            Files.writeString(logDir, "not a folder");
            boolean anyLost = false;
            for (int i = 0; i < 10 && !anyLost; i++) {
                anyLost = !appendAndWait(writer, TestEvents.click("during" + i));
            }
            assertThat(anyLost).isTrue();
            assertThat(writer.status().healthy()).isFalse();
            assertThat(writer.status().eventsLost()).isPositive();
            assertThat(writer.status().lastError()).isNotEmpty();

            Files.delete(logDir);
            Files.createDirectories(logDir);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean durable = false;
            while (!durable && System.nanoTime() < deadline) {
                durable = appendAndWait(writer, TestEvents.click("after"));
                Thread.sleep(50);
            }
            assertThat(durable).isTrue();
            assertThat(writer.status().healthy()).isTrue();
        }
        assertThat(ClickLogFiles.readAllClosed(logDir)).isNotEmpty()
                .allSatisfy(e -> assertThat(((ClickLogReader.Entry.Event) e).event().recipient()).isEqualTo("after"));
    }

    @Test
    void aCallersOwnBatchIsDurableWhenWriteNowReturnsAndSharesTheFileWithTheNextBatch() throws Exception {
        List<TrackingEvent> batch = List.of(TestEvents.click("B1"), TestEvents.click("B2"), TestEvents.click("B3"));
        ClickLogWriter writer = start(64 << 20, Duration.ofHours(1));
        try {
            assertThat(writer.writeNow(batch)).isTrue();
            assertThat(appendAndWait(writer, TestEvents.click("A1"))).isTrue();
            assertThat(writer.status().batches()).as("one write+fsync per batch")
                    .isEqualTo(2);
        } finally {
            writer.close();
        }
        assertThat(writer.writeNow(batch)).as("after close nothing is durable").isFalse();
        assertThat(writer.status().eventsLost()).isEqualTo(3);
        List<ClickLogReader.Entry> read = ClickLogFiles.readAllClosed(dir);
        assertThat(read).extracting(e -> ((ClickLogReader.Entry.Event) e).event().recipient())
                .containsExactly("B1", "B2", "B3", "A1");
        assertThat(read).extracting(e -> ((ClickLogReader.Entry.Event) e).seq()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void laterFilesAreZeroFilledAheadAndCutToTheirLinesWhenClosed() throws Exception {
        List<String> sent = new ArrayList<>();
        ClickLogWriter.Status status;
        try (ClickLogWriter writer = start(16 * 1024, Duration.ofHours(1))) {
            // Until two files came from spares (or a limit, for a very slow disk): each file holds ~6 batches.
            for (int b = 0; b < 60 || (writer.status().filesPreallocated() < 2 && b < 2000); b++) {
                List<TrackingEvent> batch = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String recipient = "R" + b + "-" + i;
                    sent.add(recipient);
                    batch.add(TestEvents.click(recipient));
                }
                assertThat(writer.writeNow(batch)).isTrue();
                Thread.sleep(5); // time for the background thread to fill the next spare, as between real batches
            }
            status = writer.status();
        }
        assertThat(status.filesPreallocated()).as("files opened from a zero-filled spare").isPositive();
        List<Path> closed = ClickLogFiles.list(dir, LogFileNames.CLOSED_SUFFIX);
        assertThat(closed).hasSizeGreaterThan(5);
        for (Path file : closed) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes).as("%s is cut to its lines", file.getFileName()).doesNotContain((byte) 0);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).endsWith("\r\n");
        }
        assertThat(ClickLogFiles.readAllClosed(dir))
                .extracting(e -> ((ClickLogReader.Entry.Event) e).event().recipient())
                .containsExactlyElementsOf(sent);
        try (var left = Files.list(dir)) {
            assertThat(left.map(f -> f.getFileName().toString()))
                    .as("no open file and no spare left after close").allMatch(n -> n.endsWith(LogFileNames.CLOSED_SUFFIX));
        }
    }

    @Test
    void aZeroFilledFileLeftOpenByACrashKeepsEveryDurableLineAndNoZeros() throws Exception {
        List<String> durable = new ArrayList<>();
        Path crashed = Files.createDirectory(dir.resolve("after-crash"));
        try (ClickLogWriter writer = ClickLogWriter.start(new ClickLogWriter.Settings(dir.resolve("log"), "node-1",
                16 * 1024, Duration.ofHours(1), true), Clock.systemUTC())) {
            Path open = null;
            for (int b = 0; b < 5000 && open == null; b++) {
                String recipient = "R" + b;
                assertThat(writer.writeNow(List.of(TestEvents.click(recipient)))).isTrue();
                durable.add(recipient);
                Thread.sleep(2);
                Path current = dir.resolve("log").resolve(writer.status().openFile());
                if (writer.status().filesPreallocated() > 0 && endsWithZero(current)) {
                    open = current;
                }
            }
            assertThat(open).as("a zero-filled file was open").isNotNull();
            // What the disk holds when the process dies now: every file as it is, the open one with its zeros.
            try (var files = Files.list(dir.resolve("log"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, crashed.resolve(file.getFileName()));
                }
            }
        }

        ClickLogWriter.start(new ClickLogWriter.Settings(crashed, "node-1", 16 * 1024, Duration.ofHours(1), true),
                Clock.systemUTC()).close();

        assertThat(ClickLogFiles.list(crashed, LogFileNames.OPEN_SUFFIX)).isEmpty();
        assertThat(ClickLogFiles.list(crashed, LogFileNames.TORN_SUFFIX)).as("zeros are not a torn line").isEmpty();
        for (Path file : ClickLogFiles.list(crashed, LogFileNames.CLOSED_SUFFIX)) {
            assertThat(Files.readAllBytes(file)).as("%s", file.getFileName()).doesNotContain((byte) 0);
        }
        assertThat(ClickLogFiles.readAllClosed(crashed))
                .extracting(e -> ((ClickLogReader.Entry.Event) e).event().recipient())
                .containsExactlyElementsOf(durable);
    }

    private static boolean endsWithZero(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length > 0 && bytes[bytes.length - 1] == 0;
    }

    @Test
    void writesAfterCloseAreReportedNotDurable() throws Exception {
        ClickLogWriter writer = start(64 << 20, Duration.ofHours(1));
        writer.close();

        assertThat(appendAndWait(writer, TestEvents.click("late"))).isFalse();
        assertThat(writer.status().eventsLost()).isEqualTo(1);
    }
}

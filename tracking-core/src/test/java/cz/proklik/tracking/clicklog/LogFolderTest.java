package cz.proklik.tracking.clicklog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 19.3 (one writer per node and folder) and 19.5 (a deleted or unmounted folder). */
class LogFolderTest {
    @TempDir
    Path dir;

    private ClickLogWriter start(Path logDir, String node) throws IOException {
        return ClickLogWriter.start(new ClickLogWriter.Settings(logDir, node, 1 << 20, Duration.ofHours(1), true),
                Clock.systemUTC());
    }

    @Test
    void aSecondWriterOfTheSameNodeAndFolderIsRefusedAndTheFirstKeepsItsOpenFile() throws Exception {
        Path logDir = dir.resolve("log");
        try (ClickLogWriter first = start(logDir, "node-1")) {
            assertThat(first.writeNow(List.of(TestEvents.click("R1")))).isTrue();
            String open = first.status().openFile();

            assertThatThrownBy(() -> start(logDir, "node-1")).isInstanceOf(NodeLockedException.class)
                    .hasMessageContaining("another process is writing the click log of this node");

            assertThat(logDir.resolve(open)).as("not 'recovered' under the first writer").exists();
            assertThat(first.writeNow(List.of(TestEvents.click("R2")))).isTrue();
            try (ClickLogWriter otherNode = start(logDir, "node-2")) {
                assertThat(otherNode.status().healthy()).as("another node id shares the folder").isTrue();
            }
        }
        assertThat(ClickLogFiles.readAllClosed(logDir)).extracting(e -> ((ClickLogReader.Entry.Event) e).event().recipient())
                .containsExactly("R1", "R2");
        try (ClickLogWriter again = start(logDir, "node-1")) {
            assertThat(again.status().healthy()).as("the lock ends with the writer").isTrue();
        }
        try (Stream<Path> left = Files.list(logDir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".lock"));
        }
    }

    @Test
    void aBatchFsyncedIntoADeletedFolderIsLostNotDurableAndWritingResumesWhenTheFolderIsBack() throws Exception {
        Path logDir = dir.resolve("log");
        try (ClickLogWriter writer = start(logDir, "node-1")) {
            assertThat(writer.writeNow(List.of(TestEvents.click("R1"), TestEvents.click("R2")))).isTrue();

            deleteTree(logDir); // an operator's rm -rf, or the volume gone

            assertThat(writer.writeNow(List.of(TestEvents.click("R3")))).as("fsynced into a deleted file").isFalse();
            ClickLogWriter.Status gone = writer.status();
            assertThat(gone.healthy()).isFalse();
            assertThat(gone.eventsLost()).isEqualTo(1);
            assertThat(gone.eventsInVanishedFiles()).as("R1, R2 were durable in the file now gone").isEqualTo(2);
            assertThat(gone.lastError()).isEqualTo("the click-log folder is gone or was replaced")
                    .doesNotContain(logDir.toString());
            assertThat(writer.writeNow(List.of(TestEvents.click("R4")))).isFalse();
            assertThat(logDir).as("never created again by the writer: it may be an unmounted volume").doesNotExist();
            assertThat(writer.status().eventsLost()).isEqualTo(2);

            Files.createDirectories(logDir);
            waitUntil(() -> writer.status().healthy());
            assertThat(writer.writeNow(List.of(TestEvents.click("R5")))).isTrue();
            assertThat(writer.status().eventsWritten() + writer.status().eventsLost()).isEqualTo(5);
        }
        assertThat(ClickLogFiles.readAllClosed(logDir)).extracting(e -> ((ClickLogReader.Entry.Event) e).event().recipient())
                .containsExactly("R5");
    }

    @Test
    void anIdleWriterNoticesItsFolderGoneAndBackByItself() throws Exception {
        Path logDir = dir.resolve("log");
        try (ClickLogWriter writer = start(logDir, "node-1")) {
            Files.move(logDir, dir.resolve("elsewhere"));
            waitUntil(() -> !writer.status().healthy());
            assertThat(writer.status().eventsLost()).isZero();

            Files.createDirectories(logDir);
            waitUntil(() -> writer.status().healthy());
            assertThat(logDir.resolve("proklik-node-1.lock")).as("the returned folder is locked for this node")
                    .exists();
            assertThatThrownBy(() -> start(logDir, "node-1")).isInstanceOf(NodeLockedException.class);
        }
    }

    @Test
    void whatThisNodeLeftOpenInAFolderThatReturnsIsRecovered() throws Exception {
        Path logDir = dir.resolve("log");
        Path away = dir.resolve("unmounted");
        try (ClickLogWriter writer = start(logDir, "node-1")) {
            assertThat(writer.writeNow(List.of(TestEvents.click("R1")))).isTrue();
            Files.move(logDir, away); // the volume goes, with the open file on it
            waitUntil(() -> !writer.status().healthy());
            Files.move(away, logDir); // and comes back
            waitUntil(() -> writer.status().healthy());
            assertThat(ClickLogFiles.list(logDir, LogFileNames.OPEN_SUFFIX)).as("recovered on return").isEmpty();
            assertThat(writer.writeNow(List.of(TestEvents.click("R2")))).isTrue();
        }
        assertThat(ClickLogFiles.readAllClosed(logDir)).extracting(e -> ((ClickLogReader.Entry.Event) e).event().recipient())
                .containsExactly("R1", "R2");
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("within 10 s").isTrue();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package cz.proklik.tracking.clicklog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SpareFileTest {
    @TempDir
    Path dir;

    private final ExecutorService filler = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopFiller() throws InterruptedException {
        filler.shutdown();
        assertThat(filler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private static OptionalLong moveWhenReady(SpareFile spare, Path target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        OptionalLong moved = spare.moveTo(target);
        while (moved.isEmpty() && System.nanoTime() < deadline && !Files.exists(target)) {
            Thread.sleep(5);
            moved = spare.moveTo(target);
        }
        return moved;
    }

    @Test
    void aPreparedSpareIsZeroFilledAndMovedToTheNextFilesName() throws Exception {
        Path target = dir.resolve("next.csv.open");
        SpareFile spare = new SpareFile(dir, "node-1", filler, 0);
        spare.prepare(3 * 1024 * 1024 + 100);
        OptionalLong moved = moveWhenReady(spare, target);

        assertThat(moved).hasValue(3 * 1024 * 1024 + 100);
        assertThat(Files.readAllBytes(target)).hasSize(3 * 1024 * 1024 + 100).containsOnly(0);
        assertThat(SpareFile.pathFor(dir, "node-1")).doesNotExist();
        assertThat(spare.moveTo(dir.resolve("after.csv.open"))).as("a spare is used once").isEmpty();
    }

    @Test
    void noSpareIsMadeWhenItWouldLeaveTooLittleDiskFree() throws Exception {
        SpareFile spare = new SpareFile(dir, "node-1", filler, Long.MAX_VALUE / 4);
        spare.prepare(64 * 1024);
        // A 64 KiB fill takes milliseconds; for a second, none may appear.
        for (int i = 0; i < 100; i++) {
            assertThat(spare.moveTo(dir.resolve("next.csv.open"))).isEmpty();
            assertThat(SpareFile.pathFor(dir, "node-1")).doesNotExist();
            Thread.sleep(10);
        }
        assertThat(dir.resolve("next.csv.open")).doesNotExist();
    }

    @Test
    void anUnusedSpareIsDiscardedOnceTheFillerStopped() throws Exception {
        SpareFile spare = new SpareFile(dir, "node-1", filler, 0);
        spare.prepare(64 * 1024);
        stopFiller();
        assertThat(SpareFile.pathFor(dir, "node-1")).as("filled, not taken").exists();
        spare.discard();
        assertThat(SpareFile.pathFor(dir, "node-1")).doesNotExist();
    }
}

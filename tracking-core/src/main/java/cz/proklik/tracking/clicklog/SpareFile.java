package cz.proklik.tracking.clicklog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * The writer's next click-log file, zero-filled and fsynced ahead of time on a background thread.
 *
 * <p>Why: an fdatasync after an append must also write the inode, because the file grew; after writing over blocks
 * that are already allocated and written, it writes only the data. On the bench machine's disk that took an 11 KB
 * commit's fdatasync from ~210 to ~125 µs and its CPU from ~88 to ~57 µs (bench/fsync-latency.sh), and every
 * request of a batch waits for it. Databases zero-fill their write-ahead log segments for the same reason.
 *
 * <p>The writer renames a ready spare to its next file's name instead of creating an empty file, overwrites it from
 * the start, and cuts it to the length of its lines when it closes it. A crash leaves the zeros behind the last line;
 * {@link OpenFileRecovery} drops them. The spare's own name is no click-log name, so nothing ever imports it.
 */
final class SpareFile {
    private static final Logger LOG = LoggerFactory.getLogger(SpareFile.class);
    /** Smaller spares are not worth a file: a quiet node's file rarely holds more. */
    static final long MIN_BYTES = 64 * 1024;
    private static final String SUFFIX = ".csv.spare";
    /** Free space a spare must leave on the disk: the open file's own lines come first (/health warns at 100 MiB). */
    static final long KEEP_FREE_BYTES = 256L << 20;
    private static final int ZEROS = 256 * 1024;
    private static final long SYNC_EVERY = 1024 * 1024;

    private final Path path;
    private final long keepFreeBytes;
    private final ExecutorService filler;
    /** The spare being filled or filled already; null when there is none. Guarded by this. */
    private Future<Long> spare;

    /** @param filler the thread that fills spares; the writer's background thread for its files */
    SpareFile(Path dir, String node, ExecutorService filler) {
        this(dir, node, filler, KEEP_FREE_BYTES);
    }

    SpareFile(Path dir, String node, ExecutorService filler, long keepFreeBytes) {
        this.path = pathFor(dir, node);
        this.filler = filler;
        this.keepFreeBytes = keepFreeBytes;
    }

    static Path pathFor(Path dir, String node) {
        return dir.resolve("proklik-" + node + SUFFIX);
    }

    /** A spare a stopped or crashed run of this node left: never written to, so nothing to keep. */
    static void deleteLeftover(Path dir, String node) throws IOException {
        Files.deleteIfExists(pathFor(dir, node));
    }

    /** Starts zero-filling a spare of {@code bytes} unless one is ready or being filled. Never blocks. */
    synchronized void prepare(long bytes) {
        if (spare == null) {
            try {
                spare = filler.submit(() -> fill(bytes));
            } catch (RejectedExecutionException closed) {
                // The writer is closing: no next file will need it.
            }
        }
    }

    /**
     * Moves the spare to {@code target} if it is filled; returns its size then, or nothing when no spare is ready
     * (a fill still running is left to finish, for the next file).
     */
    synchronized OptionalLong moveTo(Path target) {
        if (spare == null || !spare.isDone()) {
            return OptionalLong.empty();
        }
        Future<Long> done = spare;
        spare = null;
        try {
            long bytes = done.get();
            if (bytes == 0) {
                return OptionalLong.empty(); // the disk had no room for one
            }
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
            return OptionalLong.of(bytes);
        } catch (ExecutionException | IOException e) {
            LOG.warn("No zero-filled spare for {}; it is created empty", target.getFileName(),
                    e instanceof ExecutionException ? e.getCause() : e);
            deleteQuietly();
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** Removes a spare nobody took. Call once the filler has stopped, so that no fill is still writing it. */
    synchronized void discard() {
        spare = null;
        deleteQuietly();
    }

    /** Zero-fills the spare and returns its size, or 0 without creating it when the disk is too full for it. */
    private long fill(long bytes) throws IOException {
        if (Files.getFileStore(path.getParent()).getUsableSpace() - bytes < keepFreeBytes) {
            LOG.info("No zero-filled spare click-log file: less than {} MiB would be left free", keepFreeBytes >> 20);
            return 0;
        }
        ByteBuffer zeros = ByteBuffer.allocateDirect(ZEROS);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long at = 0;
            while (at < bytes) {
                zeros.clear().limit((int) Math.min(ZEROS, bytes - at));
                at += channel.write(zeros, at);
                if (at % SYNC_EVERY == 0) {
                    // Small syncs as it goes: a single writeback of the whole spare would queue the IO thread's
                    // group-commit fdatasyncs behind tens of MiB on the same disk.
                    channel.force(false);
                }
            }
            // Size and block allocation on disk now, so that the writer's fdatasyncs have only data left to write.
            channel.force(true);
        }
        return bytes;
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Could not remove the spare click-log file {}", path, e);
        }
    }
}

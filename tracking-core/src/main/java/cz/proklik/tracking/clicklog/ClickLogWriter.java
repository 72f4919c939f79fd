package cz.proklik.tracking.clicklog;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import cz.proklik.tracking.event.TrackingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends events to the click log with group commit: one writer thread takes every event that arrived together,
 * writes them with one write and one fdatasync, and only then tells each caller its event is durable. Callers are
 * never blocked; they get a {@link Completion} call from the writer thread.
 *
 * <p>If the disk fails, the callers are told "not durable" (they still answer their client), the events are
 * counted as lost, the broken file is closed, and the next batch starts a fresh one.
 *
 * <p>With fsync on, each next file is a zero-filled {@link SpareFile} prepared while the current one fills, so that
 * the group commits' fdatasyncs overwrite allocated blocks instead of growing the file.
 */
public final class ClickLogWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickLogWriter.class);
    private static final int MAX_BATCH = 4096;
    private static final long IDLE_POLL_MILLIS = 1000;
    /** While the disk fails, a new file is tried at most this often; batches in between are lost at once. */
    private static final long RETRY_AFTER_FAILURE_MILLIS = 1000;

    /** Called exactly once per appended event, on the writer thread; must not block. */
    @FunctionalInterface
    public interface Completion {
        void done(boolean durable);
    }

    public record Settings(Path dir, String node, long rotateBytes, Duration rotateInterval, boolean fsync) {
        public Settings {
            Objects.requireNonNull(dir, "dir");
            if (!ClickLogFormat.isNodeId(node)) {
                throw new IllegalArgumentException("node id must be 1-64 of [A-Za-z0-9_-]: " + node);
            }
            if (rotateBytes < 1024) {
                throw new IllegalArgumentException("rotate size must be at least 1 KiB");
            }
            if (rotateInterval.isNegative() || rotateInterval.isZero()) {
                throw new IllegalArgumentException("rotate interval must be positive");
            }
        }
    }

    public record Status(boolean healthy, long eventsWritten, long eventsLost, long batches, long filesClosed,
                         long filesPreallocated, String openFile, String lastError, int queued) {
    }

    private record Pending(TrackingEvent event, Completion completion) {
    }

    private static final Pending STOP = new Pending(null, durable -> { });

    private final Settings settings;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong filesClosed = new AtomicLong();
    private final AtomicLong filesPreallocated = new AtomicLong();
    private volatile boolean healthy = true;
    private volatile boolean closing;
    private volatile boolean stopped;
    private volatile String lastError = "";
    private volatile Path currentPath;

    // File state, shared by the writer thread and writeNow callers: only touched while holding fileLock.
    private final java.util.concurrent.locks.ReentrantLock fileLock = new java.util.concurrent.locks.ReentrantLock();
    private FileChannel channel;
    private long fileBytes;
    private boolean spareRequested;
    /**
     * Zero-fills spares and closes full files, in that order of asking: work the threads that answer requests must
     * not wait for (closing a file fsyncs it, renames it and fsyncs the folder).
     */
    private final ExecutorService fileWork = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "click-log-files");
        t.setDaemon(true);
        return t;
    });
    private final SpareFile spare;
    private long fileSeq;
    /** Encodes under fileLock, like every other use of the open file. */
    private final LineEncoder encoder = new LineEncoder();
    private long openedAtMillis;
    private int fileCounter;
    private long retryAfterMillis;

    private ClickLogWriter(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.spare = new SpareFile(settings.dir(), settings.node(), fileWork);
        this.thread = new Thread(this::run, "click-log-writer");
        this.thread.setDaemon(false);
    }

    /**
     * Creates the folder, closes what a crash of this node left open (see {@link OpenFileRecovery}), and starts
     * the writer thread.
     */
    public static ClickLogWriter start(Settings settings, Clock clock) throws IOException {
        Files.createDirectories(settings.dir());
        OpenFileRecovery.closeLeftovers(settings.dir(), settings.node());
        SpareFile.deleteLeftover(settings.dir(), settings.node());
        ClickLogWriter writer = new ClickLogWriter(settings, clock);
        writer.thread.start();
        return writer;
    }

    public void append(TrackingEvent event, Completion completion) {
        Pending pending = new Pending(Objects.requireNonNull(event), Objects.requireNonNull(completion));
        if (closing) {
            fail(List.of(pending));
            return;
        }
        queue.add(pending);
        // The writer may have made its last drain between our check and our add: then nobody else will.
        if (stopped && queue.remove(pending)) {
            fail(List.of(pending));
        }
    }

    public Status status() {
        Path open = currentPath;
        return new Status(healthy, written.get(), lost.get(), batches.get(), filesClosed.get(),
                filesPreallocated.get(), open == null ? "" : open.getFileName().toString(), lastError, queue.size());
    }

    public Settings settings() {
        return settings;
    }

    /** Writes what is queued, closes the open file (fsync, rename to .csv) and stops the writer thread. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        try {
            boolean stop = false;
            while (!stop) {
                Pending first = queue.poll(pollMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    rotateIfDue();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                stop = batch.removeIf(p -> p == STOP);
                writeBatch(batch);
                batch.clear();
            }
            while (queue.drainTo(batch, MAX_BATCH) > 0) {
                writeBatch(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("Click-log writer died", e);
            lastError = e.toString();
            healthy = false;
            fail(batch);
        } finally {
            fileLock.lock();
            try {
                closeCurrentFile();
                stopped = true;
            } finally {
                fileLock.unlock();
            }
            fileWork.shutdown(); // what was asked still runs: the last file is closed before close() returns
            try {
                if (!fileWork.awaitTermination(60, TimeUnit.SECONDS)) {
                    LOG.warn("Click-log files still being closed after 60 s; the next start recovers what is left open");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            spare.discard();
            List<Pending> rest = new ArrayList<>();
            queue.drainTo(rest);
            rest.removeIf(p -> p == STOP);
            fail(rest);
        }
    }

    private long pollMillis() {
        if (channel == null) {
            return IDLE_POLL_MILLIS;
        }
        long due = openedAtMillis + settings.rotateInterval().toMillis() - clock.millis();
        return Math.max(1, Math.min(due, IDLE_POLL_MILLIS));
    }

    private void rotateIfDue() {
        fileLock.lock();
        try {
            if (channel != null && clock.millis() - openedAtMillis >= settings.rotateInterval().toMillis()) {
                closeCurrentFile();
            }
        } finally {
            fileLock.unlock();
        }
    }

    private void writeBatch(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<TrackingEvent> events = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            events.add(p.event());
        }
        complete(batch, writeNow(events));
    }

    /**
     * Writes the events on the caller's thread with one write and one fdatasync, and returns only then: true when
     * they are durable, false when they could not be written (then they are counted as lost). This is group commit
     * for a caller that batches by itself, such as an IO thread that collected one event-loop turn of requests;
     * it shares the open file, its rotation and its counters with {@link #append}.
     */
    public boolean writeNow(List<TrackingEvent> events) {
        if (events.isEmpty()) {
            return true;
        }
        fileLock.lock();
        try {
            if (stopped) {
                lost.addAndGet(events.size());
                return false;
            }
            return writeLocked(events);
        } finally {
            fileLock.unlock();
        }
    }

    private boolean writeLocked(List<TrackingEvent> events) {
        if (!healthy && channel == null && clock.millis() < retryAfterMillis) {
            lost.addAndGet(events.size());
            return false;
        }
        try {
            if (channel != null && (fileBytes >= settings.rotateBytes()
                    || clock.millis() - openedAtMillis >= settings.rotateInterval().toMillis())) {
                closeCurrentFile();
            }
            if (channel == null) {
                openNewFile();
            }
            ByteBuffer bytes = encode(events);
            long at = fileBytes;
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
            if (settings.fsync()) {
                channel.force(false);
            }
            fileBytes = at;
            written.addAndGet(events.size());
            batches.incrementAndGet();
            if (!healthy) {
                LOG.info("Click log is writing again");
            }
            healthy = true;
            prepareSpareWhenHalfwayThrough();
            return true;
        } catch (IOException | RuntimeException e) {
            lost.addAndGet(events.size());
            healthy = false;
            lastError = e.toString();
            retryAfterMillis = clock.millis() + RETRY_AFTER_FAILURE_MILLIS;
            LOG.error("Could not write {} click-log events; they are counted as lost", events.size(), e);
            abandonCurrentFile();
            return false;
        }
    }

    /** The batch's lines, numbered on from the file's last line; the buffer is the encoder's, reused by the next batch. */
    private ByteBuffer encode(List<TrackingEvent> events) {
        ByteBuffer bytes = encoder.encode(events, fileSeq + 1);
        fileSeq += events.size();
        return bytes;
    }

    /**
     * Once the open file is half full or half its time is up, the next file is zero-filled in the background, about
     * as large as this one will grow (SpareFile says why). A file that outgrows its spare goes on by appending.
     */
    private void prepareSpareWhenHalfwayThrough() {
        if (spareRequested || !settings.fsync()) {
            return;
        }
        long interval = settings.rotateInterval().toMillis();
        long age = clock.millis() - openedAtMillis;
        boolean halfFull = fileBytes >= settings.rotateBytes() / 2;
        if (halfFull || age >= interval / 2) {
            long expected = halfFull ? settings.rotateBytes() : fileBytes * interval / Math.max(1, age);
            spare.prepare(Math.min(settings.rotateBytes(), Math.max(SpareFile.MIN_BYTES, expected + expected / 4)));
            spareRequested = true;
        }
    }

    private void openNewFile() throws IOException {
        Files.createDirectories(settings.dir());
        Instant now = clock.instant();
        FileChannel opened = null;
        Path path = null;
        boolean fromSpare = false;
        while (opened == null) {
            path = settings.dir().resolve(LogFileNames.openName(settings.node(), now, ++fileCounter));
            if (Files.exists(path)) {
                continue; // same millisecond as an earlier run of this node: the counter moves on
            }
            OptionalLong spareBytes = spare.moveTo(path);
            try {
                if (spareBytes.isPresent()) {
                    opened = FileChannel.open(path, StandardOpenOption.WRITE);
                    fromSpare = true;
                } else {
                    opened = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                }
            } catch (FileAlreadyExistsException taken) {
                // Created between our look and our open, by another process with this node id: the counter moves on.
            }
        }
        try {
            StringWriter text = new StringWriter();
            try (ICSVWriter csv = new CSVWriter(text, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.NO_QUOTE_CHARACTER,
                    ICSVWriter.NO_ESCAPE_CHARACTER, ClickLogFormat.LINE_END)) {
                csv.writeNext(ClickLogFormat.HEADER, false);
            }
            ByteBuffer header = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            fileBytes = header.remaining();
            while (header.hasRemaining()) {
                opened.write(header, header.position());
            }
            // The name must survive a power cut too, or the fsynced lines would sit in a nameless inode.
            Durable.syncDirectory(settings.dir());
        } catch (IOException e) {
            opened.close();
            Files.deleteIfExists(path);
            throw e;
        }
        channel = opened;
        currentPath = path;
        fileSeq = 0;
        openedAtMillis = now.toEpochMilli();
        spareRequested = false;
        if (fromSpare) {
            filesPreallocated.incrementAndGet();
        }
    }

    /** Hands the open file to the background thread to be closed; the next batch opens a new one meanwhile. */
    private void closeCurrentFile() {
        if (channel == null) {
            return;
        }
        FileChannel closing = channel;
        Path open = currentPath;
        long length = fileBytes;
        channel = null;
        currentPath = null;
        try {
            fileWork.execute(() -> finishClosing(closing, open, length));
        } catch (RejectedExecutionException stopped) {
            finishClosing(closing, open, length);
        }
    }

    /**
     * Cuts the file to its lines (a spare's zeros they did not reach; FileChannel.truncate does nothing to a file no
     * longer than that), fsyncs, closes, renames to .csv and fsyncs the folder.
     */
    private void finishClosing(FileChannel closing, Path open, long length) {
        try {
            closing.truncate(length);
            closing.force(true);
            closing.close();
            Durable.rename(open, LogFileNames.closedPathOf(open));
            filesClosed.incrementAndGet();
        } catch (IOException e) {
            // Its lines were fsynced already; the file stays .open and the next start of this node recovers it.
            lastError = e.toString();
            LOG.error("Could not close click-log file {}; it is left for recovery at the next start", open, e);
            try {
                closing.close();
            } catch (IOException ignored) {
                // already reported above
            }
        }
    }

    /** After a failed write: keep the lines that were durable, close the file, start afresh next time. */
    private void abandonCurrentFile() {
        if (channel == null) {
            return;
        }
        try {
            channel.truncate(fileBytes);
        } catch (IOException e) {
            LOG.warn("Could not cut the failed batch off {}", currentPath, e);
        }
        closeCurrentFile();
    }

    private void complete(List<Pending> batch, boolean durable) {
        for (Pending p : batch) {
            try {
                p.completion().done(durable);
            } catch (RuntimeException e) {
                LOG.error("A click-log completion failed", e);
            }
        }
    }

    private void fail(List<Pending> pending) {
        if (!pending.isEmpty()) {
            lost.addAndGet(pending.size());
            complete(pending, false);
        }
    }
}

package cz.proklik.tracking.clicklog;

import cz.proklik.tracking.event.TrackingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The click log of one node, as the redirect page writes it. What runs:
 *
 * <ul>
 *   <li><b>{@link #writeNow}</b>, on the caller's thread: the caller's batch (the redirect page's IO thread brings
 *   every request of one event-loop turn) is encoded, written with one write and one fdatasync, and counted; the call
 *   returns only then. That is the group commit: many requests, one fsync. A full or old file is closed first and a
 *   new one opened when there is none.</li>
 *   <li><b>The {@code click-log-files} thread</b> does what the answering threads must not wait for: it zero-fills the
 *   next file ahead ({@link SpareFile}), closes full files (cut, fsync, rename to {@code .csv}, folder fsync), and
 *   closes a file whose age is up, by a task scheduled for that moment when the file is opened.</li>
 *   <li><b>A folder tick</b> on that thread, once a second: is the folder still the one locked ({@link LogFolder})?
 *   When it is gone, the writer turns unhealthy; when a folder is back at its path, the writer locks it, recovers
 *   what this node left open there, and writes again.</li>
 *   <li><b>{@link #close}</b> closes the open file, returns once every file is closed, and releases the node's lock.</li>
 * </ul>
 *
 * <p>If the disk fails, {@code writeNow} returns false (the caller still answers its client), the events are counted
 * as lost, the broken file is closed, and a fresh one is tried at most once a second. Each batch is also checked,
 * after its fsync, to have gone into a file still in the folder: a batch fsynced into a deleted file is lost, not
 * durable, and the lines that file held before are counted as {@code eventsInVanishedFiles}. The folder is created
 * at start only, never later: a folder that is gone may be an unmounted volume, whose empty mount point must not
 * fill up instead.
 */
public final class ClickLogWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickLogWriter.class);
    /** While the disk fails, a new file is tried at most this often; batches in between are lost at once. */
    private static final long RETRY_AFTER_FAILURE_MILLIS = 1000;
    /** How often the folder is checked to be the one locked, and a returned one taken back. */
    private static final long FOLDER_TICK_MILLIS = 1000;

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

    /**
     * @param eventsInVanishedFiles lines that were durable in a file whose folder then went away (deleted, moved,
     *                              unmounted): lost to the import unless someone puts the file back
     * @param lastError             what went wrong last, in words and the exception's type; never a path or message
     */
    public record Status(boolean healthy, long eventsWritten, long eventsLost, long batches, long filesClosed,
                         long filesPreallocated, String openFile, String lastError, long eventsInVanishedFiles) {
    }

    private final Settings settings;
    private final Clock clock;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong filesClosed = new AtomicLong();
    private final AtomicLong filesPreallocated = new AtomicLong();
    private final AtomicLong vanished = new AtomicLong();
    private volatile boolean healthy = true;
    private volatile String lastError = "";
    private volatile Path currentPath;

    /** Zero-fills spares, closes full files and runs the age ticks, in that order of asking. */
    private final ScheduledThreadPoolExecutor fileWork;
    private final SpareFile spare;
    private final LogFolder folder;

    // Shared by writeNow callers and the age tick: only touched while holding fileLock.
    private final ReentrantLock fileLock = new ReentrantLock();
    private final LineEncoder encoder = new LineEncoder();
    private final int[] fileCounter = {0};
    private LogFile file;
    private ScheduledFuture<?> ageTick;
    private boolean spareRequested;
    private boolean stopped;
    private volatile boolean folderGone;
    private long retryAfterMillis;

    private ClickLogWriter(Settings settings, Clock clock, LogFolder folder) {
        this.settings = settings;
        this.clock = clock;
        this.folder = folder;
        this.fileWork = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "click-log-files");
            t.setDaemon(true);
            return t;
        });
        fileWork.setRemoveOnCancelPolicy(true);
        this.spare = new SpareFile(settings.dir(), settings.node(), fileWork);
        fileWork.scheduleWithFixedDelay(this::checkFolder, FOLDER_TICK_MILLIS, FOLDER_TICK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Creates the folder, takes the node's lock in it, and closes what a crash of this node left open (see
     * {@link OpenFileRecovery}).
     *
     * @throws NodeLockedException when another writer holds this node's lock in this folder
     */
    public static ClickLogWriter start(Settings settings, Clock clock) throws IOException {
        LogFolder folder = LogFolder.lock(settings.dir(), settings.node());
        try {
            OpenFileRecovery.closeLeftovers(settings.dir(), settings.node());
            SpareFile.deleteLeftover(settings.dir(), settings.node());
            return new ClickLogWriter(settings, clock, folder);
        } catch (IOException | RuntimeException e) {
            folder.release();
            throw e;
        }
    }

    public Status status() {
        Path open = currentPath;
        return new Status(healthy && !folderGone, written.get(), lost.get(), batches.get(), filesClosed.get(),
                filesPreallocated.get(), open == null ? "" : open.getFileName().toString(), lastError,
                vanished.get());
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Writes the events on the caller's thread with one write and one fdatasync, and returns only then: true when
     * they are durable, false when they could not be written (then they are counted as lost).
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

    /** Closes the open file (fsync, rename to .csv) and returns once it and every file before it is closed. */
    @Override
    public void close() {
        fileLock.lock();
        try {
            if (stopped) {
                return;
            }
            stopped = true;
            closeCurrentFile();
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
        folder.release();
    }

    private boolean writeLocked(List<TrackingEvent> events) {
        if (!healthy && file == null && clock.millis() < retryAfterMillis || folderGone && !takeBackFolder()) {
            lost.addAndGet(events.size());
            return false;
        }
        try {
            if (file != null && (file.bytes >= settings.rotateBytes() || ageIsUp())) {
                closeCurrentFile();
            }
            if (file == null) {
                openNewFile();
            }
            ByteBuffer lines = encoder.encode(events, file.seq + 1);
            file.append(lines, events.size(), settings.fsync());
            if (!file.isStillThere()) {
                folderWentAway(events.size());
                return false;
            }
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
            lastError = describe("could not write the click log", e);
            retryAfterMillis = clock.millis() + RETRY_AFTER_FAILURE_MILLIS;
            LOG.error("Could not write {} click-log events; they are counted as lost", events.size(), e);
            abandonCurrentFile();
            return false;
        }
    }

    private boolean ageIsUp() {
        return clock.millis() - file.openedAtMillis >= settings.rotateInterval().toMillis();
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
        long age = clock.millis() - file.openedAtMillis;
        boolean halfFull = file.bytes >= settings.rotateBytes() / 2;
        if (halfFull || age >= interval / 2) {
            long expected = halfFull ? settings.rotateBytes() : file.bytes * interval / Math.max(1, age);
            spare.prepare(Math.min(settings.rotateBytes(), Math.max(SpareFile.MIN_BYTES, expected + expected / 4)));
            spareRequested = true;
        }
    }

    private void openNewFile() throws IOException {
        file = LogFile.open(settings.dir(), settings.node(), clock.instant(), fileCounter, spare);
        currentPath = file.path;
        spareRequested = false;
        if (file.fromSpare) {
            filesPreallocated.incrementAndGet();
        }
        LogFile opened = file;
        try {
            ageTick = fileWork.schedule(() -> closeIfStillOpen(opened),
                    settings.rotateInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            ageTick = null; // close() is under way and closes this file itself
        }
    }

    /** The age tick: on the background thread, when {@code due}'s time is up, unless it was closed already. */
    private void closeIfStillOpen(LogFile due) {
        fileLock.lock();
        try {
            if (file == due) {
                closeCurrentFile();
            }
        } finally {
            fileLock.unlock();
        }
    }

    /** Hands the open file to the background thread to be closed; the next batch opens a new one meanwhile. */
    private void closeCurrentFile() {
        if (file == null) {
            return;
        }
        LogFile closing = file;
        file = null;
        currentPath = null;
        if (ageTick != null) {
            ageTick.cancel(false);
            ageTick = null;
        }
        try {
            fileWork.execute(() -> finishClosing(closing));
        } catch (RejectedExecutionException stopped) {
            finishClosing(closing);
        }
    }

    private void finishClosing(LogFile closing) {
        try {
            closing.close();
            filesClosed.incrementAndGet();
        } catch (IOException e) {
            // Its lines were fsynced already; the file stays .open and the next start of this node recovers it.
            lastError = describe("could not close a click-log file", e);
            LOG.error("Could not close click-log file {}; it is left for recovery at the next start", closing.path, e);
        }
    }

    /**
     * The folder tick: notices a folder that went away while no batch came to notice it, and takes back one that
     * returned, so that /health turns 503 and back to 200 by itself (a load balancer sends no clicks to a node it
     * took out).
     */
    private void checkFolder() {
        fileLock.lock();
        try {
            if (stopped) {
                return;
            }
            if (!folderGone) {
                if (!folder.isTheOneLocked() || file != null && !file.isStillThere()) {
                    folderWentAway(0);
                }
            } else if (clock.millis() >= retryAfterMillis) {
                takeBackFolder();
            }
        } catch (RuntimeException e) {
            LOG.error("Checking the click-log folder failed", e); // the tick must go on
        } finally {
            fileLock.unlock();
        }
    }

    /** The open file's folder is gone: {@code batch} events just fsynced into it are lost, its earlier lines vanished. */
    private void folderWentAway(int batch) {
        lost.addAndGet(batch);
        if (file != null) {
            vanished.addAndGet(file.seq - batch);
            file.closeQuietly();
            file = null;
            currentPath = null;
            if (ageTick != null) {
                ageTick.cancel(false);
                ageTick = null;
            }
        }
        folderGone = true;
        healthy = false;
        lastError = "the click-log folder is gone or was replaced";
        retryAfterMillis = clock.millis() + RETRY_AFTER_FAILURE_MILLIS;
        LOG.error("The click-log folder {} is gone or was replaced; events are lost until it is back", settings.dir());
    }

    /** When a folder is at the path again: lock it, recover what this node left open in it, and write again. */
    private boolean takeBackFolder() {
        if (clock.millis() < retryAfterMillis || !folder.isBack()) {
            return false;
        }
        retryAfterMillis = clock.millis() + RETRY_AFTER_FAILURE_MILLIS;
        try {
            folder.relock();
            OpenFileRecovery.closeLeftovers(settings.dir(), settings.node());
        } catch (IOException | RuntimeException e) {
            lastError = describe("could not take the click-log folder back", e);
            LOG.error("The click-log folder {} is back but cannot be written yet", settings.dir(), e);
            return false;
        }
        folderGone = false;
        healthy = true;
        LOG.info("The click-log folder {} is back; writing again", settings.dir());
        return true;
    }

    /** For /health: what failed and the exception's type, never its message (which may hold paths). */
    private static String describe(String what, Exception e) {
        return e instanceof NodeLockedException ? what + ": another process holds this node's lock"
                : what + " (" + e.getClass().getSimpleName() + ")";
    }

    /** After a failed write: keep the lines that were durable, close the file, start afresh next time. */
    private void abandonCurrentFile() {
        if (file == null) {
            return;
        }
        try {
            file.cutToLines();
        } catch (IOException e) {
            LOG.warn("Could not cut the failed batch off {}", file.path, e);
        }
        closeCurrentFile();
    }
}

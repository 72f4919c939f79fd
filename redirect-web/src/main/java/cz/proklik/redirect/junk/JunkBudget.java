package cz.proklik.redirect.junk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import cz.proklik.redirect.ops.DiskSpace;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Decides, for each rejected request, whether it is logged, only counted, or refused (issue 19.4). Accepted
 * events never pass through here: whatever junk arrives, they keep the disk and the group commit to themselves.
 *
 * <ol>
 *   <li>A client address over its own rate of rejected requests gets {@link Verdict#THROTTLE} (429, nothing
 *   written): one scanner cannot use up the budget of everyone else.</li>
 *   <li>While the disk has less than the reserve free, or the lines or bytes budget of all clients is spent, the
 *   request is answered as usual but {@link Verdict#COUNT}ed only (per reason, in /metrics), except one in
 *   {@code sampleOneIn}, which is still {@link Verdict#LOG}ged so that the log shows what the flood looks like.</li>
 *   <li>Otherwise {@link Verdict#LOG}: written like every event.</li>
 * </ol>
 */
public final class JunkBudget {
    public enum Verdict { LOG, COUNT, THROTTLE }

    /** Free space is asked of the OS at most this often; it does not change faster than that matters. */
    private static final long DISK_CHECK_NANOS = 1_000_000_000L;

    private final JunkLimits limits;
    private final LongSupplier nanoTime;
    private final DiskSpace disk;
    private final TokenBucket lines;
    private final TokenBucket bytes;
    private final Cache<String, TokenBucket> clients;
    private final AtomicLong overBudget = new AtomicLong();
    private volatile long freeBytes;
    private volatile long freeCheckedAt;

    public JunkBudget(JunkLimits limits, DiskSpace disk, LongSupplier nanoTime) {
        this.limits = limits;
        this.disk = disk;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.lines = new TokenBucket(limits.linesPerSecond(), limits.linesPerSecond() * JunkLimits.BURST_SECONDS, now);
        this.bytes = new TokenBucket(limits.bytesPerSecond(), limits.bytesPerSecond() * JunkLimits.BURST_SECONDS, now);
        // Bounded: a flood from many addresses evicts the least recent, never grows the heap without end.
        this.clients = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
        this.freeBytes = disk.freeBytes();
        this.freeCheckedAt = now;
    }

    /** @param lineBytes about how long the rejected line would be */
    public Verdict judge(String client, int lineBytes) {
        long now = nanoTime.getAsLong();
        TokenBucket mine = clients.get(client, c -> new TokenBucket(limits.perClientPerSecond(),
                limits.perClientPerSecond() * JunkLimits.BURST_SECONDS, now));
        if (!mine.tryTake(1, now)) {
            return Verdict.THROTTLE;
        }
        if (diskIsLow(now) || !lines.tryTake(1, now) || !bytes.tryTake(lineBytes, now)) {
            long n = overBudget.incrementAndGet();
            return limits.sampleOneIn() > 0 && n % limits.sampleOneIn() == 0 && !diskIsLow(now)
                    ? Verdict.LOG : Verdict.COUNT;
        }
        return Verdict.LOG;
    }

    private boolean diskIsLow(long now) {
        if (now - freeCheckedAt > DISK_CHECK_NANOS) {
            freeCheckedAt = now;
            freeBytes = disk.freeBytes();
        }
        long free = freeBytes;
        return free >= 0 && free < limits.reserveFreeBytes();
    }
}

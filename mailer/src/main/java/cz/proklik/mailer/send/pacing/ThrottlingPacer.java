package cz.proklik.mailer.send.pacing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The three limits of {@link PacerSettings} together; each gives an earliest instant and the latest of them wins
 * (each limit only ever frees up as time passes, so that instant satisfies all three).
 * <ul>
 * <li>batch: after {@code batchSize} hand-overs the batch is full; the next one may go {@code batchInterval} after
 * the full batch's last hand-over, and starts a new batch;</li>
 * <li>rate: hand-overs at least {@code 1 s / maxPerSecond} apart;</li>
 * <li>domain cap: at most {@code domainCapPerHour} hand-overs to one domain key in any 60 minutes.</li>
 * </ul>
 */
final class ThrottlingPacer implements Pacer {
    static final Duration CAP_WINDOW = Duration.ofHours(1);
    private static final int SWEEP_EVERY = 10_000;

    private final PacerSettings settings;
    private final Clock clock;
    private final long spacingNanos;
    private final Map<String, ArrayDeque<Instant>> recentByKey = new HashMap<>();
    private int inBatch;
    private Instant last;
    private int sinceSweep;

    ThrottlingPacer(PacerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.spacingNanos = settings.maxPerSecond() > 0 ? Math.round(1e9 / settings.maxPerSecond()) : 0;
    }

    @Override
    public synchronized Instant earliest(String domain) {
        return earliestAt(domain, clock.instant());
    }

    @Override
    public synchronized Instant domainEarliest(String domain) {
        Instant now = clock.instant();
        ArrayDeque<Instant> recent = settings.domainCapPerHour() > 0
                ? recentByKey.get(settings.groups().keyOfDomain(domain)) : null;
        return recent == null ? now : capFreesAt(recent, now);
    }

    @Override
    public String capKey(String domain) {
        return settings.groups().keyOfDomain(domain);
    }

    @Override
    public synchronized void handedOver(String domain, Instant at) {
        if (settings.batches()) {
            inBatch = inBatch >= settings.batchSize() ? 1 : inBatch + 1;
        }
        if (last == null || at.isAfter(last)) {
            last = at;
        }
        if (settings.domainCapPerHour() > 0) {
            ArrayDeque<Instant> recent = recentByKey.computeIfAbsent(settings.groups().keyOfDomain(domain),
                    k -> new ArrayDeque<>());
            insertInOrder(recent, at);
            expire(recent, at);
            if (++sinceSweep >= SWEEP_EVERY) {
                sweep(at);
            }
        }
    }

    @Override
    public synchronized boolean tryAcquire(String domain) {
        Instant now = clock.instant();
        if (earliestAt(domain, now).isAfter(now)) {
            return false;
        }
        handedOver(domain, now);
        return true;
    }

    private Instant earliestAt(String domain, Instant now) {
        Instant t = now;
        if (last != null && settings.batches() && inBatch >= settings.batchSize()) {
            t = latest(t, last.plus(settings.batchInterval()));
        }
        if (last != null && spacingNanos > 0) {
            t = latest(t, last.plusNanos(spacingNanos));
        }
        if (settings.domainCapPerHour() > 0) {
            ArrayDeque<Instant> recent = recentByKey.get(settings.groups().keyOfDomain(domain));
            if (recent != null) {
                t = latest(t, capFreesAt(recent, now));
            }
        }
        return t;
    }

    /** The moment fewer than the cap of these hand-overs lie within the last hour. */
    private Instant capFreesAt(ArrayDeque<Instant> recent, Instant now) {
        Instant windowStart = now.minus(CAP_WINDOW);
        int cap = settings.domainCapPerHour();
        int inWindow = 0;
        for (Instant at : recent) {
            if (at.isAfter(windowStart)) {
                inWindow++;
            }
        }
        if (inWindow < cap) {
            return now;
        }
        // The window must lose (inWindow - cap + 1) of its oldest entries: the last of those leaves then.
        int skip = inWindow - cap;
        Iterator<Instant> it = recent.iterator();
        Instant at = null;
        int seen = 0;
        while (it.hasNext()) {
            at = it.next();
            if (!at.isAfter(windowStart)) {
                continue;
            }
            if (seen++ == skip) {
                break;
            }
        }
        return at.plus(CAP_WINDOW);
    }

    private static void insertInOrder(ArrayDeque<Instant> recent, Instant at) {
        if (recent.isEmpty() || !at.isBefore(recent.peekLast())) {
            recent.addLast(at);
            return;
        }
        // Rare: threads reporting out of order, or a replay. Rebuild the short deque in order.
        ArrayDeque<Instant> later = new ArrayDeque<>();
        while (!recent.isEmpty() && at.isBefore(recent.peekLast())) {
            later.addFirst(recent.pollLast());
        }
        recent.addLast(at);
        recent.addAll(later);
    }

    private void expire(ArrayDeque<Instant> recent, Instant now) {
        Instant windowStart = latest(now, last).minus(CAP_WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
            recent.pollFirst();
        }
    }

    private void sweep(Instant now) {
        sinceSweep = 0;
        recentByKey.values().removeIf(recent -> {
            expire(recent, now);
            return recent.isEmpty();
        });
    }

    private static Instant latest(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}

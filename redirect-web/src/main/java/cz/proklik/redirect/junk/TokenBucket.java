package cz.proklik.redirect.junk;

/**
 * A rate with a burst: up to {@code burst} units at once, refilled at {@code perSecond}. Thread-safe; used only on
 * the path of rejected requests, so a lock is cheap enough.
 */
final class TokenBucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    TokenBucket(double perSecond, double burst, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes {@code units} if there are that many; false (taking nothing) otherwise. */
    synchronized boolean tryTake(double units, long nowNanos) {
        if (nowNanos > lastNanos) {
            tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perNano);
            lastNanos = nowNanos;
        }
        if (tokens < units) {
            return false;
        }
        tokens -= units;
        return true;
    }
}

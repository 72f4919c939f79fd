package cz.proklik.mailer.send.pacing;

import java.time.Duration;
import java.util.Objects;

/**
 * Backoff after a temporary failure: retry n (1, 2, ...) waits {@code initialDelay × multiplier^(n-1)}, at most
 * {@code maxDelay}; after {@code maxRetries} retries the next temporary failure fails the recipient.
 */
public record RetrySettings(int maxRetries, Duration initialDelay, double multiplier, Duration maxDelay) {
    public RetrySettings {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more: " + maxRetries);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= initial <= max: " + initialDelay
                    + ", " + maxDelay);
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("retry multiplier must be 1 or more: " + multiplier);
        }
    }

    /** The wait before retry n (1-based). */
    public Duration delayBefore(int retry) {
        double nanos = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
        return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
    }
}

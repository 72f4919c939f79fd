package cz.proklik.mailer.send.pacing;

import java.time.Duration;
import java.util.Objects;

/**
 * The throttle of one send (docs/mailer.md, "Pacing"). A zero turns that limit off.
 *
 * @param batchSize        messages per batch (seed 002: "e-mails sent in one batch"); 0 = no batches
 * @param batchInterval    pause after a full batch, from its last hand-over to the next batch's first
 * @param maxPerSecond     messages per second at most, evenly spaced (1,000 / s = one per millisecond)
 * @param domainCapPerHour messages to one recipient domain or provider group in any hour (a sliding window)
 * @param groups           which domains count as one provider
 */
public record PacerSettings(int batchSize, Duration batchInterval, double maxPerSecond, int domainCapPerHour,
                            DomainGroups groups) {
    public PacerSettings {
        Objects.requireNonNull(batchInterval, "batchInterval");
        Objects.requireNonNull(groups, "groups");
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be 0 (no batches) or more: " + batchSize);
        }
        if (batchInterval.isNegative()) {
            throw new IllegalArgumentException("batch interval must not be negative: " + batchInterval);
        }
        if (!(maxPerSecond >= 0) || Double.isInfinite(maxPerSecond)) {
            throw new IllegalArgumentException("messages per second must be 0 (no limit) or more: " + maxPerSecond);
        }
        if (domainCapPerHour < 0) {
            throw new IllegalArgumentException("domain cap per hour must be 0 (no cap) or more: " + domainCapPerHour);
        }
    }

    /** No limit at all (benchmarks, test sends). */
    public static PacerSettings unthrottled() {
        return new PacerSettings(0, Duration.ZERO, 0, 0, DomainGroups.none());
    }

    boolean batches() {
        return batchSize > 0 && !batchInterval.isZero();
    }
}

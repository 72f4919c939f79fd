package cz.proklik.mailer.send.pacing;

import java.time.Duration;
import java.util.Objects;

/**
 * The A/B test phase (docs/mailer.md): {@code testSharePct} % of the mailed recipients get the variants as assigned,
 * then, {@code decisionWait} after the test group's last hand-over, the winner is chosen and everyone else gets it.
 *
 * @param testSharePct        0 = no test phase (every recipient gets its assigned variant), up to 100
 * @param minDeliveredPerVariant the default rule's minimum sample: fewer delivered in any variant → the first variant
 */
public record AbTestSettings(int testSharePct, Duration decisionWait, int minDeliveredPerVariant) {
    public AbTestSettings {
        Objects.requireNonNull(decisionWait, "decisionWait");
        if (testSharePct < 0 || testSharePct > 100) {
            throw new IllegalArgumentException("A/B test share must be 0 to 100 %: " + testSharePct);
        }
        if (decisionWait.isNegative()) {
            throw new IllegalArgumentException("A/B test wait must not be negative: " + decisionWait);
        }
        if (minDeliveredPerVariant < 0) {
            throw new IllegalArgumentException("A/B minimum sample must be 0 or more: " + minDeliveredPerVariant);
        }
    }

    public static AbTestSettings off() {
        return new AbTestSettings(0, Duration.ZERO, 0);
    }

    public boolean enabled() {
        return testSharePct > 0;
    }
}

package cz.proklik.bounces.suppress;

import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds of the suppression rules (proklik.properties, README): {@code softThreshold} soft bounces within
 * {@code softWindow} suppress an address; a send that went out longer than {@code deliveryGrace} ago without a bounce
 * counts as delivered and, like an open or a click, starts the count again.
 */
public record SuppressionSettings(int softThreshold, Duration softWindow, Duration deliveryGrace) {
    public static final SuppressionSettings DEFAULTS =
            new SuppressionSettings(3, Duration.ofDays(30), Duration.ofDays(5));

    public SuppressionSettings {
        if (softThreshold < 1) {
            throw new IllegalArgumentException("soft-bounce threshold must be at least 1: " + softThreshold);
        }
        Objects.requireNonNull(softWindow, "softWindow");
        Objects.requireNonNull(deliveryGrace, "deliveryGrace");
        if (softWindow.isNegative() || softWindow.isZero() || deliveryGrace.isNegative()) {
            throw new IllegalArgumentException("soft window must be positive and the delivery grace not negative");
        }
    }
}

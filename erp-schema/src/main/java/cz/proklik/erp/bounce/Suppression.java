package cz.proklik.erp.bounce;

import java.time.Instant;
import java.util.Objects;

/**
 * One suppressed address ({@code pkl_suppression}): {@code scope} "all" (no mail at all) or "marketing" (no
 * marketing mail), the reason, and the bounce that caused it (null when set by hand).
 */
public record Suppression(String email, String scope, String reason, Long bounceId, Instant suppressedAt) {
    public static final String ALL = "all";
    public static final String MARKETING = "marketing";

    public Suppression {
        Objects.requireNonNull(email, "email");
        if (!ALL.equals(scope) && !MARKETING.equals(scope)) {
            throw new IllegalArgumentException("scope must be all or marketing: " + scope);
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(suppressedAt, "suppressedAt");
    }
}

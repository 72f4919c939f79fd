package cz.proklik.bounces.suppress;

import cz.proklik.bounces.analyze.RecipientOutcome;
import cz.proklik.bounces.classify.Reason;
import cz.proklik.erp.bounce.BounceStore;
import cz.proklik.erp.bounce.Suppression;
import cz.proklik.erp.bounce.SuppressionDao;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Issue 17's rules: a hard bounce suppresses the address for all mail; soft bounces suppress it after
 * {@code softThreshold} within {@code softWindow}, counted from the last open, click or delivered send; blocks
 * against the sender never suppress (an alert instead); a complaint stops marketing mail at once; auto-replies are
 * ignored. Run inside the transaction that recorded the bounce, so the count includes it.
 */
public final class SuppressionRules {
    /** Soft reasons that say something about the address; blocks, content filters and size are about our mail. */
    public static final List<String> COUNTED_SOFT_REASONS = List.of(Reason.MAILBOX_FULL.code(),
            Reason.MAILBOX_DISABLED.code(), Reason.EXPIRED.code(), Reason.TEMPORARY.code(),
            Reason.UNDETERMINED.code());
    /** Reasons that raise an alert: the receiving side refused our server, domain or message, not the address. */
    public static final List<String> SENDER_REASONS = List.of(Reason.POLICY_BLOCKED.code(),
            Reason.CONTENT_FILTERED.code(), Reason.MESSAGE_TOO_LARGE.code());

    private final SuppressionSettings settings;
    private final BounceStore store;
    private final SuppressionDao suppressions;
    private final Clock clock;

    public SuppressionRules(SuppressionSettings settings, BounceStore store, SuppressionDao suppressions, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.suppressions = suppressions;
        this.clock = clock;
    }

    /**
     * @param bounceId the {@code pkl_bounce} row of this outcome (already inserted)
     * @param at       when the bounce happened
     */
    public Decision apply(RecipientOutcome outcome, long bounceId, Instant at) {
        String email = outcome.mailedAddress().toLowerCase(Locale.ROOT);
        Reason reason = outcome.reason();
        switch (reason.kind()) {
            case HARD:
                return suppress(email, Suppression.ALL, reason.code(), bounceId, at);
            case COMPLAINT:
                return suppress(email, Suppression.MARKETING, reason.code(), bounceId, at);
            case AUTO_REPLY:
                return new Decision.Ignored();
            default:
                break;
        }
        if (reason.aboutSender() || !COUNTED_SOFT_REASONS.contains(reason.code())) {
            return new Decision.Alert(reason.code());
        }
        Instant since = at.minus(settings.softWindow());
        Instant alive = store.lastSignOfLife(email, clock.instant().minus(settings.deliveryGrace()));
        if (alive != null && alive.isAfter(since)) {
            since = alive;
        }
        int count = store.softBouncesSince(email, since, COUNTED_SOFT_REASONS);
        if (count >= settings.softThreshold()) {
            return suppress(email, Suppression.ALL, "soft_repeated", bounceId, at);
        }
        return new Decision.Counted(count, settings.softThreshold());
    }

    private Decision suppress(String email, String scope, String reason, long bounceId, Instant at) {
        boolean isNew = suppressions.suppress(email, scope, reason, bounceId, at);
        return new Decision.Suppressed(scope, reason, isNew);
    }
}

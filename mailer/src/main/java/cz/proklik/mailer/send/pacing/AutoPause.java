package cz.proklik.mailer.send.pacing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rates that pause a send (listmonk #2602): the last {@code window} recipients, each with its latest outcome.
 * A hard bounce is a 5.1.x / 5.2.1 reply at hand-over ({@link SmtpFailure#hardBounce}) or one the bounce mailbox
 * reports later for a recipient still in the window ({@link #hardBounced}); an error is any other failure, temporary
 * ones included while they wait for their retry (a relay refusing everything must stop the send, not queue it all
 * for retries). A retried recipient counts once, with its newest outcome. Thread-safe.
 */
public final class AutoPause {
    private enum Outcome { ACCEPTED, HARD_BOUNCE, ERROR }

    private final AutoPauseSettings settings;
    private final Map<String, Outcome> recent;
    private int hard;
    private int errors;

    public AutoPause(AutoPauseSettings settings) {
        this.settings = settings;
        this.recent = new LinkedHashMap<>(16, 0.75f, false);
    }

    public synchronized void accepted(String recipientId) {
        put(recipientId, Outcome.ACCEPTED);
    }

    public synchronized void failed(String recipientId, SmtpFailure failure) {
        if (failure.kind() == SmtpFailure.Kind.AUTHENTICATION) {
            return; // the send pauses for that by itself (RetryDecision.PauseSend); not the recipient's doing
        }
        put(recipientId, failure.hardBounce() ? Outcome.HARD_BOUNCE : Outcome.ERROR);
    }

    /** A hard bounce reported after the relay accepted: counts if the recipient is still in the window. */
    public synchronized void hardBounced(String recipientId) {
        Outcome before = recent.get(recipientId);
        if (before != null && before != Outcome.HARD_BOUNCE) {
            count(before, -1);
            recent.put(recipientId, Outcome.HARD_BOUNCE);
            count(Outcome.HARD_BOUNCE, 1);
        }
    }

    /** Why the send should pause now, or empty. */
    public synchronized Optional<String> pauseReason() {
        int n = recent.size();
        if (n < settings.minMessages()) {
            return Optional.empty();
        }
        if (settings.hardBounceRate() < 1 && hard > settings.hardBounceRate() * n) {
            return Optional.of(reason("hard bounces", hard, n, settings.hardBounceRate(), "hard-bounce-rate"));
        }
        if (settings.errorRate() < 1 && errors > settings.errorRate() * n) {
            return Optional.of(reason("errors", errors, n, settings.errorRate(), "error-rate"));
        }
        return Optional.empty();
    }

    private static String reason(String what, int count, int n, double limit, String key) {
        return String.format(Locale.ROOT, "%s: %d of the last %d messages (%.1f %%), above the limit of %.1f %%"
                + " (proklik.mail.send.auto-pause.%s)", what, count, n, 100.0 * count / n, 100 * limit, key);
    }

    private void put(String recipientId, Outcome outcome) {
        Outcome before = recent.remove(recipientId);
        if (before != null) {
            count(before, -1);
        }
        recent.put(recipientId, outcome);
        count(outcome, 1);
        if (recent.size() > settings.window()) {
            var eldest = recent.entrySet().iterator();
            count(eldest.next().getValue(), -1);
            eldest.remove();
        }
    }

    private void count(Outcome outcome, int delta) {
        if (outcome == Outcome.HARD_BOUNCE) {
            hard += delta;
        } else if (outcome == Outcome.ERROR) {
            errors += delta;
        }
    }
}

package cz.proklik.mailer.send.pacing;

import java.time.Clock;

/**
 * Decides after a failed hand-over. Temporary: a 4xx reply (421 closing, 450/451/452 try later, 454 throttled, ...)
 * or no reply (connect refused, reset, timeout, closed mid-dialogue) → retried with a growing delay
 * ({@link RetrySettings}), failed once the retries are used up. Permanent: any 5xx reply about the recipient or the
 * message → failed at once. Our login refused (530, 534, 535, 538, or an authentication error before any reply) →
 * the send pauses, nobody is failed for it.
 */
public final class Backoff {
    private final RetrySettings settings;
    private final Clock clock;

    public Backoff(RetrySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** @param retriesSoFar how often this recipient was already retried (0 after its first attempt) */
    public RetryDecision after(SmtpFailure failure, int retriesSoFar) {
        if (failure.kind() == SmtpFailure.Kind.AUTHENTICATION) {
            return new RetryDecision.PauseSend("the relay refused the login: " + failure.describe(), failure);
        }
        if (failure.permanent()) {
            return new RetryDecision.Fail(failure.describe(), failure);
        }
        if (retriesSoFar >= settings.maxRetries()) {
            return new RetryDecision.Fail(failure.describe() + " (still temporary after " + retriesSoFar
                    + (retriesSoFar == 1 ? " retry)" : " retries)"), failure);
        }
        int retry = retriesSoFar + 1;
        return new RetryDecision.RetryAt(clock.instant().plus(settings.delayBefore(retry)), retry, failure);
    }
}

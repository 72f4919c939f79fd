package cz.proklik.mailer.send.pacing;

import java.time.Instant;

/** What {@link Backoff} says to do with a recipient whose hand-over failed. */
public sealed interface RetryDecision {
    SmtpFailure cause();

    /** Temporary: keep the recipient queued and hand it over again at {@code at}; this is retry number {@code retry}. */
    record RetryAt(Instant at, int retry, SmtpFailure cause) implements RetryDecision {
    }

    /** Permanent, or temporary too often: the recipient is failed with {@code reason} (the reply in it). */
    record Fail(String reason, SmtpFailure cause) implements RetryDecision {
    }

    /**
     * The relay refuses us, not the recipient (our login): every further hand-over would fail the same way, so the
     * send pauses with {@code reason} and the recipient stays queued.
     */
    record PauseSend(String reason, SmtpFailure cause) implements RetryDecision {
    }
}

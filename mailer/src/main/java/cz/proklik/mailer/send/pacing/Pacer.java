package cz.proklik.mailer.send.pacing;

import java.time.Clock;
import java.time.Instant;

/**
 * Paces one send. The engine asks "when may the next message to this domain go?" and tells "handed over to this
 * domain at that time"; a hand-over is any attempt to give a message to the relay, whatever its outcome (a provider
 * counts what it was offered). Implementations are thread-safe: several connections may ask and tell at once, and
 * {@link #tryAcquire} claims a slot atomically.
 *
 * <p>After a restart or resume the engine replays the hand-overs of the last hour ({@link #handedOver} with their
 * stored times, oldest first), so the batch pause and the domain caps hold across a crash.
 */
public interface Pacer {
    /**
     * The earliest instant a message to this domain may be handed over: now when nothing holds it back, never
     * earlier than now.
     *
     * @param domain the recipient's domain ({@link RecipientDomain#of}); grouped by the settings' provider groups
     */
    Instant earliest(String domain);

    /**
     * When the per-domain cap alone lets the next message to this domain go (now when the cap does not hold it
     * back). A domain held for long is set aside by the engine so that the other domains go on meanwhile; the batch
     * and rate pauses hold every domain alike and are simply waited out.
     */
    Instant domainEarliest(String domain);

    /** What the per-domain cap counts this domain under: its provider group, else the domain itself. */
    String capKey(String domain);

    /** Records a hand-over (an attempt) to this domain at this time; times may be in the past (replay). */
    void handedOver(String domain, Instant at);

    /**
     * When {@link #earliest} is now, records a hand-over now and returns true; else changes nothing and returns
     * false. Atomic: two threads never take the same last slot.
     */
    boolean tryAcquire(String domain);

    static Pacer create(PacerSettings settings, Clock clock) {
        return new ThrottlingPacer(settings, clock);
    }
}

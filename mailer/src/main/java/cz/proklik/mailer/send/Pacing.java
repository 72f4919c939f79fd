package cz.proklik.mailer.send;

import cz.proklik.mailer.send.pacing.AbTest;
import cz.proklik.mailer.send.pacing.AutoPause;
import cz.proklik.mailer.send.pacing.AutoPauseSettings;
import cz.proklik.mailer.send.pacing.Backoff;
import cz.proklik.mailer.send.pacing.Pacer;
import cz.proklik.mailer.send.pacing.PacerSettings;
import cz.proklik.mailer.send.pacing.PacingSettings;
import cz.proklik.mailer.send.pacing.RetryDecision;
import cz.proklik.mailer.send.pacing.RetrySettings;
import cz.proklik.mailer.send.pacing.SmtpFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the sender asks of the pacing components ({@code send.pacing}) around each hand-over: the {@link Pacer}
 * (batches, rate, per-domain cap) before it, the {@link Backoff} (retry later, fail, or pause the send) and the
 * {@link AutoPause} (hard-bounce and error rates of the last messages) after it. One per run; thread-safe as its
 * parts are.
 */
public final class Pacing {
    private final Pacer pacer;
    private final Backoff backoff;
    private final AutoPause autoPause;
    private final Clock clock;
    private final PacingSettings settings;

    public Pacing(PacingSettings settings, Clock clock) {
        this.settings = settings;
        this.pacer = Pacer.create(settings.pacer(), clock);
        this.backoff = new Backoff(settings.retry(), clock);
        this.autoPause = new AutoPause(settings.autoPause());
        this.clock = clock;
    }

    /** No throttle and no automatic pause; temporary failures retried {@code maxRetries} times after {@code delay}. */
    public static Pacing unthrottled(int maxRetries, Duration delay, Clock clock) {
        return new Pacing(new PacingSettings(PacerSettings.unthrottled(), new RetrySettings(maxRetries, delay, 1, delay),
                AutoPauseSettings.off(), cz.proklik.mailer.send.pacing.AbTestSettings.off()), clock);
    }

    /** What {@link #awaitTurn} found. */
    public sealed interface Turn {
        /** The slot is claimed: hand the message over now. */
        record Go() implements Turn {
        }

        /** The run is stopping: nothing was claimed. */
        record Stopped() implements Turn {
        }

        /**
         * The hourly cap of this domain (or its provider group, {@code capKey}) holds it until {@code until}: set
         * the message aside, nothing was claimed, and let the connection take a recipient of another domain.
         */
        record DomainCapped(String capKey, Instant until) implements Turn {
        }
    }

    private static final Turn GO = new Turn.Go();
    private static final Turn STOPPED = new Turn.Stopped();

    /**
     * Blocks while the batch or rate pause holds every domain (they free within the batch interval), and claims the
     * slot; does not wait for the per-domain cap, which may hold a domain for up to an hour.
     */
    public Turn awaitTurn(String domain, BooleanSupplier stopped) throws InterruptedException {
        while (!stopped.getAsBoolean()) {
            if (pacer.tryAcquire(domain)) {
                return GO;
            }
            Instant now = clock.instant();
            Instant capFrees = pacer.domainEarliest(domain);
            if (capFrees.isAfter(now)) {
                return new Turn.DomainCapped(pacer.capKey(domain), capFrees);
            }
            long ms = Duration.between(now, pacer.earliest(domain)).toMillis();
            Thread.sleep(Math.max(1, Math.min(ms, 200)));
        }
        return STOPPED;
    }

    /** A hand-over before this run (a resume replays the last hour), so batches and caps hold across restarts. */
    public void replay(String domain, Instant at) {
        pacer.handedOver(domain, at);
    }

    public void accepted(String recipientId) {
        autoPause.accepted(recipientId);
    }

    /** @param retriesSoFar how often this recipient was retried before this attempt */
    public RetryDecision failed(String recipientId, SmtpFailure failure, int retriesSoFar) {
        autoPause.failed(recipientId, failure);
        return backoff.after(failure, retriesSoFar);
    }

    /** The A/B test phase of the campaign (off unless configured), with the default winner rule. */
    public AbTest abTest(String campaignId) {
        return new AbTest(campaignId, settings.abTest());
    }

    /** Why the send should pause now (the rates of the last messages), or empty. */
    public Optional<String> pauseReason() {
        return autoPause.pauseReason();
    }
}

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

    /**
     * Blocks until a message to {@code domain} may be handed over and claims that slot.
     *
     * @return false when {@code stopped} became true while waiting (nothing claimed)
     */
    public boolean awaitTurn(String domain, BooleanSupplier stopped) throws InterruptedException {
        while (!stopped.getAsBoolean()) {
            if (pacer.tryAcquire(domain)) {
                return true;
            }
            long ms = Duration.between(clock.instant(), pacer.earliest(domain)).toMillis();
            Thread.sleep(Math.max(1, Math.min(ms, 200)));
        }
        return false;
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

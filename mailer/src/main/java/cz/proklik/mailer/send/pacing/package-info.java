/**
 * How fast a campaign may go out, and what to do when it goes wrong: pure rules on a {@link java.time.Clock}, no I/O.
 * The sending engine asks and tells; it owns the SMTP connections, the send state and the waiting.
 * <ul>
 * <li>{@link cz.proklik.mailer.send.pacing.Pacer}: batches (size, pause between), messages per second, a cap per
 * recipient domain (or provider group) per hour;</li>
 * <li>{@link cz.proklik.mailer.send.pacing.Backoff}: a failed hand-over is retried later with a growing delay, failed
 * at once, or stops the whole send ({@link cz.proklik.mailer.send.pacing.RetryDecision});</li>
 * <li>{@link cz.proklik.mailer.send.pacing.AutoPause}: the hard-bounce and error rates of the last messages;</li>
 * <li>{@link cz.proklik.mailer.send.pacing.AbTest}: the A/B test phase and its pluggable
 * {@link cz.proklik.mailer.send.pacing.WinnerRule}.</li>
 * </ul>
 * The rules are stated in docs/mailer.md ("Sending: pacing, backoff, auto-pause, A/B test phase").
 */
package cz.proklik.mailer.send.pacing;

package cz.proklik.mailer.send.pacing;

/**
 * When a send pauses itself: over the last {@code window} recipients handed over (once at least
 * {@code minMessages} were), the share of hard bounces or of errors is above its limit.
 *
 * @param hardBounceRate a fraction (0.05 = 5 %); 1 = never pause for bounces
 * @param errorRate      a fraction; 1 = never pause for errors
 */
public record AutoPauseSettings(int window, int minMessages, double hardBounceRate, double errorRate) {
    public AutoPauseSettings {
        if (window < 1 || minMessages < 1 || minMessages > window) {
            throw new IllegalArgumentException("auto-pause needs 1 <= min-messages <= window: " + minMessages + ", "
                    + window);
        }
        rate("hard-bounce", hardBounceRate);
        rate("error", errorRate);
    }

    /** Never pauses (benchmarks). */
    public static AutoPauseSettings off() {
        return new AutoPauseSettings(1, 1, 1, 1);
    }

    private static void rate(String what, double r) {
        if (!(r >= 0 && r <= 1)) {
            throw new IllegalArgumentException(what + " rate must be a fraction between 0 and 1: " + r);
        }
    }
}

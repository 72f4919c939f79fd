package cz.proklik.redirect.junk;

/**
 * How much of the click log and of the server rejected requests may take (issue 19.4: junk must not crowd out
 * genuine clicks). Every limit has a burst of {@link #BURST_SECONDS} seconds' worth.
 *
 * @param linesPerSecond     rejected lines written to the click log, all clients together
 * @param bytesPerSecond     bytes of rejected lines written, all clients together
 * @param sampleOneIn        beyond those budgets, one rejected line in this many is still written (0 = none)
 * @param perClientPerSecond rejected requests one client address may make; beyond it the client gets 429
 * @param reserveFreeBytes   free disk space kept for accepted events: below it no rejected line is written
 */
public record JunkLimits(double linesPerSecond, double bytesPerSecond, int sampleOneIn, double perClientPerSecond,
                         long reserveFreeBytes) {
    public static final int BURST_SECONDS = 10;
    /** The documented defaults of proklik.properties. */
    public static final JunkLimits DEFAULTS = new JunkLimits(50, 32 * 1024, 1000, 20, 1L << 30);

    public JunkLimits {
        if (!(linesPerSecond > 0) || !(bytesPerSecond > 0) || !(perClientPerSecond > 0)) {
            throw new IllegalArgumentException("rejected-request limits must be positive");
        }
        if (sampleOneIn < 0 || reserveFreeBytes < 0) {
            throw new IllegalArgumentException("sample rate and free-space reserve must not be negative");
        }
    }
}

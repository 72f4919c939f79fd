package cz.proklik.mailer.send.pacing;

import cz.proklik.erp.report.VariantKpis;
import cz.proklik.mailer.campaign.VariantAssignment;

import java.time.Instant;
import java.util.List;

/**
 * The A/B test phase of one campaign. Who is in the test group is reproducible from campaign and recipient alone
 * (a restart agrees with the first run) and independent of the variant assignment, so the test group gets the
 * variants in their shares: {@code test bucket = first 8 bytes of SHA-256("proklik-ab-test-1" LF campaign LF
 * recipient), unsigned, mod 10,000}; below {@code testSharePct × 100} is the test group. The holdout (part 1's
 * {@code VariantAssignment}) is decided first and is never mailed, in either group.
 *
 * <p>The engine sends the test group first (each recipient its assigned variant), stores when its last hand-over
 * was, waits until {@link #decisionAt}, reads the views and stores {@link #decide}'s choice; the rest then get the
 * winner. Both stored facts let a restart continue the phase where it was.
 */
public final class AbTest {
    private final String campaignId;
    private final AbTestSettings settings;
    private final WinnerRule rule;

    public AbTest(String campaignId, AbTestSettings settings, WinnerRule rule) {
        this.campaignId = campaignId;
        this.settings = settings;
        this.rule = rule;
    }

    /** With the default rule ({@link HighestCleanClickRate} with the settings' minimum sample). */
    public AbTest(String campaignId, AbTestSettings settings) {
        this(campaignId, settings, new HighestCleanClickRate(settings.minDeliveredPerVariant()));
    }

    public static int testBucket(String campaignId, String recipientId) {
        return VariantAssignment.bucket("proklik-ab-test-1", campaignId, recipientId);
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** In the test group: gets its assigned variant now. Outside it (test phase on): waits for the winner. */
    public boolean inTestGroup(String recipientId) {
        return !settings.enabled() || testBucket(campaignId, recipientId) < settings.testSharePct() * 100;
    }

    /** When the winner is chosen: the wait after the test group's last hand-over. */
    public Instant decisionAt(Instant testGroupDoneAt) {
        return testGroupDoneAt.plus(settings.decisionWait());
    }

    public WinnerChoice decide(List<String> variants, List<VariantKpis> results) {
        return rule.choose(variants, results);
    }
}

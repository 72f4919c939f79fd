package cz.proklik.mailer.send.pacing;

import cz.proklik.erp.report.Kpis;
import cz.proklik.erp.report.VariantKpis;
import cz.proklik.mailer.campaign.VariantAssignment;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AbTestTest {
    private static final AbTestSettings TWENTY_PERCENT = new AbTestSettings(20, Duration.ofHours(4), 100);

    /** A row of pkl_eval_variant with just what the rule reads set; the rest would not change its choice. */
    private static VariantKpis variant(String name, long delivered, long uniqueCleanClicks) {
        Kpis k = new Kpis(delivered, delivered, 0, 0, 0, 0, delivered, null, null, 0, 0, 0, 0,
                uniqueCleanClicks * 3, uniqueCleanClicks, uniqueCleanClicks * 2, uniqueCleanClicks, null, null, null,
                null, null, null, null, null, 0, null);
        return new VariantKpis("C1", name, k, 0, BigDecimal.ZERO, BigDecimal.ZERO, null, null);
    }

    @Test
    void theTestGroupIsTheGivenShareAndGetsTheVariantsInTheirShares() {
        AbTest test = new AbTest("C2026-11", TWENTY_PERCENT);
        Map<String, BigDecimal> shares = new LinkedHashMap<>();
        shares.put("A", BigDecimal.valueOf(50));
        shares.put("B", BigDecimal.valueOf(50));
        VariantAssignment assignment = new VariantAssignment("C2026-11", BigDecimal.ZERO, shares);
        int inTest = 0;
        int testA = 0;
        for (int i = 0; i < 20_000; i++) {
            String r = "R" + i;
            if (test.inTestGroup(r)) {
                inTest++;
                if (assignment.variantOf(r).orElseThrow().equals("A")) {
                    testA++;
                }
            }
        }
        assertThat(inTest).isBetween(3_800, 4_200);
        assertThat((double) testA / inTest).as("independent of the variant split").isBetween(0.46, 0.54);
    }

    /** Computed apart from the code (Python's hashlib, the formula of docs/mailer.md). */
    private static final int TEST_VECTOR_R4815 = 8729;
    private static final int TEST_VECTOR_R1001 = 732;

    @Test
    void membershipIsReproducibleAndFollowsTheStatedHash() {
        assertThat(AbTest.testBucket("C2026-11", "R4815")).isEqualTo(AbTest.testBucket("C2026-11", "R4815"));
        // the test vector of docs/mailer.md
        assertThat(AbTest.testBucket("C2026-11", "R4815")).isEqualTo(TEST_VECTOR_R4815);
        assertThat(AbTest.testBucket("C2026-11", "R1001")).isEqualTo(TEST_VECTOR_R1001);
        AbTest test = new AbTest("C2026-11", TWENTY_PERCENT);
        assertThat(test.inTestGroup("R4815")).isFalse();
        assertThat(test.inTestGroup("R1001")).isTrue();
    }

    @Test
    void withoutATestPhaseEveryoneGetsTheirAssignedVariantAtOnce() {
        AbTest off = new AbTest("C1", AbTestSettings.off());
        assertThat(off.enabled()).isFalse();
        for (int i = 0; i < 1000; i++) {
            assertThat(off.inTestGroup("R" + i)).isTrue();
        }
    }

    @Test
    void theDecisionIsTheWaitAfterTheTestGroupsLastHandOver() {
        Instant done = Instant.parse("2026-12-02T09:12:00Z");
        assertThat(new AbTest("C1", TWENTY_PERCENT).decisionAt(done)).isEqualTo(Instant.parse("2026-12-02T13:12:00Z"));
    }

    @Test
    void theHighestCleanUniqueClickRateWins() {
        WinnerChoice c = new AbTest("C1", TWENTY_PERCENT).decide(List.of("A", "B", "C"),
                List.of(variant("A", 400, 40), variant("B", 380, 57), variant("C", 410, 41), variant(null, 90, 50)));

        assertThat(c.variant()).isEqualTo("B");
        assertThat(c.fallback()).isFalse();
        assertThat(c.reason()).isEqualTo("highest clean unique click rate: A 10.00 % (40 of 400) B 15.00 % (57 of 380)"
                + " wins C 10.00 % (41 of 410)");
    }

    @Test
    void ratesAreComparedExactlyAndATieGoesToTheEarlierVariant() {
        HighestCleanClickRate rule = new HighestCleanClickRate(100);

        assertThat(rule.choose(List.of("A", "B"), List.of(variant("A", 300, 100), variant("B", 1000, 333))).variant())
                .as("1/3 beats 0.333").isEqualTo("A");
        assertThat(rule.choose(List.of("A", "B"), List.of(variant("A", 200, 20), variant("B", 400, 40))).variant())
                .isEqualTo("A");
        assertThat(rule.choose(List.of("B", "A"), List.of(variant("A", 200, 20), variant("B", 400, 40))).variant())
                .as("the earlier in the campaign's order").isEqualTo("B");
    }

    @Test
    void tooSmallASampleFallsBackToTheFirstVariantAndSaysSo() {
        WinnerChoice c = new HighestCleanClickRate(100).choose(List.of("A", "B"),
                List.of(variant("A", 400, 4), variant("B", 99, 90)));

        assertThat(c).isEqualTo(new WinnerChoice("A", "too small a sample: variant B has 99 delivered (at least 100"
                + " needed), so the first variant A", true));
        assertThat(new HighestCleanClickRate(0).choose(List.of("A", "B"), List.of()).fallback())
                .as("no results at all").isTrue();
    }

    @Test
    void theRuleIsPluggable() {
        WinnerRule lastVariant = (variants, results) -> new WinnerChoice(variants.get(variants.size() - 1),
                "always the last", false);

        assertThat(new AbTest("C1", TWENTY_PERCENT, lastVariant).decide(List.of("A", "B"), List.of()).variant())
                .isEqualTo("B");
    }
}

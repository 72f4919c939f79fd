package cz.proklik.mailer.campaign;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VariantAssignmentTest {
    private static Map<String, BigDecimal> shares(Object... pairs) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], new BigDecimal(pairs[i + 1].toString()));
        }
        return m;
    }

    @Test
    void theBucketIsTheDocumentedHash() {
        // docs/mailer.md test vectors (computed independently with Python's hashlib).
        assertThat(VariantAssignment.bucket("C2026-11", "R4815")).isEqualTo(1645);
        assertThat(VariantAssignment.bucket("C2026-11", "R1001")).isEqualTo(9101);
        // With a 20 % holdout and A/B 50/50: 1645 < 2000 is holdout; 9101 is in the upper half of the rest: B.
        VariantAssignment a = new VariantAssignment("C2026-11", new BigDecimal("20"), shares("A", 50, "B", 50));
        assertThat(a.variantOf("R4815")).isEmpty();
        assertThat(a.variantOf("R1001")).contains("B");
    }

    @Test
    void assignmentIsReproducibleAndFollowsTheShares() {
        VariantAssignment a = new VariantAssignment("C1", new BigDecimal("10"), shares("A", 50, "B", 30, "C", 20));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            Optional<String> v = a.variantOf("R" + i);
            assertThat(new VariantAssignment("C1", new BigDecimal("10"), shares("A", 50, "B", 30, "C", 20))
                    .variantOf("R" + i)).isEqualTo(v);
            counts.merge(v.orElse("holdout"), 1, Integer::sum);
        }
        assertThat(counts.get("holdout")).isBetween(9_500, 10_500);
        assertThat(counts.get("A")).isBetween(44_000, 46_000); // 50 % of the mailed 90 %
        assertThat(counts.get("B")).isBetween(26_200, 27_800);
        assertThat(counts.get("C")).isBetween(17_300, 18_700);
    }

    @Test
    void anotherCampaignSplitsIndependently() {
        VariantAssignment c1 = new VariantAssignment("C1", BigDecimal.ZERO, shares("A", 50, "B", 50));
        VariantAssignment c2 = new VariantAssignment("C2", BigDecimal.ZERO, shares("A", 50, "B", 50));
        int same = 0;
        for (int i = 0; i < 10_000; i++) {
            if (c1.variantOf("R" + i).equals(c2.variantOf("R" + i))) {
                same++;
            }
        }
        assertThat(same).isBetween(4_700, 5_300);
    }

    @Test
    void noVariantsMeansEveryoneButTheHoldoutGetsTheOneMail() {
        VariantAssignment a = new VariantAssignment("C1", BigDecimal.ZERO, Map.of());
        assertThat(a.variantOf("R1")).contains("");
        assertThatThrownBy(() -> new VariantAssignment("C1", BigDecimal.ZERO, shares("A", 50, "B", 40)))
                .hasMessageContaining("add up to 100");
    }
}

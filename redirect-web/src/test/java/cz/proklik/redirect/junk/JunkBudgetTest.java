package cz.proklik.redirect.junk;

import cz.proklik.redirect.ops.DiskSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class JunkBudgetTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;
    final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private JunkBudget budget(JunkLimits limits) {
        return new JunkBudget(limits, new DiskSpace(dir), now::get);
    }

    private static Map<JunkBudget.Verdict, Integer> tally(JunkBudget budget, int requests, int clients, int bytes) {
        Map<JunkBudget.Verdict, Integer> verdicts = new EnumMap<>(JunkBudget.Verdict.class);
        for (int i = 0; i < requests; i++) {
            verdicts.merge(budget.judge("198.51.100." + (i % clients), bytes), 1, Integer::sum);
        }
        return verdicts;
    }

    @Test
    void oneClientOverItsRateIsThrottledAndLeavesTheBudgetToOthers() {
        JunkBudget budget = budget(new JunkLimits(1000, 1e9, 0, 5, 0));

        Map<JunkBudget.Verdict, Integer> flood = new EnumMap<>(JunkBudget.Verdict.class);
        for (int i = 0; i < 1000; i++) {
            flood.merge(budget.judge("203.0.113.66", 200), 1, Integer::sum);
        }
        assertThat(flood).containsEntry(JunkBudget.Verdict.LOG, 5 * JunkLimits.BURST_SECONDS)
                .containsEntry(JunkBudget.Verdict.THROTTLE, 1000 - 5 * JunkLimits.BURST_SECONDS);
        assertThat(budget.judge("198.51.100.1", 200)).as("another client").isEqualTo(JunkBudget.Verdict.LOG);

        now.addAndGet(SECOND);
        int again = 0;
        while (budget.judge("203.0.113.66", 200) == JunkBudget.Verdict.LOG) {
            again++;
        }
        assertThat(again).as("a second later, a second's worth").isEqualTo(5);
    }

    @Test
    void beyondTheLinesBudgetRequestsAreCountedAndOneInNSampled() {
        JunkBudget budget = budget(new JunkLimits(10, 1e9, 100, 1e6, 0));

        Map<JunkBudget.Verdict, Integer> verdicts = tally(budget, 10_100, 1000, 200);

        int burst = 10 * JunkLimits.BURST_SECONDS;
        assertThat(verdicts).containsEntry(JunkBudget.Verdict.LOG, burst + 100)
                .containsEntry(JunkBudget.Verdict.COUNT, 10_000 - 100);
        now.addAndGet(10 * SECOND);
        assertThat(tally(budget, burst, 1000, 200)).containsEntry(JunkBudget.Verdict.LOG, burst);
    }

    @Test
    void theBytesBudgetBoundsWhatLongLinesMayWrite() {
        JunkBudget budget = budget(new JunkLimits(1e6, 10_000, 0, 1e6, 0));

        Map<JunkBudget.Verdict, Integer> verdicts = tally(budget, 1000, 1000, 1000);

        assertThat(verdicts).containsEntry(JunkBudget.Verdict.LOG, 10_000 * JunkLimits.BURST_SECONDS / 1000)
                .containsEntry(JunkBudget.Verdict.COUNT, 1000 - 100);
    }

    @Test
    void belowTheFreeSpaceReserveNoRejectedLineIsWrittenNotEvenASample() {
        JunkBudget budget = budget(new JunkLimits(1e6, 1e12, 1, 1e6, Long.MAX_VALUE));

        assertThat(tally(budget, 100, 10, 200)).containsOnlyKeys(JunkBudget.Verdict.COUNT);
    }
}

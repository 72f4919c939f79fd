package cz.proklik.erp.report;

/**
 * What each flag took out of one campaign's opens or clicks (docs/flags.md). An event with two flags counts under
 * both, so the flags can add up to more than {@code raw - clean}, which is what the clean figures lose in all.
 *
 * @param eventType  {@code open} or {@code click}
 * @param burstOpens opens flagged by the open-with-burst rule (not counted under scanners)
 * @param scanners   events flagged as a scanner by any other rule
 */
public record FlagNoise(String eventType, long raw, long clean, long bots, long scanners, long prefetch, long mpp,
                        long tooFast, long burstOpens) {
}

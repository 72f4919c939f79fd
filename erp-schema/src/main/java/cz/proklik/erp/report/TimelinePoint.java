package cz.proklik.erp.report;

import java.time.LocalDate;

/**
 * One bucket of a campaign's timeline. {@link Granularity#HOURS_SINCE_SEND}: {@code hourNo} is set (0 = the first
 * hour after the recipient's send, -1 = before it) and {@code periodStart} is null; {@link Granularity#DAY} and
 * {@link Granularity#WEEK}: {@code periodStart} is the UTC day or the Monday of the ISO week, {@code hourNo} null.
 */
public record TimelinePoint(String campaignId, Granularity granularity, Integer hourNo, LocalDate periodStart,
                            long opensRaw, long opensClean, long clicksRaw, long clicksClean) {

    /** The three timeline views. */
    public enum Granularity {
        /** {@code pkl_eval_timeline_hour}. */
        HOURS_SINCE_SEND,
        /** {@code pkl_eval_timeline_day}. */
        DAY,
        /** {@code pkl_eval_timeline_week}. */
        WEEK
    }
}

package cz.proklik.erp.report;

import java.math.BigDecimal;

/**
 * The send and reaction KPIs shared by a campaign ({@link CampaignKpis}) and an A/B variant ({@link VariantKpis}).
 * Counts are plain numbers; rates are fractions with scale 4 (0.2500 = 25 %), {@code null} when the denominator is 0.
 * {@code _raw} counts every open/click, {@code _clean} only events with no suspicion flag (docs/flags.md).
 *
 * @param recipients     send rows (any status)
 * @param sent           send rows with status sent or bounced: the e-mail left the server
 * @param failed         send rows with status failed: never sent, in no rate
 * @param bounced        status bounced ({@code bouncedHard + bouncedSoft} plus bounces of unknown kind)
 * @param delivered      sent - bounced
 * @param deliveryRate   delivered / sent
 * @param bounceRate     bounced / sent
 * @param openRateRaw    uniqueOpensRaw / delivered (likewise clean)
 * @param ctrRaw         uniqueClicksRaw / delivered (likewise clean)
 * @param ctrTotalRaw    clicksRaw / delivered (likewise clean)
 * @param ctorRaw        uniqueClicksRaw / uniqueOpensRaw (likewise clean)
 * @param unsubscribeRate unsubscribes / delivered
 */
public record Kpis(long recipients, long sent, long failed, long bounced, long bouncedHard, long bouncedSoft,
                   long delivered, BigDecimal deliveryRate, BigDecimal bounceRate,
                   long opensRaw, long opensClean, long uniqueOpensRaw, long uniqueOpensClean,
                   long clicksRaw, long clicksClean, long uniqueClicksRaw, long uniqueClicksClean,
                   BigDecimal openRateRaw, BigDecimal openRateClean, BigDecimal ctrRaw, BigDecimal ctrClean,
                   BigDecimal ctrTotalRaw, BigDecimal ctrTotalClean, BigDecimal ctorRaw, BigDecimal ctorClean,
                   long unsubscribes, BigDecimal unsubscribeRate) {
}

package cz.proklik.erp.report;

import java.math.BigDecimal;

/**
 * One row of {@code pkl_eval_campaign_revenue}: attributed orders and revenue of a campaign (post-click, last clean
 * click wins; docs/evaluation.md). Money has scale 4 in the orders' currency ({@code currency} = the smallest code,
 * {@code currencyCount} > 1 warns that currencies were mixed); rates scale 4; null when the denominator is 0.
 *
 * @param cvr  orders / uniqueClicksClean
 * @param aov  revenueNet / orders
 * @param rpe  revenueNet / sent
 * @param rpr  revenueNet / delivered
 * @param eppc revenueNet * 1000 / clicksClean (earnings per 1000 clean clicks, all clicks, not unique)
 */
public record RevenueKpis(String campaignId, int attributionDays, long sent, long delivered, long clicksClean,
                          long uniqueClicksClean, long orders, long ordersSameSession, long ordersLagged, long buyers,
                          String currency, int currencyCount, BigDecimal revenueGross, BigDecimal returnedNetAmount,
                          BigDecimal revenueNet, BigDecimal revenueNetSameSession, BigDecimal revenueNetLagged,
                          BigDecimal cvr, BigDecimal aov, BigDecimal rpe, BigDecimal rpr, BigDecimal eppc) {
}

package cz.proklik.erp.report;

import java.math.BigDecimal;

/**
 * One row of {@code pkl_eval_variant}: the KPIs of one A/B variant ({@code variant} null = recipients without one),
 * with the orders attributed to its recipients, CVR = orders / unique clean clicks and RPE = net revenue / sent.
 */
public record VariantKpis(String campaignId, String variant, Kpis kpis, long orders, BigDecimal revenueGross,
                          BigDecimal revenueNet, BigDecimal cvr, BigDecimal rpe) {
}

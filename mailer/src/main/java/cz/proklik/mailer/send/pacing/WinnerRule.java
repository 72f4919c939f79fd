package cz.proklik.mailer.send.pacing;

import cz.proklik.erp.report.VariantKpis;

import java.util.List;

/**
 * Chooses the A/B winner from the evaluation views' figures per variant ({@code pkl_eval_variant}, read by the
 * engine through {@code CampaignReportDao.variants}). Pluggable: a later issue brings rules with statistics
 * (significance, revenue); the default is {@link HighestCleanClickRate}.
 */
public interface WinnerRule {
    /**
     * @param variants the campaign's variants in their order (the first is the fallback)
     * @param results  the views' rows; a variant without a row has no results yet
     */
    WinnerChoice choose(List<String> variants, List<VariantKpis> results);
}

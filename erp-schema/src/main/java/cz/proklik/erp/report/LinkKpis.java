package cz.proklik.erp.report;

import java.math.BigDecimal;

/**
 * One row of {@code pkl_eval_link}: a part of the e-mail and its clicks. {@code shareCleanClicks} = this link's
 * clean clicks / all clean clicks of the campaign (scale 4, null when the campaign has none).
 */
public record LinkKpis(String campaignId, String linkId, String description, String targetUrl, Integer position,
                       long clicksRaw, long clicksClean, long uniqueClicksRaw, long uniqueClicksClean,
                       BigDecimal shareCleanClicks) {
}

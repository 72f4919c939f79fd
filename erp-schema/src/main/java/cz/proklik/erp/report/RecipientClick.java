package cz.proklik.erp.report;

import java.time.Instant;

/** One row of {@code pkl_eval_recipient_click}: one recipient's clicks on one link of a campaign. */
public record RecipientClick(String campaignId, String recipientId, String linkId, long clicksRaw, long clicksClean,
                             Instant firstClickRaw, Instant lastClickRaw, Instant firstClickClean,
                             Instant lastClickClean) {
}

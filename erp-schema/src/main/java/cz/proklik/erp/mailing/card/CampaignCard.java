package cz.proklik.erp.mailing.card;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The mailer's campaign card ({@code pkl_mail_campaign}): it extends the {@code pkl_campaign} row of the same id.
 * {@code variantTemplates} maps a variant to its own template when it has one. {@code shop} null = the
 * template's default shop.
 */
public record CampaignCard(String campaignId, int sequenceNo, LocalDate date, String listId, String templateId,
                           String shop, boolean personalGreeting, BigDecimal holdoutPct, List<String> productIds,
                           Map<String, String> variantTemplates, Instant createdAt) {
    public CampaignCard {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(templateId, "templateId");
        holdoutPct = (holdoutPct == null ? BigDecimal.ZERO : holdoutPct).setScale(2, RoundingMode.HALF_UP);
        if (holdoutPct.signum() < 0 || holdoutPct.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw new IllegalArgumentException("holdout must be 0 to under 100 %: " + holdoutPct);
        }
        if (sequenceNo < 1) {
            throw new IllegalArgumentException("sequence number must be 1 or more: " + sequenceNo);
        }
        productIds = List.copyOf(productIds);
        variantTemplates = Map.copyOf(variantTemplates);
    }
}

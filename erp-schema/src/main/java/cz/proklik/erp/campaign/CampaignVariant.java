package cz.proklik.erp.campaign;

import cz.proklik.erp.db.Ids;

import java.math.BigDecimal;
import java.util.Objects;

/** An A/B variant of a campaign; {@code sharePct} is the planned share of recipients (0-100), may be null. */
public record CampaignVariant(String campaignId, String variant, String description, BigDecimal sharePct) {
    public CampaignVariant {
        Ids.requireId("campaign id", campaignId);
        Objects.requireNonNull(Ids.requireVariantOrNull(variant), "variant");
        if (sharePct != null && (sharePct.signum() < 0 || sharePct.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new IllegalArgumentException("sharePct must be 0..100: " + sharePct);
        }
    }
}

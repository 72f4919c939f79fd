package cz.proklik.erp.campaign;

import cz.proklik.erp.db.Ids;

import java.time.Instant;
import java.util.Objects;

/**
 * A campaign (one mailing). {@code utmCampaign} must be unique over all campaigns (seed 003: yyyy-mm-dd_promo_name);
 * {@code attributionDays} is the post-click window for orders, 5 by default.
 */
public record Campaign(String id, String name, String subject, String utmCampaign, String utmMedium,
                       Instant startsAt, Instant sentAt, int attributionDays, CampaignStatus status) {

    public static final int DEFAULT_ATTRIBUTION_DAYS = 5;

    public Campaign {
        Ids.requireId("campaign id", id);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(utmCampaign, "utmCampaign");
        if (attributionDays < 0 || attributionDays > 365) {
            throw new IllegalArgumentException("attributionDays must be 0..365: " + attributionDays);
        }
        status = status == null ? CampaignStatus.DRAFT : status;
    }

    /** A draft with the default attribution window. */
    public static Campaign draft(String id, String name, String subject, String utmCampaign) {
        return new Campaign(id, name, subject, utmCampaign, null, null, null, DEFAULT_ATTRIBUTION_DAYS,
                CampaignStatus.DRAFT);
    }
}

package cz.proklik.erp.campaign;

import cz.proklik.erp.db.Ids;
import cz.proklik.tracking.link.LinkFieldRules;
import cz.proklik.tracking.link.TargetUrls;

/** A part of the e-mail carrying a tracking link: "hero", "btn_secondary", "img-3". */
public record CampaignLink(String campaignId, String linkId, String description, String targetUrl, Integer position) {
    /** The longest description {@code pkl_campaign_link} holds. */
    public static final int MAX_DESCRIPTION = 400;

    public CampaignLink {
        Ids.requireId("campaign id", campaignId);
        Ids.requireId("link id", linkId);
    }

    /**
     * A link registered by hand (CLI, CSV) rather than found in a template: the description fits the column, the
     * position is not negative, and the target, when given, is a URL a tracking link may lead to, kept in its ASCII
     * form (docs/link-format.md) so that the links minted from it are exactly what the redirect page sends.
     *
     * @throws IllegalArgumentException naming the first rule broken
     */
    public static CampaignLink registered(String campaignId, String linkId, String description, String targetUrl,
                                          Integer position) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("description longer than " + MAX_DESCRIPTION + " characters");
        }
        if (position != null && position < 0) {
            throw new IllegalArgumentException("position must not be negative: " + position);
        }
        String target = null;
        if (targetUrl != null) {
            try {
                target = TargetUrls.normalise(targetUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("target is not an absolute http(s) URL: " + e.getMessage());
            }
            if (!LinkFieldRules.isTarget(target)) {
                throw new IllegalArgumentException("target is not a URL a tracking link may lead to (absolute"
                        + " http(s), at most " + LinkFieldRules.MAX_TARGET_LENGTH + " characters, no spaces or"
                        + " quotes; docs/link-format.md)");
            }
        }
        return new CampaignLink(campaignId, linkId, description, target, position);
    }
}

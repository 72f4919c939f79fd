package cz.proklik.erp.campaign;

import cz.proklik.erp.db.Ids;

/** A part of the e-mail carrying a tracking link: "hero", "btn_secondary", "img-3". */
public record CampaignLink(String campaignId, String linkId, String description, String targetUrl, Integer position) {
    public CampaignLink {
        Ids.requireId("campaign id", campaignId);
        Ids.requireId("link id", linkId);
    }
}

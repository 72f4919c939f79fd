package cz.proklik.erp.report;

import cz.proklik.erp.campaign.CampaignStatus;

import java.time.Instant;

/** One row of {@code pkl_eval_campaign}: a registered campaign and its KPIs. */
public record CampaignKpis(String campaignId, String name, String utmCampaign, CampaignStatus status, Instant sentAt,
                           int attributionDays, Kpis kpis) {
}

package cz.proklik.importer.refresh;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignRefreshDao;
import cz.proklik.erp.campaign.CampaignRefreshDao.RefreshState;
import cz.proklik.erp.send.ErpSendDao;
import cz.proklik.erp.send.SendDao;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A campaign's refresh (docs/schema.md, "Refresh schedule"): click logs are per redirect node, not per campaign, so
 * the click-log import is one run for all (the caller runs it after this), and what is per campaign is the ERP-side
 * read - its sends from {@code pkl_erp_send} - and the time it was refreshed, which {@code report campaigns} shows.
 * Order attribution is refreshed for every campaign by the import run's own step.
 */
public final class CampaignRefresh {
    private final CampaignDao campaigns;
    private final CampaignRefreshDao refreshes;
    private final ErpSendSync sends;
    private final RefreshSchedule schedule;
    private final Clock clock;

    public CampaignRefresh(DataSource dataSource, Clock clock) {
        this.campaigns = new CampaignDao(dataSource, clock);
        this.refreshes = new CampaignRefreshDao(dataSource);
        this.sends = new ErpSendSync(new ErpSendDao(dataSource), new SendDao(dataSource, clock), refreshes);
        this.schedule = new RefreshSchedule(clock);
        this.clock = clock;
    }

    /** The campaigns due by the refresh curve now. */
    public List<String> due() {
        Map<String, Instant> last = new HashMap<>();
        refreshes.all().forEach((id, state) -> last.put(id, state.refreshedAt()));
        return schedule.due(campaigns.all(), last);
    }

    /** Every registered campaign's id ({@code import --all}). */
    public List<String> all() {
        return campaigns.all().stream().map(Campaign::id).toList();
    }

    /** Whether a campaign of this id is registered. */
    public boolean exists(String campaignId) {
        return campaigns.exists(campaignId);
    }

    /** Refreshes the given campaigns now, one after the other; what each read. */
    public List<ErpSendSync.Result> refresh(List<String> campaignIds, CampaignRefreshDao.Reason reason) {
        Instant now = clock.instant();
        List<ErpSendSync.Result> results = new ArrayList<>();
        for (String id : campaignIds) {
            results.add(sends.sync(id, reason, now));
        }
        return results;
    }

    /** The last refresh of a campaign, if any. */
    public Optional<RefreshState> last(String campaignId) {
        return refreshes.find(campaignId);
    }
}

package cz.proklik.importer.followup;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.followup.FollowupDao;
import cz.proklik.erp.followup.FollowupItem;
import cz.proklik.erp.followup.FollowupRule;
import cz.proklik.erp.followup.FollowupText;
import cz.proklik.erp.followup.Trigger;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.ErpContactDao;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates every active follow-up rule (docs/followups.md): for each recipient whose first clean reaction fires a
 * rule and who has no item of it yet, one item with the rule's text filled from the ERP contact. Not incremental on
 * purpose: it asks "who qualifies and has no item" each time, so a rule added late, a run that failed half-way or
 * an aggregates rebuild leave nothing out, and the (rule, recipient) key leaves nothing twice.
 */
public final class FollowupEvaluator {
    private final FollowupDao followups;
    private final ErpContactDao contacts;
    private final CampaignDao campaigns;
    private final Clock clock;

    public FollowupEvaluator(FollowupDao followups, ErpContactDao contacts, CampaignDao campaigns, Clock clock) {
        this.followups = followups;
        this.contacts = contacts;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /** Rules evaluated and items queued by this run. */
    public record Result(int rules, int queued) {
    }

    public Result run() {
        List<FollowupRule> rules = followups.rules(false);
        int queued = 0;
        for (FollowupRule rule : rules) {
            List<Trigger> triggers = followups.pendingTriggers(rule);
            if (triggers.isEmpty()) {
                continue;
            }
            Map<String, ErpContact> byId = contacts.findAll(triggers.stream().map(Trigger::recipientId).toList());
            String campaignName = campaigns.find(rule.campaignId()).map(Campaign::name).orElse(rule.campaignId());
            Instant now = clock.instant();
            List<FollowupItem> items = new ArrayList<>();
            for (Trigger t : triggers) {
                ErpContact c = byId.get(t.recipientId());
                String text = FollowupText.render(rule.textTemplate(), FollowupText.values(t.recipientId(),
                        c == null ? null : c.firstName(), c == null ? null : c.lastName(),
                        c == null ? null : c.email(), rule.campaignId(), campaignName, t.linkId(), t.orderId()));
                items.add(FollowupItem.queued(rule.id(), rule.campaignId(), t.recipientId(), rule.kind(), rule.owner(),
                        text, rule.trigger().code(), t.eventId(), t.orderId(), t.at() == null ? now : t.at(), now));
            }
            queued += followups.queueOnce(items);
        }
        return new Result(rules.size(), queued);
    }
}

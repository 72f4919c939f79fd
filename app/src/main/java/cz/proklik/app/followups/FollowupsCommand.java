package cz.proklik.app.followups;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.Ids;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.followup.FollowupDao;
import cz.proklik.erp.followup.FollowupItem;
import cz.proklik.erp.followup.FollowupRule;
import cz.proklik.erp.followup.FollowupStatus;
import cz.proklik.erp.followup.FollowupText;
import cz.proklik.erp.followup.FollowupTrigger;
import cz.proklik.erp.followup.ItemKind;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.ErpContactDao;
import cz.proklik.erp.send.SendDao;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import static cz.proklik.report.TerminalText.safe;

/**
 * {@code proklik followups rules add|list|remove, create, list}: follow-up work from reactions (docs/followups.md).
 * The import job evaluates the rules; {@code create} queues one item by hand, e.g. for a response taken by phone.
 */
@Command(name = "followups", mixinStandardHelpOptions = true,
        description = "Follow-up work (tasks, activities, deals) for the ERP's workflow, from reactions.",
        subcommands = {FollowupsCommand.Rules.class, FollowupsCommand.Create.class, FollowupsCommand.ListItems.class})
public final class FollowupsCommand {
    @ParentCommand
    CommandContext context;

    @Command(name = "rules", mixinStandardHelpOptions = true, description = "Rules the import job evaluates.",
            subcommands = {AddRule.class, ListRules.class, RemoveRule.class})
    static final class Rules {
        @ParentCommand
        FollowupsCommand parent;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Add a rule: when a recipient reacts so in the campaign, queue one item for them (once).")
    static final class AddRule implements Callable<Integer> {
        @ParentCommand
        Rules rules;

        @Option(names = "--campaign", required = true, paramLabel = "C")
        String campaign;

        @Option(names = "--when", required = true, paramLabel = "TRIGGER",
                description = "clicked_link (with --link), clicked_any, ordered, unsubscribed, responded; clean"
                        + " reactions only (bots, scanners, pre-fetch never trigger work)")
        String when;

        @Option(names = "--link", paramLabel = "L", description = "the element of the e-mail, for clicked_link")
        String link;

        @Option(names = "--kind", required = true, paramLabel = "KIND", description = "task, activity or deal")
        String kind;

        @Option(names = "--owner", required = true, paramLabel = "O", description = "the ERP user or group")
        String owner;

        @Option(names = "--text", required = true, paramLabel = "T",
                description = "plain text; placeholders {name} {first_name} {last_name} {email} {recipient}"
                        + " {campaign} {campaign_name} {link} {order}")
        String text;

        @Override
        public Integer call() {
            FollowupRule rule = UsageException.ifInvalid(() -> new FollowupRule(null, campaign,
                    FollowupTrigger.fromCode(when), link, ItemKind.fromCode(kind), owner, text, Instant.now(), null));
            try (Database db = rules.parent.context.openMigratedDatabase()) {
                requireCampaign(db, campaign);
                int id = new FollowupDao(db.dataSource()).addRule(rule);
                rules.parent.context.out().printf("Rule %d added: %s -> %s for %s; the next import run queues its"
                        + " items%n", id, rule.triggerText(), rule.kind().code(), safe(rule.owner()));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the rules and their items so far.")
    static final class ListRules implements Callable<Integer> {
        @ParentCommand
        Rules rules;

        @Option(names = "--all", description = "removed rules too")
        boolean all;

        @Override
        public Integer call() {
            PrintWriter out = rules.parent.context.out();
            try (Database db = rules.parent.context.openMigratedDatabase()) {
                FollowupDao dao = new FollowupDao(db.dataSource());
                Map<Integer, Integer> counts = dao.itemCounts();
                for (FollowupRule r : dao.rules(all)) {
                    out.printf("%4d  %-36s %-8s %-16s %5d item(s)%s  %s%n", r.id(), safe(r.triggerText()),
                            r.kind().code(), safe(r.owner()), counts.getOrDefault(r.id(), 0),
                            r.active() ? "" : "  removed " + r.removedAt(), safe(r.textTemplate()));
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Stop a rule; the items it queued stay.")
    static final class RemoveRule implements Callable<Integer> {
        @ParentCommand
        Rules rules;

        @Parameters(paramLabel = "RULE_ID")
        int id;

        @Override
        public Integer call() {
            try (Database db = rules.parent.context.openMigratedDatabase()) {
                if (!new FollowupDao(db.dataSource()).removeRule(id, Instant.now())) {
                    throw new UsageException("no active rule " + id);
                }
                rules.parent.context.out().printf("Rule %d removed; its items stay in the queue%n", id);
            }
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Queue one follow-up item by hand (e.g. for a response).")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        FollowupsCommand parent;

        @Option(names = "--campaign", required = true, paramLabel = "C")
        String campaign;

        @Option(names = "--recipient", required = true, paramLabel = "R", description = "the ERP contact id")
        String recipient;

        @Option(names = "--kind", required = true, paramLabel = "KIND", description = "task, activity or deal")
        String kind;

        @Option(names = "--owner", required = true, paramLabel = "O")
        String owner;

        @Option(names = "--text", required = true, paramLabel = "T", description = "plain text, placeholders as in"
                + " rules add")
        String text;

        @Option(names = "--event", paramLabel = "EVENT_ID",
                description = "the event it answers (a response, a click) of this campaign and recipient")
        String event;

        @Override
        public Integer call() {
            ItemKind itemKind = UsageException.ifInvalid(() -> {
                Ids.requireId("campaign id", campaign);
                Ids.requireId("recipient id", recipient);
                FollowupText.requireTemplate(text);
                FollowupText.requireOwner(owner);
                return ItemKind.fromCode(kind);
            });
            try (Database db = parent.context.openMigratedDatabase()) {
                Campaign c = requireCampaign(db, campaign);
                Optional<ErpContact> contact = new ErpContactDao(db.dataSource()).find(recipient);
                if (contact.isEmpty() && new SendDao(db.dataSource()).find(campaign, recipient).isEmpty()) {
                    throw new UsageException("recipient " + recipient + " is neither an ERP contact nor a recipient"
                            + " of campaign " + campaign);
                }
                Instant now = Instant.now();
                Instant at = now;
                if (event != null) {
                    RawEventDao.StoredEvent e = new RawEventDao(db.dataSource()).findByEventId(event)
                            .filter(s -> campaign.equals(s.event().campaign()) && recipient.equals(s.event().recipient()))
                            .orElseThrow(() -> new UsageException("no event " + event + " of campaign " + campaign
                                    + " and recipient " + recipient));
                    at = e.event().time();
                }
                String rendered = FollowupText.render(text, FollowupText.values(recipient,
                        contact.map(ErpContact::firstName).orElse(null), contact.map(ErpContact::lastName).orElse(null),
                        contact.map(ErpContact::email).orElse(null), campaign, c.name(), null, null));
                long id = new FollowupDao(db.dataSource()).queueManual(FollowupItem.queued(null, campaign, recipient,
                        itemKind, FollowupText.requireOwner(owner), rendered, FollowupItem.MANUAL, event, null, at, now));
                parent.context.out().printf("Follow-up %d queued: %s for %s: %s%n", id, itemKind.code(), safe(owner),
                        safe(rendered));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The follow-up queue, newest first.")
    static final class ListItems implements Callable<Integer> {
        @ParentCommand
        FollowupsCommand parent;

        @Option(names = "--campaign", paramLabel = "C")
        String campaign;

        @Option(names = "--status", paramLabel = "STATUS", description = "new, taken or done")
        String status;

        @Option(names = "--limit", defaultValue = "100", description = "at most this many (${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            FollowupStatus wanted = status == null ? null : UsageException.ifInvalid(() -> FollowupStatus.fromCode(status));
            if (limit < 1) {
                throw new UsageException("--limit must be at least 1");
            }
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                if (campaign != null) {
                    requireCampaign(db, campaign);
                }
                List<FollowupItem> items = new FollowupDao(db.dataSource()).items(campaign, wanted, limit);
                out.printf("%d item(s)%n", items.size());
                for (FollowupItem i : items) {
                    out.printf("%6d  %-5s  %-8s %-16s %-12s %-16s %-13s %s  %s%n", i.id(), i.status().code(),
                            i.kind().code(), safe(i.owner()), safe(i.campaignId()), safe(i.recipientId()),
                            i.triggerKind() + (i.ruleId() == null ? "" : "#" + i.ruleId()), i.triggeredAt(),
                            safe(i.text()));
                }
            }
            return 0;
        }
    }

    static Campaign requireCampaign(Database db, String campaignId) {
        return new CampaignDao(db.dataSource()).find(campaignId)
                .orElseThrow(() -> new UsageException("no campaign " + campaignId + " (register it with 'campaigns add')"));
    }
}

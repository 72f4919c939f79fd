package cz.proklik.app.campaign;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.app.list.ListCommand;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.campaign.CampaignVariant;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.Ids;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.ErpContactDao;
import cz.proklik.erp.mailing.TemplateDao;
import cz.proklik.erp.mailing.card.CampaignCard;
import cz.proklik.erp.mailing.card.CampaignCardDao;
import cz.proklik.erp.mailing.list.ListDao;
import cz.proklik.erp.report.CampaignReportDao;
import cz.proklik.erp.report.Kpis;
import cz.proklik.erp.trigger.TriggerDao;
import cz.proklik.mailer.campaign.CampaignComposer;
import cz.proklik.mailer.campaign.VariantAssignment;
import cz.proklik.mailer.links.UtmParameters;
import cz.proklik.mailer.lists.ListEvaluation;
import cz.proklik.mailer.preview.CampaignPreview;
import cz.proklik.mailer.render.MintedLink;
import cz.proklik.mailer.send.TestMessages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import static cz.proklik.report.TerminalText.safe;

/**
 * {@code proklik campaign create|show|preview}: the mailer's campaign card. It extends the campaign of the same id
 * that {@code campaigns add} registers (one id space): create makes both, the pkl_campaign row with its UTM and
 * variants, and the card with list, template, greeting, products and holdout.
 */
@Command(name = "campaign", mixinStandardHelpOptions = true, description = "Campaign cards of the mailer.",
        subcommands = {CampaignCommand.Create.class, CampaignCommand.Show.class, CampaignCommand.Preview.class,
            CampaignSendCommands.Test.class, CampaignSendCommands.Send.class, CampaignSendCommands.Pause.class,
            CampaignSendCommands.Resume.class, CampaignSendCommands.Status.class,
            CampaignSendCommands.ResendInDoubt.class})
public final class CampaignCommand {
    @ParentCommand
    CommandContext context;

    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Create or replace a campaign card (and its campaign, links registered at preview).")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;

        @Parameters(paramLabel = "ID", description = "campaign id as in the links, 1-64 of [A-Za-z0-9._:-]")
        String id;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--list", required = true, description = "recipient list id")
        String list;

        @Option(names = "--template", required = true, description = "template id")
        String template;

        @Option(names = "--date", description = "campaign date (default: today, UTC)")
        LocalDate date;

        @Option(names = "--sequence", description = "sequence number (default: the next one)")
        Integer sequence;

        @Option(names = "--shop", description = "web shop of the template versions (default: the template's)")
        String shop;

        @Option(names = "--greeting", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "personal greeting (default: on)")
        boolean greeting;

        @Option(names = "--product", paramLabel = "PRODUCT_ID", description = "a product shown, in order (repeat)")
        List<String> products = new ArrayList<>();

        @Option(names = "--variant", paramLabel = "NAME:SHARE[:TEMPLATE]",
                description = "A/B variant with its share in %% of the mailed recipients (shares add up to 100),"
                        + " optionally with its own template (repeat)")
        List<String> variants = new ArrayList<>();

        @Option(names = "--holdout", defaultValue = "0", description = "%% of the list that gets no mail (default: 0)")
        BigDecimal holdout;

        @Option(names = "--utm-medium", defaultValue = "newsletter", description = "newsletter, automation or trigger")
        String utmMedium;

        @Option(names = "--utm-campaign", description = "unique; default yyyy-mm-dd_name from --date and --name")
        String utmCampaign;

        @Option(names = "--attribution-days", defaultValue = "5")
        int attributionDays;

        @Override
        public Integer call() {
            UsageException.ifInvalid(() -> Ids.requireId("campaign id", id));
            LocalDate day = date == null ? LocalDate.now(ZoneOffset.UTC) : date;
            UtmParameters utm = UsageException.ifInvalid(() -> new UtmParameters(utmMedium,
                    utmCampaign == null ? UtmParameters.campaignName(day, name) : utmCampaign));
            Map<String, BigDecimal> shares = new LinkedHashMap<>();
            Map<String, String> variantTemplates = new LinkedHashMap<>();
            for (String v : variants) {
                String[] parts = v.split(":", -1);
                if (parts.length < 2 || parts.length > 3) {
                    throw new UsageException("--variant must be NAME:SHARE[:TEMPLATE]: " + v);
                }
                UsageException.ifInvalid(() -> Ids.requireVariantOrNull(parts[0]));
                shares.put(parts[0], UsageException.ifInvalid(() -> new BigDecimal(parts[1])));
                if (parts.length == 3) {
                    variantTemplates.put(parts[0], parts[2]);
                }
            }
            UsageException.ifInvalid(() -> new VariantAssignment(id, holdout, shares)); // checks the shares
            UsageException.ifInvalid(() -> new CampaignCard(id, 1, day, list, template, shop, greeting, holdout, products,
                    variantTemplates, Instant.now())); // checks the holdout
            PrintWriter out = parent.context.out();
            if (TestMessages.isMarker(id)) {
                throw new UsageException("campaign ids starting with test: are the marker of test messages");
            }
            try (Database db = parent.context.openMigratedDatabase()) {
                CampaignDao campaigns = new CampaignDao(db.dataSource());
                if (new TriggerDao(db.dataSource(), Clock.systemUTC()).find(id).isPresent()) {
                    throw new UsageException("campaign " + id + " is the automation campaign of trigger " + id
                            + ": it mails by 'triggers run', never with a card of its own (docs/triggers.md)");
                }
                campaigns.find(id).filter(c -> CampaignSendCommands.FROZEN.contains(c.status())).ifPresent(c -> {
                    throw new UsageException("campaign " + id + " is " + c.status().code()
                            + ": its card is frozen once sending has started");
                });
                campaigns.findByUtmCampaign(utm.campaign()).filter(c -> !c.id().equals(id)).ifPresent(c -> {
                    throw new UsageException("utm_campaign " + utm.campaign() + " is already used by campaign "
                            + c.id() + " (seed 003: it must be unique); give --utm-campaign");
                });
                if (new ListDao(db.dataSource()).find(list).isEmpty()) {
                    throw new UsageException("no list " + list);
                }
                TemplateDao templates = new TemplateDao(db.dataSource());
                for (String t : concat(template, variantTemplates.values())) {
                    if (templates.find(t).isEmpty()) {
                        throw new UsageException("no template " + t);
                    }
                }
                Map<String, ?> known = new ErpContactDao(db.dataSource()).products(products);
                for (String p : products) {
                    if (!known.containsKey(p)) {
                        throw new UsageException("product " + p + " is not in the ERP (pkl_erp_product)");
                    }
                }
                CampaignCardDao cards = new CampaignCardDao(db.dataSource());
                int seq = sequence != null ? sequence
                        : cards.find(id).map(CampaignCard::sequenceNo).orElseGet(cards::nextSequenceNo);
                campaigns.register(new Campaign(id, name, null, utm.campaign(), utm.medium(), null, null,
                        attributionDays, CampaignStatus.DRAFT));
                for (Map.Entry<String, BigDecimal> s : shares.entrySet()) {
                    campaigns.saveVariant(new CampaignVariant(id, s.getKey(), null, s.getValue()));
                }
                cards.save(new CampaignCard(id, seq, day, list, template, shop, greeting, holdout, products,
                        variantTemplates, Instant.now()));
                campaigns.retainVariants(id, shares.keySet());
                out.printf("Campaign %s (no. %d, %s) saved: list %s, template %s, utm_campaign %s%n", id, seq, day,
                        list, template, utm.campaign());
            }
            return 0;
        }
    }

    private static List<String> concat(String first, Collection<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a campaign card with its recipients now and its statistics from the evaluation views.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                CampaignComposer composer = MailerSetup.composer(parent.context.config(), db, id);
                CampaignCard card = composer.card();
                Campaign c = new CampaignDao(db.dataSource()).find(id).orElseThrow();
                out.printf("%s  no. %d  %s  %s  [%s]%n", id, card.sequenceNo(), card.date(), safe(c.name()), c.status().code());
                out.printf("list %s, template %s, shop %s, greeting %s, products %s%n", card.listId(),
                        card.templateId(), card.shop() == null ? "(template default)" : card.shop(),
                        card.personalGreeting() ? "on" : "off", card.productIds().isEmpty() ? "-" : card.productIds());
                out.printf("utm_campaign %s, utm_medium %s, holdout %s %%%n", c.utmCampaign(), c.utmMedium(),
                        card.holdoutPct().stripTrailingZeros().toPlainString());
                for (CampaignVariant v : new CampaignDao(db.dataSource()).variants(id)) {
                    out.printf("variant %s: %s %% of the mailed%s%n", v.variant(), v.sharePct().stripTrailingZeros()
                            .toPlainString(), card.variantTemplates().containsKey(v.variant())
                            ? ", template " + card.variantTemplates().get(v.variant()) : "");
                }
                ListEvaluation e = ListCommand.evaluate(db, card.listId());
                long holdout = e.recipients().stream()
                        .filter(r -> composer.assignment().variantOf(r.contactId()).isEmpty()).count();
                out.printf("recipients now: %d (of them %d in the holdout), %d excluded%n", e.recipients().size(),
                        holdout, e.excluded().size());
                Optional<Kpis> k = new CampaignReportDao(db.dataSource()).campaign(id).map(x -> x.kpis());
                // Seed 001's statistics columns, from the same evaluation view the reports read.
                k.ifPresent(kpis -> out.printf("statistics: sent %d, delivered %d, errors %d, bounced %d, "
                        + "unique opens %d (clean %d), unique clicks %d (clean %d), unsubscribes %d%n", kpis.sent(),
                        kpis.delivered(), kpis.failed(), kpis.bounced(), kpis.uniqueOpensRaw(), kpis.uniqueOpensClean(),
                        kpis.uniqueClicksRaw(), kpis.uniqueClicksClean(), kpis.unsubscribes()));
            }
            return 0;
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Write the exact MIME message (.eml) one recipient would get, and its HTML.")
    static final class Preview implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--recipient", required = true, description = "ERP contact id")
        String recipient;

        @Option(names = "--out", descriptionKey = "proklik.mailer.preview-dir",
                description = "folder for the files (default: ${DEFAULT-VALUE})")
        Path outDir;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                CampaignComposer composer = MailerSetup.composer(parent.context.config(), db, id);
                ErpContact contact = new ErpContactDao(db.dataSource()).find(recipient)
                        .orElseThrow(() -> new UsageException("no contact " + recipient + " in the ERP"));
                ListEvaluation e = ListCommand.evaluate(db, composer.card().listId());
                e.excluded().stream().filter(x -> x.contactId().equals(recipient)).findFirst().ifPresent(x ->
                        out.println("note: " + recipient + " is excluded from list " + e.listId() + " ("
                                + x.reasons().get(0).reason().code() + "): the send would skip them"));
                if (e.excluded().stream().noneMatch(x -> x.contactId().equals(recipient))
                        && e.recipients().stream().noneMatch(r -> r.contactId().equals(recipient))) {
                    out.println("note: " + recipient + " is not on list " + e.listId() + " now");
                }
                Optional<CampaignPreview.Result> r = CampaignPreview.write(composer, contact, outDir,
                        new CampaignDao(db.dataSource()), Clock.systemUTC());
                if (r.isEmpty()) {
                    out.println(recipient + " is in the holdout group of " + id + ": no mail");
                    return 0;
                }
                out.println("variant " + (r.get().mail().variant().isEmpty() ? "-" : r.get().mail().variant())
                        + ", subject: " + safe(r.get().mail().subject()));
                out.println("wrote " + r.get().eml());
                out.println("wrote " + r.get().html());
                for (MintedLink l : r.get().mail().links()) {
                    out.printf("  %-20s %s%n", safe(l.linkId()), safe(l.target()));
                }
            }
            return 0;
        }
    }
}

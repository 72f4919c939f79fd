package cz.proklik.app.triggers;

import cz.proklik.app.campaign.MailerSetup;
import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.app.config.Converters;
import cz.proklik.app.config.SendConfig;
import cz.proklik.app.list.ListCommand;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.mailing.ErpContactDao;
import cz.proklik.erp.mailing.TemplateDao;
import cz.proklik.erp.mailing.delivery.DeliveryDao;
import cz.proklik.erp.mailing.delivery.DeliveryState;
import cz.proklik.erp.mailing.delivery.SendControlDao;
import cz.proklik.erp.report.CampaignReportDao;
import cz.proklik.erp.trigger.Trigger;
import cz.proklik.erp.trigger.TriggerDao;
import cz.proklik.erp.trigger.TriggerKind;
import cz.proklik.mailer.links.UtmParameters;
import cz.proklik.mailer.send.CampaignSender;
import cz.proklik.mailer.send.Pacing;
import cz.proklik.mailer.trigger.SendingWindow;
import cz.proklik.mailer.trigger.TriggerRunner;
import cz.proklik.tracking.verp.VerpAddress;
import org.springframework.dao.DuplicateKeyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static cz.proklik.report.TerminalText.safe;

/**
 * {@code proklik triggers add|list|remove|run}: automatic notifications on ERP events (seed 001, docs/triggers.md).
 * Each trigger mails under its own automation campaign (utm_medium trigger), which the reports show like any other.
 */
@Command(name = "triggers", mixinStandardHelpOptions = true,
        description = "Automatic notifications: a mail when an ERP event happens, once per contact and occurrence.",
        subcommands = {TriggersCommand.Add.class, TriggersCommand.ListTriggers.class, TriggersCommand.Remove.class,
                TriggersCommand.Run.class})
public final class TriggersCommand {
    static final String ZONE = "proklik.triggers.zone";
    static final String WINDOW = "proklik.triggers.window";
    static final String DAILY_CAP = "proklik.triggers.daily-cap";

    @ParentCommand
    CommandContext context;

    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Add a trigger and its automation campaign (the id of both).")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        TriggersCommand parent;

        @Parameters(paramLabel = "ID", description = "the trigger's id, also its campaign's")
        String id;

        @Option(names = "--kind", required = true, paramLabel = "KIND", description = "no_purchase (--days),"
                + " birthday, back_in_stock, abandoned_cart (--hours), order_over (--min-amount)")
        String kind;

        @Option(names = "--days", paramLabel = "N", description = "no_purchase: no order within N days after the"
                + " registration")
        Integer days;

        @Option(names = "--hours", paramLabel = "N", description = "abandoned_cart: the cart unchanged and not ordered"
                + " for N hours")
        Integer hours;

        @Option(names = "--min-amount", paramLabel = "AMOUNT", description = "order_over: an order of at least this"
                + " net amount (in the order's currency)")
        BigDecimal minAmount;

        @Option(names = "--template", required = true, paramLabel = "T", description = "the template (its version"
                + " for the contact's language at the shop)")
        String template;

        @Option(names = "--shop", paramLabel = "S", description = "the shop's template version; registrations, carts"
                + " and orders of this shop only (default: the template's default shop, events of every shop)")
        String shop;

        @Option(names = "--greeting", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "personal greeting (${DEFAULT-VALUE})")
        boolean greeting;

        @Option(names = "--name", paramLabel = "N", description = "the campaign's name (default: Trigger ID)")
        String name;

        @Option(names = "--utm-campaign", paramLabel = "U", description = "unique; default yyyy-mm-dd_name")
        String utmCampaign;

        @Option(names = "--attribution-days", paramLabel = "D", defaultValue = "5",
                description = "post-click window for orders (${DEFAULT-VALUE})")
        int attributionDays;

        @Option(names = "--active-from", paramLabel = "WHEN", description = "occurrences from this UTC time"
                + " (yyyy-mm-dd or ISO-8601) on are mailed; earlier ones never (default: now)")
        String activeFrom;

        @Override
        public Integer call() {
            Instant now = Instant.now();
            Instant from = activeFrom == null ? now : instant(activeFrom);
            String campaignName = name == null ? "Trigger " + id : name;
            String utm = utmCampaign == null ? UtmParameters.campaignName(LocalDate.ofInstant(now, ZoneOffset.UTC),
                    campaignName) : utmCampaign;
            TriggerKind k = UsageException.ifInvalid(() -> TriggerKind.fromCode(kind));
            Trigger t = UsageException.ifInvalid(() -> new Trigger(id, k, days, hours, minAmount, id, template, shop,
                    greeting, from, true, now, null));
            Campaign c = UsageException.ifInvalid(() -> new Campaign(id, campaignName, null, utm, "trigger", from, null,
                    attributionDays, CampaignStatus.DRAFT));
            try (Database db = parent.context.openMigratedDatabase()) {
                CampaignDao campaigns = new CampaignDao(db.dataSource());
                if (campaigns.exists(id)) {
                    throw new UsageException("campaign " + id + " exists already: a trigger mails under a campaign"
                            + " of its own; choose another id");
                }
                campaigns.findByUtmCampaign(utm).ifPresent(other -> {
                    throw new UsageException("utm_campaign " + utm + " is already used by campaign " + other.id()
                            + " (seed 003: it must be unique); give --utm-campaign");
                });
                if (new TemplateDao(db.dataSource()).find(template).isEmpty()) {
                    throw new UsageException("no template " + template);
                }
                try {
                    new TriggerDao(db.dataSource(), Clock.systemUTC()).add(t, c);
                } catch (DuplicateKeyException e) {
                    throw new UsageException("trigger " + id + " exists already");
                }
                PrintWriter out = parent.context.out();
                out.printf("trigger %s: %s%s, template %s, campaign %s (utm_campaign %s, utm_medium trigger),"
                        + " occurrences from %s%n", id, k.code(), t.parameterText().isEmpty() ? ""
                        : " " + t.parameterText(), safe(template), id, safe(utm), from);
                return 0;
            }
        }

        private static Instant instant(String value) {
            try {
                return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(value);
            } catch (DateTimeException e) {
                throw new UsageException("--active-from " + value + ": give yyyy-mm-dd or an ISO-8601 UTC time");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The triggers with their mails per state; with an ID, its latest occurrences.")
    static final class ListTriggers implements Callable<Integer> {
        @ParentCommand
        TriggersCommand parent;

        @Parameters(paramLabel = "ID", arity = "0..1", description = "one trigger: its occurrences")
        String id;

        @Option(names = "--all", description = "removed triggers too")
        boolean all;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "occurrences shown"
                + " (${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                TriggerDao triggers = new TriggerDao(db.dataSource(), Clock.systemUTC());
                if (id != null) {
                    Trigger t = triggers.find(id).orElseThrow(() -> new UsageException("no trigger " + id));
                    out.println(line(t, triggers.counts(t.id())));
                    for (TriggerDao.Recorded r : triggers.occurrences(t.id(), Math.max(1, limit))) {
                        out.printf("  %s %s  %s  %s  %s%n", safe(r.contactId()), safe(r.key()), r.occurredAt(),
                                r.state().code() + (r.outcome() == null || r.state() == DeliveryState.ACCEPTED ? ""
                                        : ": " + safe(r.outcome())), safe(r.detail() == null ? "" : r.detail()));
                    }
                    return 0;
                }
                List<Trigger> list = triggers.all(all);
                if (list.isEmpty()) {
                    out.println("no triggers ('triggers add' makes one)");
                }
                for (Trigger t : list) {
                    out.println(line(t, triggers.counts(t.id())));
                }
                return 0;
            }
        }

        private static String line(Trigger t, Map<DeliveryState, Long> counts) {
            return String.format("%s  %s%s  template %s%s  %s  from %s, last run %s  mailed %d, skipped %d, queued %d,"
                    + " failed %d, in doubt %d", t.id(), t.kind().code(), t.parameterText().isEmpty() ? ""
                    : " " + t.parameterText(), safe(t.templateId()), t.shop() == null ? "" : " shop " + safe(t.shop()),
                    t.active() ? "active" : "removed", t.activeFrom(), t.lastRunAt() == null ? "never" : t.lastRunAt(),
                    counts.get(DeliveryState.ACCEPTED), counts.get(DeliveryState.SKIPPED),
                    counts.get(DeliveryState.QUEUED), counts.get(DeliveryState.FAILED),
                    counts.get(DeliveryState.IN_DOUBT));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Stop a trigger for good (its campaign, occurrences and statistics stay).")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        TriggersCommand parent;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            try (Database db = parent.context.openMigratedDatabase()) {
                if (!new TriggerDao(db.dataSource(), Clock.systemUTC()).remove(id)) {
                    throw new UsageException("no active trigger " + id);
                }
                parent.context.out().println("trigger " + id + " removed: it mails no more; its campaign " + id
                        + " stays in the reports");
                return 0;
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Find the new occurrences of every active trigger (or those given) and mail them.")
    static final class Run implements Callable<Integer> {
        @ParentCommand
        TriggersCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--trigger", paramLabel = "ID", description = "only this trigger (repeatable)")
        List<String> only = new ArrayList<>();

        @Option(names = "--every", paramLabel = "PAUSE", converter = Converters.DurationConverter.class,
                description = "stay up and run again after this pause, e.g. 15m (default: once)")
        Duration every;

        @Option(names = "--zone", descriptionKey = ZONE, paramLabel = "ZONE",
                description = "the calendar day of a birthday (${DEFAULT-VALUE})")
        String zone;

        @Option(names = "--window", descriptionKey = WINDOW, paramLabel = "HH:mm-HH:mm",
                description = "mails go out only between these local times; empty = any time (${DEFAULT-VALUE})")
        String window;

        @Option(names = "--daily-cap", descriptionKey = DAILY_CAP, paramLabel = "N",
                description = "trigger mails per contact and day at most, over all triggers; 0 = none"
                        + " (${DEFAULT-VALUE})")
        Integer dailyCap;

        @Option(names = "--connections", descriptionKey = "proklik.smtp.connections",
                description = "SMTP connections (default: ${DEFAULT-VALUE})")
        Integer connections;

        private final AtomicReference<CampaignSender> sending = new AtomicReference<>();
        private volatile boolean stopped;

        @Override
        public Integer call() throws Exception {
            SendConfig.Send send = parent.context.settings(SendConfig::from, spec);
            ZoneId birthdays = parent.context.settings(c -> {
                try {
                    return ZoneId.of(c.get(ZONE));
                } catch (DateTimeException e) {
                    throw new UsageException(ZONE + ": no time zone " + c.get(ZONE));
                }
            }, spec);
            TriggerRunner.SendingRules rules = parent.context.settings(c -> {
                SendingWindow hours;
                try {
                    hours = SendingWindow.parse(c.get(WINDOW), birthdays);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(WINDOW + ": " + e.getMessage());
                }
                int cap;
                try {
                    cap = Integer.parseInt(c.get(DAILY_CAP).strip());
                } catch (NumberFormatException e) {
                    cap = -1;
                }
                if (cap < 0) {
                    throw new UsageException(DAILY_CAP + ": a number of mails, 0 for no cap, not " + c.get(DAILY_CAP));
                }
                return new TriggerRunner.SendingRules(hours, cap);
            }, spec);
            if (every != null && (every.isNegative() || every.isZero())) {
                throw new UsageException("--every must be a pause above 0, e.g. 15m");
            }
            PrintWriter out = parent.context.out();
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                stopped = true;
                CampaignSender s = sending.get();
                if (s != null) {
                    s.stop("interrupted (stopped)");
                }
                stop.countDown();
            }, "proklik-triggers-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (every == null) {
                    return runOnce(send, birthdays, rules, out) ? 0 : 1;
                }
                out.println("Running the triggers every " + every + " until stopped");
                out.flush();
                do {
                    runOnce(send, birthdays, rules, out);
                    out.flush();
                } while (!stopped && !stop.await(every.toMillis(), TimeUnit.MILLISECONDS));
                return 0;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs or ran: nothing to undo
                }
            }
        }

        /** One run with its own connection: between the runs of --every the embedded database is free. */
        private boolean runOnce(SendConfig.Send send, ZoneId birthdays, TriggerRunner.SendingRules rules,
                                PrintWriter out) throws Exception {
            boolean ok = true;
            try (Database db = parent.context.openMigratedDatabase()) {
                Clock clock = Clock.systemUTC();
                TriggerDao triggers = new TriggerDao(db.dataSource(), clock);
                List<Trigger> chosen = new ArrayList<>();
                for (String id : only) {
                    Trigger t = triggers.find(id).filter(Trigger::active)
                            .orElseThrow(() -> new UsageException("no active trigger " + id));
                    chosen.add(t);
                }
                if (only.isEmpty()) {
                    chosen.addAll(triggers.all(false));
                }
                TriggerRunner runner = new TriggerRunner(triggers, new DeliveryDao(db.dataSource(), clock),
                        ListCommand.evaluator(db), clock, birthdays, rules);
                for (Trigger t : chosen) {
                    if (stopped) {
                        break;
                    }
                    TriggerRunner.Outcome o = runner.run(t, trigger -> {
                        CampaignDao campaigns = new CampaignDao(db.dataSource());
                        Campaign c = campaigns.find(trigger.campaignId()).orElseThrow();
                        CampaignSender s = new CampaignSender(new CampaignSender.Parts(
                                new DeliveryDao(db.dataSource(), clock), new SendControlDao(db.dataSource(), clock),
                                campaigns, new ErpContactDao(db.dataSource()),
                                MailerSetup.composer(parent.context.config(), db, c, TriggerRunner.card(trigger))
                                        .withProductsOfDelivery(triggers::productsOfDelivery),
                                new VerpAddress(MailerSetup.linkRing(parent.context.config())), db::flushCommits, !db.ownedByThisProcess(),
                                new CampaignReportDao(db.dataSource())::variants), send.smtp(), send.settings(),
                                new Pacing(send.pacing(), clock), clock, line -> out.println(safe(line)));
                        sending.set(s);
                        if (stopped) {
                            s.stop("interrupted (stopped)");
                        }
                        return s;
                    });
                    sending.set(null);
                    ok &= report(o, out);
                }
            }
            return ok;
        }

        private static boolean report(TriggerRunner.Outcome o, PrintWriter out) {
            StringBuilder line = new StringBuilder("trigger " + o.trigger().id() + " (" + o.trigger().kind().code()
                    + "): " + o.found() + " new occurrence(s), " + o.queued() + " queued");
            o.suppressed().forEach((reason, n) -> line.append(", not mailed ").append(reason).append(' ').append(n));
            if (o.skippedBeforeSend() > 0) {
                line.append(", ").append(o.skippedBeforeSend()).append(" queued earlier now suppressed");
            }
            out.println(line);
            CampaignSender.Result r = o.send();
            if (r == null) {
                if (o.waitsUntil() != null) {
                    out.println("  outside the sending window: the queued mails wait until " + o.waitsUntil());
                }
                return true;
            }
            if (o.waitsUntil() != null && r instanceof CampaignSender.Result.Paused p) {
                out.println("  the sending window closed: " + counts(p.counts()) + "; the queued mails wait until "
                        + o.waitsUntil());
                return true;
            }
            if (r instanceof CampaignSender.Result.Finished f) {
                out.println("  sent: " + counts(f.counts()));
                return true;
            }
            if (r instanceof CampaignSender.Result.Paused p) {
                out.println("  paused: " + safe(p.reason()) + "; " + counts(p.counts())
                        + " (the next run sends what is queued)");
                return false;
            }
            CampaignSender.Result.Busy b = (CampaignSender.Result.Busy) r;
            out.println("  being sent by " + safe(b.runner()) + " (heartbeat " + b.heartbeatAt() + "): skipped");
            return false;
        }

        private static String counts(Map<DeliveryState, Long> counts) {
            return "accepted " + counts.get(DeliveryState.ACCEPTED) + ", failed " + counts.get(DeliveryState.FAILED)
                    + ", skipped " + counts.get(DeliveryState.SKIPPED) + ", in doubt "
                    + counts.get(DeliveryState.IN_DOUBT) + ", queued " + counts.get(DeliveryState.QUEUED)
                    + " (all time)";
        }
    }
}

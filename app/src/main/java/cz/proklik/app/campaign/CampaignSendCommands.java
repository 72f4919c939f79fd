package cz.proklik.app.campaign;

import cz.proklik.app.cli.UsageException;
import cz.proklik.app.config.SendConfig;
import cz.proklik.app.list.ListCommand;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.ErpContactDao;
import cz.proklik.erp.mailing.delivery.Delivery;
import cz.proklik.erp.mailing.delivery.DeliveryDao;
import cz.proklik.erp.mailing.delivery.DeliveryState;
import cz.proklik.erp.mailing.delivery.SendControl;
import cz.proklik.erp.mailing.delivery.SendControlDao;
import cz.proklik.erp.report.CampaignReportDao;
import cz.proklik.mailer.campaign.CampaignComposer;
import cz.proklik.mailer.lists.Addresses;
import cz.proklik.mailer.lists.ListEvaluation;
import cz.proklik.mailer.send.CampaignSender;
import cz.proklik.mailer.send.HandOff;
import cz.proklik.mailer.send.Pacing;
import cz.proklik.mailer.send.TestMessages;
import cz.proklik.tracking.verp.VerpAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import static cz.proklik.report.TerminalText.safe;

/**
 * {@code proklik campaign test|send|pause|resume|status|resend-in-doubt} (docs/mailer-sending.md): the lifecycle
 * draft -> tested -> sending -> paused -> done over the sending engine of the mailer module.
 */
final class CampaignSendCommands {
    /** Once sending started, the card, its template and its list are frozen. */
    static final Set<CampaignStatus> FROZEN = EnumSet.of(CampaignStatus.SENDING, CampaignStatus.PAUSED,
            CampaignStatus.DONE);

    private CampaignSendCommands() {
    }

    static Campaign campaign(Database db, String id) {
        return new CampaignDao(db.dataSource()).find(id).orElseThrow(() -> new UsageException("no campaign " + id));
    }

    @Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Send each variant's mail, marked as a test, to test addresses (draft -> tested).")
    static final class Test implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "test address (repeat)")
        List<String> to = new ArrayList<>();

        @Option(names = "--recipient", description = "ERP contact whose data fills the keywords (default: the first"
                + " recipient of the list)")
        String recipient;

        @Override
        public Integer call() throws Exception {
            for (String a : to) {
                if (!Addresses.valid(a)) {
                    throw new UsageException("--to " + a + " is not a valid address");
                }
            }
            SendConfig.Send send = parent.context.settings(SendConfig::from, spec);
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                Campaign c = campaign(db, id);
                if (c.status() == CampaignStatus.CANCELLED) {
                    throw new UsageException("campaign " + id + " is cancelled");
                }
                CampaignComposer composer = MailerSetup.composer(parent.context.config(), db, id, true);
                ErpContact sample = sample(db, composer);
                List<String> variants = composer.assignment().variants().isEmpty() ? List.of("")
                        : composer.assignment().variants();
                List<TestMessages.Sent> sent = TestMessages.send(composer, sample, variants, to, send.smtp(),
                        send.settings(), Clock.systemUTC());
                int failed = 0;
                for (TestMessages.Sent s : sent) {
                    boolean ok = s.outcome() instanceof HandOff.Accepted;
                    failed += ok ? 0 : 1;
                    out.printf("%s variant %s: %s%n", safe(s.address()), s.variant().isEmpty() ? "-" : s.variant(),
                            safe(describe(s.outcome())));
                }
                out.println("test messages are personalised as " + sample.id() + "; their links are tracked for "
                        + TestMessages.campaignId(id) + " / " + TestMessages.RECIPIENT
                        + ", which the statistics never count");
                if (failed == 0 && c.status() == CampaignStatus.DRAFT) {
                    new CampaignDao(db.dataSource()).setStatus(id, CampaignStatus.TESTED);
                    out.println("campaign " + id + " is tested: 'campaign send " + id + "' sends it");
                }
                return failed == 0 ? 0 : 1;
            }
        }

        private ErpContact sample(Database db, CampaignComposer composer) {
            ErpContactDao contacts = new ErpContactDao(db.dataSource());
            if (recipient != null) {
                return contacts.find(recipient).orElseThrow(() -> new UsageException("no contact " + recipient
                        + " in the ERP"));
            }
            ListEvaluation e = ListCommand.evaluate(db, composer.card().listId());
            if (e.recipients().isEmpty()) {
                throw new UsageException("list " + e.listId() + " has no recipient now: give --recipient");
            }
            return contacts.find(e.recipients().get(0).contactId()).orElseThrow();
        }
    }

    static String describe(HandOff outcome) {
        if (outcome instanceof HandOff.Accepted a) {
            return "accepted (" + a.reply() + ")";
        }
        if (outcome instanceof HandOff.Rejected r) {
            return "rejected: " + r.reply();
        }
        if (outcome instanceof HandOff.Deferred d) {
            return "deferred: " + d.reply();
        }
        if (outcome instanceof HandOff.NotConnected n) {
            return "relay not reached: " + n.reason();
        }
        return "unknown (connection broke): " + ((HandOff.Unknown) outcome).reason();
    }

    /** send, resume and resend-in-doubt share the foreground run. */
    abstract static class Run implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--connections", descriptionKey = "proklik.smtp.connections",
                description = "SMTP connections, one sending thread each (default: ${DEFAULT-VALUE})")
        Integer connections;

        /** Checks the campaign's state; may change rows before the run (resend-in-doubt). */
        abstract void before(Database db, Campaign c, PrintWriter out);

        @Override
        public Integer call() throws Exception {
            SendConfig.Send send = parent.context.settings(SendConfig::from, spec);
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                Campaign c = campaign(db, id);
                before(db, c, out);
                CampaignComposer composer = MailerSetup.composer(parent.context.config(), db, id);
                Clock clock = Clock.systemUTC();
                CampaignSender sender = new CampaignSender(new CampaignSender.Parts(new DeliveryDao(db.dataSource(),
                        clock), new SendControlDao(db.dataSource(), clock), new CampaignDao(db.dataSource()),
                        new ErpContactDao(db.dataSource()), composer,
                        new VerpAddress(MailerSetup.linkRing(parent.context.config())), db::flushCommits, !db.ownedByThisProcess(),
                        new CampaignReportDao(db.dataSource())::variants),
                        send.smtp(), send.settings(), new Pacing(send.pacing(), clock), clock, line -> out.println(safe(line)));
                ListEvaluation list = ListCommand.evaluate(db, composer.card().listId());
                out.printf("sending %s to list %s (%d recipient(s) now) through %s%n", id, list.listId(),
                        list.recipients().size(), send.smtp());
                // Ctrl-C and SIGTERM pause cleanly: the messages in flight finish and are recorded first.
                List<Signal> signals = List.of(new Signal("INT"), new Signal("TERM"));
                List<sun.misc.SignalHandler> previous = new ArrayList<>();
                for (Signal s : signals) {
                    previous.add(Signal.handle(s, sig -> sender.stop("interrupted (SIG" + sig.getName() + ")")));
                }
                CampaignSender.Result result;
                try {
                    result = sender.run(list.recipients());
                } finally {
                    for (int i = 0; i < signals.size(); i++) {
                        Signal.handle(signals.get(i), previous.get(i));
                    }
                }
                if (result instanceof CampaignSender.Result.Busy b) {
                    out.println("campaign " + id + " is being sent by " + safe(b.runner()) + " (heartbeat "
                            + b.heartbeatAt() + "); 'campaign pause " + id + "' asks it to pause");
                    return 1;
                }
                if (result instanceof CampaignSender.Result.Paused p) {
                    out.println("paused: " + safe(p.reason()));
                    out.println(counts(p.counts()) + "; 'campaign resume " + id + "' continues");
                    return 0;
                }
                out.println("done: " + counts(((CampaignSender.Result.Finished) result).counts()));
                return 0;
            }
        }
    }

    static String counts(Map<DeliveryState, Long> counts) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<DeliveryState, Long> e : counts.entrySet()) {
            parts.add(e.getKey().code() + " " + e.getValue());
        }
        return String.join(", ", parts);
    }

    @Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Send a tested campaign in the foreground (Ctrl-C or SIGTERM pause it cleanly).")
    static final class Send extends Run {
        @Override
        void before(Database db, Campaign c, PrintWriter out) {
            switch (c.status()) {
                case DRAFT -> throw new UsageException("campaign " + id + " is a draft: send a test first ('campaign"
                        + " test " + id + " --to ADDRESS')");
                case DONE -> throw new UsageException("campaign " + id + " is done (read-only); 'campaign status "
                        + id + "' shows its outcome");
                case CANCELLED -> throw new UsageException("campaign " + id + " is cancelled");
                case PAUSED -> out.println("campaign " + id + " was paused: resuming");
                default -> {
                }
            }
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Resume a paused campaign in the foreground (messages in doubt are not resent).")
    static final class Resume extends Run {
        @Override
        void before(Database db, Campaign c, PrintWriter out) {
            if (c.status() != CampaignStatus.PAUSED && c.status() != CampaignStatus.SENDING) {
                throw new UsageException("campaign " + id + " is " + c.status().code() + ", not paused");
            }
        }
    }

    @Command(name = "resend-in-doubt", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Send the messages in doubt again (same Message-ID), then whatever else is queued.")
    static final class ResendInDoubt extends Run {
        @Option(names = "--recipient", description = "only this recipient's message")
        String recipient;

        @Override
        void before(Database db, Campaign c, PrintWriter out) {
            if (c.status() == CampaignStatus.DRAFT || c.status() == CampaignStatus.TESTED
                    || c.status() == CampaignStatus.CANCELLED) {
                throw new UsageException("campaign " + id + " is " + c.status().code() + ": nothing was sent");
            }
            int n = new DeliveryDao(db.dataSource(), Clock.systemUTC()).requeueInDoubt(id, recipient);
            if (n == 0) {
                throw new UsageException("campaign " + id + " has no message in doubt"
                        + (recipient == null ? "" : " for " + recipient));
            }
            out.println(n + " message(s) in doubt queued again");
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Ask the process sending a campaign to pause (it finishes the messages in flight).")
    static final class Pause implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            SendConfig.Send send = parent.context.settings(SendConfig::from, spec);
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                Campaign c = campaign(db, id);
                if (c.status() == CampaignStatus.PAUSED) {
                    out.println("campaign " + id + " is paused already");
                    return 0;
                }
                if (c.status() != CampaignStatus.SENDING) {
                    throw new UsageException("campaign " + id + " is " + c.status().code() + ", not sending");
                }
                SendControlDao controls = new SendControlDao(db.dataSource(), Clock.systemUTC());
                controls.requestPause(id, "paused by the operator (campaign pause)");
                Optional<SendControl> control = controls.find(id);
                boolean live = control.isPresent() && control.get().runner() != null
                        && control.get().heartbeatAt() != null
                        && control.get().heartbeatAt().isAfter(Instant.now().minus(send.settings().lease()));
                if (live) {
                    out.println("asked " + safe(control.get().runner()) + " to pause " + id
                            + "; it stops after the messages in flight");
                } else {
                    // Nobody is sending (the sender was killed): the next start turns its hand-offs into doubts.
                    new CampaignDao(db.dataSource()).setStatus(id, CampaignStatus.PAUSED);
                    out.println("no sender is running for " + id + ": marked paused");
                }
                return 0;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Counts per send state, the rate, the pause reason and every message in doubt.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                Campaign c = campaign(db, id);
                Clock clock = Clock.systemUTC();
                DeliveryDao deliveries = new DeliveryDao(db.dataSource(), clock);
                Optional<SendControl> control = new SendControlDao(db.dataSource(), clock).find(id);
                out.printf("%s  %s  [%s]%n", id, safe(c.name()), c.status().code());
                Map<DeliveryState, Long> counts = deliveries.counts(id);
                out.println(counts(counts));
                long lastMinute = deliveries.finishedSince(id, clock.instant().minus(Duration.ofMinutes(1)));
                out.printf("rate: %d handed over in the last minute (%.1f/s)%n", lastMinute, lastMinute / 60.0);
                control.ifPresent(k -> {
                    if (k.runner() != null) {
                        out.println("sender: " + safe(k.runner()) + ", heartbeat " + k.heartbeatAt());
                    }
                    if (k.pauseRequested()) {
                        out.println("pause asked: " + safe(k.pauseReason()));
                    } else if (k.pauseReason() != null) {
                        out.println("paused because: " + safe(k.pauseReason()));
                    }
                    if (k.abWinner() != null) {
                        out.println("A/B winner: " + safe(k.abWinner()) + " (" + safe(k.abWinnerReason()) + ")");
                    } else if (k.abTestDoneAt() != null) {
                        out.println("A/B test phase: test group sent (last hand-over " + k.abTestDoneAt()
                                + "), the winner is chosen proklik.mail.send.ab.decision-wait after it");
                    }
                });
                for (DeliveryDao.CapWait w : deliveries.capWaits(id, clock.instant())) {
                    out.printf("waiting for %s's hourly cap: %d queued, due %s%s%n", safe(w.capKey()), w.waiting(),
                            w.firstDue(), w.lastDue().equals(w.firstDue()) ? "" : " to " + w.lastDue());
                }
                List<Delivery> doubt = deliveries.inState(id, DeliveryState.IN_DOUBT);
                if (!doubt.isEmpty()) {
                    out.println("in doubt (" + doubt.size() + "; may have been delivered, resent only by"
                            + " 'campaign resend-in-doubt " + id + " [--recipient R]'):");
                    for (Delivery d : doubt) {
                        out.printf("  %s  %s  <%s>  since %s  %s%n", safe(d.recipientId()), safe(d.email()),
                                safe(d.messageId()), d.handedOverAt(), safe(d.smtpReply()));
                    }
                }
                return 0;
            }
        }
    }
}

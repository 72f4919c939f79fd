package cz.proklik.app.bounces;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.app.config.BounceConfig;
import cz.proklik.app.keys.KeyRingSource;
import cz.proklik.bounces.analyze.BounceAnalyzer;
import cz.proklik.bounces.classify.Classifier;
import cz.proklik.bounces.fetch.BounceSource;
import cz.proklik.bounces.fetch.FolderSource;
import cz.proklik.bounces.fetch.ImapSource;
import cz.proklik.bounces.fetch.MailboxSettings;
import cz.proklik.bounces.fetch.Pop3Source;
import cz.proklik.bounces.job.BounceImport;
import cz.proklik.bounces.job.BounceSettings;
import cz.proklik.bounces.job.ImportSummary;
import cz.proklik.bounces.match.SendMatcher;
import cz.proklik.bounces.parse.BounceParser;
import cz.proklik.bounces.suppress.SuppressionRules;
import cz.proklik.erp.bounce.BounceMatchDao;
import cz.proklik.erp.bounce.BounceStore;
import cz.proklik.erp.bounce.Suppression;
import cz.proklik.erp.bounce.SuppressionDao;
import cz.proklik.erp.db.Database;
import cz.proklik.report.TerminalText;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.verp.VerpAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code proklik bounces fetch|import|list|unsuppress}: the bounce mailbox, a folder of saved bounces, the
 * suppression list and lifting a suppression by hand.
 */
@Command(name = "bounces", mixinStandardHelpOptions = true,
        description = "Bounces and complaints: read them, suppress dead addresses, show the list (docs/bounces.md).",
        subcommands = {BouncesCommand.Fetch.class, BouncesCommand.Import.class, BounceListCommand.class,
                BouncesCommand.Unsuppress.class})
public final class BouncesCommand {
    @ParentCommand
    CommandContext context;

    int run(BounceSettings settings, BounceSource source) throws Exception {
        try (Database db = context.openMigratedDatabase(); source) {
            ImportSummary s = job(settings, db).run(source, settings.maxMessages(), settings.retention(), l -> { });
            context.out().println(source.name() + ": " + s.line());
            return 0;
        }
    }

    private BounceImport job(BounceSettings settings, Database db) throws IOException {
        KeyRing ring = new KeyRingSource(context.config()).load();
        Clock clock = Clock.systemUTC();
        BounceStore store = new BounceStore(db.dataSource());
        return new BounceImport(db, new BounceParser(settings.ownSenders()),
                new BounceAnalyzer(Classifier.standard(), new SendMatcher(new BounceMatchDao(db.dataSource()),
                        new VerpAddress(ring), new LinkCodec(ring))),
                new SuppressionRules(settings.suppression(), store, new SuppressionDao(db.dataSource()), clock),
                clock, settings.batchSize());
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Read the bounce mailbox (IMAP or POP3, proklik.bounces.mailbox.url): record each report "
                    + "once, move it to the processed folder, leave other mail where it is.")
    static final class Fetch implements Callable<Integer> {
        @ParentCommand
        BouncesCommand bounces;

        @Spec
        CommandSpec spec;

        @Option(names = "--mailbox", descriptionKey = "proklik.bounces.mailbox.url",
                description = "imaps://user@host/INBOX or pop3s://user@host (${DEFAULT-VALUE})")
        String url;

        @Option(names = "--max", descriptionKey = "proklik.bounces.max-messages",
                description = "messages per run (${DEFAULT-VALUE})")
        int max;

        @Override
        public Integer call() throws Exception {
            BounceSettings settings = bounces.context.settings(BounceConfig::from, spec);
            if (settings.mailboxUrl().isEmpty()) {
                throw new UsageException("no bounce mailbox: set proklik.bounces.mailbox.url "
                        + "(PROKLIK_BOUNCES_MAILBOX_URL) or --mailbox");
            }
            MailboxSettings box = UsageException.ifInvalid(
                    () -> MailboxSettings.parse(settings.mailboxUrl(), settings.mailboxPassword()));
            BounceSource source = box.isImap() ? new ImapSource(box, settings.processedFolder())
                    : new Pop3Source(box, settings.processedDir());
            return bounces.run(settings, source);
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Read a folder of .eml files (bounces saved elsewhere or forwarded by a relay); handled "
                    + "files move to proklik.bounces.processed-dir, others stay.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        BouncesCommand bounces;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "the folder")
        Path dir;

        @Option(names = "--max", descriptionKey = "proklik.bounces.max-messages",
                description = "messages per run (${DEFAULT-VALUE})")
        int max;

        @Override
        public Integer call() throws Exception {
            BounceSettings settings = bounces.context.settings(BounceConfig::from, spec);
            if (!Files.isDirectory(dir)) {
                throw new UsageException("not a folder: " + dir);
            }
            return bounces.run(settings, new FolderSource(dir, settings.processedDir()));
        }
    }

    @Command(name = "unsuppress", mixinStandardHelpOptions = true,
            description = "Lift the suppression of these addresses (a wrong hard verdict, a mailbox that works again,"
                    + " the person asked): they get mail again; their bounces stay recorded.")
    static final class Unsuppress implements Callable<Integer> {
        @ParentCommand
        BouncesCommand bounces;

        @Parameters(paramLabel = "ADDRESS", arity = "1..*", description = "e-mail addresses (any case)")
        List<String> addresses;

        @Override
        public Integer call() {
            try (Database db = bounces.context.openMigratedDatabase()) {
                SuppressionDao dao = new SuppressionDao(db.dataSource());
                for (String address : addresses) {
                    List<Suppression> rows = dao.of(address);
                    dao.lift(address);
                    bounces.context.out().println(TerminalText.safe(address.trim()) + ": " + (rows.isEmpty()
                            ? "was not suppressed"
                            : "lifted " + rows.stream().map(r -> r.scope() + " (" + r.reason() + ")")
                                    .collect(Collectors.joining(", "))));
                }
                return 0;
            }
        }
    }
}

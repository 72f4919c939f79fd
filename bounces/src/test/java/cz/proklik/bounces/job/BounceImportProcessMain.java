package cz.proklik.bounces.job;

import cz.proklik.bounces.analyze.BounceAnalyzer;
import cz.proklik.bounces.classify.Classifier;
import cz.proklik.bounces.fetch.ImapSource;
import cz.proklik.bounces.fetch.MailboxSettings;
import cz.proklik.bounces.match.SendMatcher;
import cz.proklik.bounces.parse.BounceParser;
import cz.proklik.bounces.suppress.SuppressionRules;
import cz.proklik.bounces.suppress.SuppressionSettings;
import cz.proklik.erp.bounce.BounceMatchDao;
import cz.proklik.erp.bounce.BounceStore;
import cz.proklik.erp.bounce.SuppressionDao;
import cz.proklik.erp.db.Database;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.verp.VerpAddress;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The bounce import as its own JVM, for {@link BounceImportCrashTest}: args HOME IMAP_PORT; prints its progress. */
public final class BounceImportProcessMain {
    public static void main(String[] args) throws Exception {
        try (Database db = Database.embedded(Path.of(args[0]))) {
            BounceImport job = job(db);
            MailboxSettings box = new MailboxSettings("imap", "127.0.0.1", Integer.parseInt(args[1]),
                    MailboxFixture.USER, MailboxFixture.PASSWORD, "INBOX");
            try (ImapSource source = new ImapSource(box, "Processed")) {
                ImportSummary s = job.run(source, 10_000, Duration.ZERO, line -> {
                    System.out.println(line);
                    System.out.flush();
                });
                System.out.println("DONE " + s.line());
            }
        }
    }

    static BounceImport job(Database db) {
        KeyRing ring = KeyRing.empty();
        BounceStore store = new BounceStore(db.dataSource());
        return new BounceImport(db, new BounceParser(),
                new BounceAnalyzer(Classifier.standard(), new SendMatcher(new BounceMatchDao(db.dataSource()),
                        new VerpAddress(ring), new LinkCodec(ring))),
                new SuppressionRules(SuppressionSettings.DEFAULTS, store, new SuppressionDao(db.dataSource()),
                        Clock.systemUTC()), Clock.systemUTC(), 5);
    }
}

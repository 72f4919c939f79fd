package cz.proklik.bounces.job;

import cz.proklik.bounces.BounceFixture;
import cz.proklik.bounces.fetch.BounceSource;
import cz.proklik.bounces.fetch.FolderSource;
import cz.proklik.bounces.fetch.ImapSource;
import cz.proklik.bounces.fetch.Pop3Source;
import cz.proklik.bounces.parse.BounceParser;
import cz.proklik.bounces.suppress.SuppressionRules;
import cz.proklik.bounces.suppress.SuppressionSettings;
import cz.proklik.erp.bounce.BounceStore;
import cz.proklik.erp.bounce.Purpose;
import cz.proklik.erp.bounce.SuppressionDao;
import cz.proklik.erp.send.BounceKind;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.send.SendStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole corpus through a real IMAP mailbox, a POP3 mailbox and a folder, into the corpus world's database. */
class BounceImportTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    static final List<String> NOT_BOUNCES = List.of("not-bounce-reply.eml", "not-bounce-shipping-report.eml",
            "mailer-daemon-no-recipient.eml", "broken-truncated.eml");

    @TempDir
    Path dir;
    BounceFixture world;
    MailboxFixture mailbox;

    @BeforeEach
    void open() {
        world = new BounceFixture(dir.resolve("home"));
        mailbox = new MailboxFixture();
    }

    @AfterEach
    void close() {
        mailbox.close();
        world.close();
    }

    static List<String> corpus() throws Exception {
        try (Stream<String> lines = Files.lines(Path.of(BounceImportTest.class.getResource(
                "/bounce-corpus/expected.tsv").toURI()))) {
            return lines.filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")[0]).distinct()
                    .toList();
        }
    }

    BounceImport job() {
        BounceStore store = new BounceStore(world.db.dataSource());
        return new BounceImport(world.db, new BounceParser(Set.of("news@proklik.example")), world.analyzer(),
                new SuppressionRules(SuppressionSettings.DEFAULTS, store, new SuppressionDao(world.db.dataSource()),
                        CLOCK), CLOCK, 7);
    }

    ImportSummary run(BounceSource source) throws Exception {
        List<String> progress = new ArrayList<>();
        try (source) {
            return job().run(source, 1000, Duration.ZERO, progress::add);
        }
    }

    @Test
    void theImapMailboxIsReadOnceBouncesMovedNonBouncesLeftAndEverythingRecorded() throws Exception {
        List<String> files = corpus();
        for (String f : files) {
            mailbox.deliver(world.corpusFile(f));
        }
        ImportSummary first = run(new ImapSource(mailbox.imap(), "Processed"));
        assertThat(first.read()).isEqualTo(files.size());
        assertThat(first.bounces()).isEqualTo(24);
        assertThat(first.complaints()).isEqualTo(2);
        assertThat(first.autoReplies()).isEqualTo(2);
        assertThat(first.notices()).isEqualTo(1);
        assertThat(first.notBounces()).isEqualTo(NOT_BOUNCES.size());
        assertThat(first.recipients()).isEqualTo(29);
        assertThat(first.hard()).isEqualTo(15);
        assertThat(first.soft()).isEqualTo(10);
        assertThat(first.alerts()).isEqualTo(6);
        assertThat(first.unmatched()).isZero();
        assertThat(mailbox.count("INBOX")).isEqualTo(NOT_BOUNCES.size());
        assertThat(mailbox.count("Processed")).isEqualTo(29);

        ImportSummary second = run(new ImapSource(mailbox.imap(), "Processed"));
        assertThat(second.read()).isEqualTo(NOT_BOUNCES.size());
        assertThat(second.notBounces()).isEqualTo(NOT_BOUNCES.size());
        assertThat(second.recipients()).isZero();

        // The same report delivered again (a relay retried): recognised, moved, recorded once.
        mailbox.deliver(world.corpusFile("postfix-user-unknown.eml"));
        ImportSummary third = run(new ImapSource(mailbox.imap(), "Processed"));
        assertThat(third.alreadySeen()).isEqualTo(1);
        assertThat(third.recipients()).isZero();
        assertThat(mailbox.count("Processed")).isEqualTo(30);
        assertThat(new BounceStore(world.db.dataSource()).ofEmail("petr.svoboda@example.cz")).hasSize(1);

        SendDao sends = new SendDao(world.db.dataSource());
        assertThat(sends.find("C1", "R01").orElseThrow()).satisfies(s -> {
            assertThat(s.status()).isEqualTo(SendStatus.BOUNCED);
            assertThat(s.bounceKind()).isEqualTo(BounceKind.HARD);
            assertThat(s.errorText()).startsWith("user_unknown 5.1.1");
        });
        assertThat(sends.find("C1", "R08").orElseThrow().bounceKind()).isEqualTo(BounceKind.SOFT);
        assertThat(sends.find("C1", "R28").orElseThrow().status()).as("a complaint is a delivered mail")
                .isEqualTo(SendStatus.SENT);
        assertThat(sends.find("C1", "R30").orElseThrow().status()).as("an auto-reply is a delivered mail")
                .isEqualTo(SendStatus.SENT);
        assertThat(sends.find("C0", "R01").orElseThrow().status()).as("older campaign untouched")
                .isEqualTo(SendStatus.SENT);

        SuppressionDao suppressions = new SuppressionDao(world.db.dataSource());
        assertThat(suppressions.isSuppressed("petr.svoboda@example.cz", Purpose.TRANSACTIONAL)).isTrue();
        assertThat(suppressions.isSuppressed("ivana@yahoo.com", Purpose.MARKETING)).isTrue();
        assertThat(suppressions.isSuppressed("ivana@yahoo.com", Purpose.TRANSACTIONAL)).isFalse();
        assertThat(suppressions.isSuppressed("roman@hotmail.com", Purpose.MARKETING))
                .as("the redacted complaint suppresses the address that was mailed").isTrue();
        assertThat(suppressions.isSuppressed("martin@sendmail.example", Purpose.MARKETING))
                .as("a Spamhaus block says nothing about the address").isFalse();
        assertThat(suppressions.isSuppressed("jana.dvorakova@example.cz", Purpose.MARKETING))
                .as("one mailbox-full is not enough").isFalse();
        assertThat(suppressions.isSuppressed("olga@firma.example", Purpose.MARKETING)).isFalse();
        assertThat(suppressions.all(100)).hasSize(15 + 2);
    }

    @Test
    void aPop3MailboxKeepsACopyOfEachHandledMessageLocallyAndLeavesTheRest() throws Exception {
        mailbox.deliver(world.corpusFile("postfix-user-unknown.eml"));
        mailbox.deliver(world.corpusFile("not-bounce-reply.eml"));
        mailbox.deliver(world.corpusFile("arf-yahoo-abuse.eml"));
        Path processed = dir.resolve("processed");
        ImportSummary s = run(new Pop3Source(mailbox.pop3(), processed));
        assertThat(s.bounces()).isEqualTo(1);
        assertThat(s.complaints()).isEqualTo(1);
        assertThat(s.notBounces()).isEqualTo(1);
        try (Stream<Path> files = Files.list(processed)) {
            assertThat(files.filter(p -> p.toString().endsWith(".eml")).count()).isEqualTo(2);
        }
        assertThat(mailbox.count("INBOX")).isEqualTo(1);
        ImportSummary again = run(new Pop3Source(mailbox.pop3(), processed));
        assertThat(again.read()).isEqualTo(1);
        assertThat(again.recipients()).isZero();
    }

    @Test
    void aFolderOfEmlFilesIsImportedAndHandledFilesMoved() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.write(in.resolve("a.eml"), world.corpusFile("qmail-user-unknown.eml"));
        Files.write(in.resolve("b.eml"), world.corpusFile("not-bounce-shipping-report.eml"));
        Files.write(in.resolve("c.eml"), world.corpusFile("autoreply-vacation-cz.eml"));
        Files.writeString(in.resolve("notes.txt"), "not a message");
        Path processed = dir.resolve("done");
        ImportSummary s = run(new FolderSource(in, processed));
        assertThat(s.read()).isEqualTo(3);
        assertThat(s.bounces()).isEqualTo(1);
        assertThat(s.autoReplies()).isEqualTo(1);
        assertThat(Files.exists(in.resolve("b.eml"))).isTrue();
        assertThat(Files.exists(in.resolve("notes.txt"))).isTrue();
        assertThat(Files.exists(processed.resolve("a.eml"))).isTrue();
        assertThat(Files.exists(processed.resolve("c.eml"))).isTrue();
        assertThat(Files.exists(in.resolve("a.eml"))).isFalse();
    }

    @Test
    void processedMessagesPastTheRetentionPeriodAreDeleted() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path processed = Files.createDirectories(dir.resolve("done"));
        Path old = processed.resolve("old.eml");
        Files.write(old, world.corpusFile("qmail-user-unknown.eml"));
        Files.setLastModifiedTime(old, FileTime.from(CLOCK.instant().minus(Duration.ofDays(31))));
        Path recent = processed.resolve("recent.eml");
        Files.write(recent, world.corpusFile("qmail-user-unknown.eml"));
        Files.setLastModifiedTime(recent, FileTime.from(CLOCK.instant().minus(Duration.ofDays(29))));
        ImportSummary s;
        try (FolderSource source = new FolderSource(in, processed)) {
            s = job().run(source, 10, Duration.ofDays(30), line -> { });
        }
        assertThat(s.purged()).isEqualTo(1);
        assertThat(Files.exists(old)).isFalse();
        assertThat(Files.exists(recent)).isTrue();
    }
}

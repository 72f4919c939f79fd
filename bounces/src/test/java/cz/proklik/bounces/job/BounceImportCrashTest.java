package cz.proklik.bounces.job;

import cz.proklik.bounces.fetch.ImapSource;
import cz.proklik.erp.bounce.BounceRecord;
import cz.proklik.erp.bounce.BounceStore;
import cz.proklik.erp.bounce.SuppressionDao;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounce import killed with SIGKILL in the middle of a mailbox, as a real second JVM, then run again: every
 * report recorded exactly once, every one moved to the processed folder, none left, none twice.
 */
class BounceImportCrashTest {
    static final int MESSAGES = 200;

    @TempDir
    Path home;

    static byte[] report(int i) {
        return ("""
                From: MAILER-DAEMON@mx.crash.example (Mail Delivery System)
                To: bounces@proklik.example
                Subject: Undelivered Mail Returned to Sender
                Date: Tue, 1 Dec 2026 10:00:00 +0000
                Message-Id: <crash-%1$d@mx.crash.example>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.crash.example

                Final-Recipient: rfc822; user%1$d@crash.example
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <user%1$d@crash.example>: User unknown

                --B--
                """).formatted(i).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aKilledImportLosesNothingAndRecordsNothingTwice() throws Exception {
        try (Database db = Database.embedded(home)) {
            SchemaMigrator.of(db).migrate();
        }
        try (MailboxFixture mailbox = new MailboxFixture()) {
            for (int i = 0; i < MESSAGES; i++) {
                mailbox.deliver(report(i));
            }
            Process importer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), BounceImportProcessMain.class.getName(),
                    home.toString(), String.valueOf(mailbox.mail.getImap().getPort()))
                    .redirectErrorStream(true).start();
            List<String> output = new ArrayList<>();
            int processedAtKill = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(importer.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("processed ")) {
                        int n = Integer.parseInt(line.split(" ")[1]);
                        if (n >= 40) {
                            processedAtKill = n;
                            importer.destroyForcibly(); // SIGKILL: no shutdown hook, no H2 close
                            break;
                        }
                    }
                }
            }
            assertThat(importer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = String.join("\n", output);
            assertThat(processedAtKill).as("killed mid-run, output:%n%s", log).isBetween(40, MESSAGES - 1);
            assertThat(log).doesNotContain("DONE");
            int movedBeforeRestart = mailbox.count("Processed");
            assertThat(movedBeforeRestart).isLessThan(MESSAGES);

            try (Database db = Database.embedded(home)) {
                ImportSummary again;
                try (var source = new ImapSource(mailbox.imap(), "Processed")) {
                    again = BounceImportProcessMain.job(db).run(source, 10_000, Duration.ZERO, l -> { });
                }
                assertThat(again.read()).isEqualTo(MESSAGES - movedBeforeRestart);
                assertThat(mailbox.count("INBOX")).isZero();
                assertThat(mailbox.count("Processed")).isEqualTo(MESSAGES);

                BounceStore store = new BounceStore(db.dataSource());
                assertThat(store.messageKinds()).containsExactly(new BounceStore.KindCount("bounce", MESSAGES));
                List<BounceRecord> rows = store.recent(10 * MESSAGES);
                assertThat(rows).hasSize(MESSAGES);
                assertThat(rows.stream().map(BounceRecord::email).collect(Collectors.toSet())).hasSize(MESSAGES);
                assertThat(new SuppressionDao(db.dataSource()).all(10 * MESSAGES)).hasSize(MESSAGES);
            }
        }
    }
}

package cz.proklik.app.bounces;

import cz.proklik.app.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code proklik bounces import|list|fetch} through the real CLI on an embedded database. */
class BouncesCommandTest {
    @TempDir
    Path home;

    private static final String HARD = """
            From: MAILER-DAEMON@mx.example.cz (Mail Delivery System)
            To: bounces@proklik.example
            Subject: Undelivered Mail Returned to Sender
            Date: Tue, 1 Dec 2026 10:00:00 +0000
            Message-Id: <cli-1@mx.example.cz>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"

            --B
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.cz

            Final-Recipient: rfc822; Petr.Svoboda@example.cz
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <petr.svoboda@example.cz>: User unknown

            --B--
            """;
    private static final String BLOCK = HARD.replace("cli-1@", "cli-2@").replace("Petr.Svoboda@example.cz",
            "jana@example.cz").replace("Status: 5.1.1", "Status: 5.7.1").replace(
            "550 5.1.1 <petr.svoboda@example.cz>: User unknown",
            "554 5.7.1 Client host blocked using zen.spamhaus.org");

    private Map<String, String> env() {
        return Map.of("PROKLIK_HOME", home.toString());
    }

    @Test
    void importRecordsTheFolderMovesHandledFilesAndListShowsSuppressionsAndAlerts() throws Exception {
        Path in = Files.createDirectories(home.resolve("in"));
        Files.writeString(in.resolve("1.eml"), HARD);
        Files.writeString(in.resolve("2.eml"), BLOCK);
        Files.writeString(in.resolve("3.eml"), "From: jan@example.cz\nSubject: Re: Novinky\n\nDiky, mam zajem.\n");

        Cli.Result r = Cli.run(env(), "bounces", "import", in.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 messages read: 2 bounces").contains("1 left (not bounces)")
                .contains("1 hard, 1 soft (1 blocks against the sender: alerts)")
                .contains("1 addresses newly suppressed");
        assertThat(in.resolve("3.eml")).exists();
        assertThat(in.resolve("1.eml")).doesNotExist();
        assertThat(home.resolve("bounces/processed/1.eml")).exists();

        Cli.Result again = Cli.run(env(), "bounces", "import", in.toString());
        assertThat(again.out()).contains("1 messages read: 0 bounces");

        Cli.Result list = Cli.run(env(), "bounces", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("bounce      2").contains("policy_blocked").contains("(no campaign)")
                .containsPattern("petr\\.svoboda@example\\.cz\\s+all\\s+user_unknown")
                .doesNotContain("jana@example.cz ");

        // A wrong hard verdict is undone by hand; the bounce itself stays recorded.
        Cli.Result lifted = Cli.run(env(), "bounces", "unsuppress", "Petr.Svoboda@example.cz", "nobody@example.cz");
        assertThat(lifted.exitCode()).as(lifted.err()).isZero();
        assertThat(lifted.out()).contains("Petr.Svoboda@example.cz: lifted all (user_unknown)")
                .contains("nobody@example.cz: was not suppressed");
        assertThat(Cli.run(env(), "bounces", "list").out()).contains("Suppressed (0)").contains("bounce      2");
    }

    @Test
    void theCampaignReportShowsComplaintRateAndBounceReasonsInTextAndHtml() throws Exception {
        assertThat(Cli.run(env(), "campaigns", "add", "C1", "--name", "Novinky", "--utm-campaign",
                "2026-12-01_promo_novinky").exitCode()).isZero();
        Path csv = home.resolve("sends.csv");
        Files.writeString(csv, "campaign_id,recipient_id,email,status,sent_at\n"
                + "C1,R1,petr.svoboda@example.cz,sent,2026-12-01T08:00:00Z\n"
                + "C1,R2,jana@example.cz,sent,2026-12-01T08:00:00Z\n"
                + "C1,R3,eva@example.cz,sent,2026-12-01T08:00:00Z\n");
        assertThat(Cli.run(env(), "sends", "import", csv.toString()).exitCode()).isZero();
        Path in = Files.createDirectories(home.resolve("in"));
        Files.writeString(in.resolve("1.eml"), HARD);
        Files.writeString(in.resolve("2.eml"), BLOCK);
        assertThat(Cli.run(env(), "bounces", "import", in.toString()).exitCode()).isZero();

        Path html = home.resolve("c1.html");
        Cli.Result report = Cli.run(env(), "report", "campaign", "C1", "--html", html.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("Bounces and complaints").containsPattern("hard: user_unknown\\s+1")
                .containsPattern("soft: policy_blocked\\s+1").containsPattern("blocked \\(about the sender\\)\\s+1")
                .containsPattern("delivered\\s+1");
        assertThat(Files.readString(html)).contains("Bounces and complaints").contains("complaint rate");

        // C1 came from a sends import, so it has no mailer list: its list health is that of all addresses.
        assertThat(report.out()).contains("List health").containsPattern("addresses mailed \\(growth so far\\)\\s+3")
                .containsPattern("hard bounces\\s+1").containsPattern("churn rate \\(churn / addresses\\)\\s+33\\.3 %")
                .containsPattern("still mailable\\s+2").contains("List health per month (UTC): all addresses")
                .containsPattern("2026-12-01\\s+3\\s+0\\s+1\\s+0\\s+1");
        assertThat(Files.readString(html)).contains("List health").contains("share inactive 90 days");
        Cli.Result overview = Cli.run(env(), "report", "campaigns", "--format", "json");
        assertThat(overview.exitCode()).as(overview.err()).isZero();
        assertThat(overview.out()).contains("\"lists\"").contains("\"churnRate\" : 0.3333");
    }

    @Test
    void wrongUsageExitsTwoWithAMessage() {
        Cli.Result noMailbox = Cli.run(env(), "bounces", "fetch");
        assertThat(noMailbox.exitCode()).isEqualTo(2);
        assertThat(noMailbox.err()).contains("proklik.bounces.mailbox.url");

        Cli.Result passwordInUrl = Cli.run(env(), "bounces", "fetch", "--mailbox", "imaps://u:secret@host/INBOX");
        assertThat(passwordInUrl.exitCode()).isEqualTo(2);
        assertThat(passwordInUrl.err()).contains("password").doesNotContain("secret@");

        Cli.Result notAFolder = Cli.run(env(), "bounces", "import", home.resolve("missing").toString());
        assertThat(notAFolder.exitCode()).isEqualTo(2);

        Cli.Result badImport = Cli.run(Map.of("PROKLIK_HOME", home.toString(),
                "PROKLIK_BOUNCES_SOFT_THRESHOLD", "0"), "bounces", "import", home.toString());
        assertThat(badImport.exitCode()).isEqualTo(2);
        assertThat(badImport.err()).contains("threshold");
    }

    @Test
    void anUnreachableMailboxIsAFailureNotAHang() {
        Cli.Result r = Cli.run(Map.of("PROKLIK_HOME", home.toString(), "PROKLIK_BOUNCES_MAILBOX_PASSWORD", "pw"),
                "bounces", "fetch", "--mailbox", "imap://bounces@127.0.0.1:1/INBOX");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cannot open imap://bounces@127.0.0.1:1/INBOX");
    }
}

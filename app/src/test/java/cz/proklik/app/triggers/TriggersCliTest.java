package cz.proklik.app.triggers;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import cz.proklik.app.Cli;
import cz.proklik.erp.db.Database;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code proklik triggers add|list|remove|run} through the real CLI, mailing to a real SMTP server (GreenMail). */
class TriggersCliTest {
    @TempDir
    Path home;

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @BeforeEach
    void start() {
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PROKLIK_HOME", home.toString());
        env.put("PROKLIK_LINK_BASE_URL", "https://t.shop.example.com");
        env.put("PROKLIK_SMTP_HOST", "127.0.0.1");
        env.put("PROKLIK_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("PROKLIK_SMTP_SECURITY", "none");
        env.put("PROKLIK_MAIL_SEND_BATCH_SIZE", "0");
        env.put("PROKLIK_MAIL_SEND_MAX_PER_SECOND", "0");
        env.put("PROKLIK_TRIGGERS_ZONE", "Europe/Prague");
        // Mails at any hour, so the test passes whenever it runs; the window has its own test.
        env.put("PROKLIK_TRIGGERS_WINDOW", "");
        return env;
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return r;
    }

    private Path template() throws Exception {
        Path dir = Files.createDirectories(home.resolve("tpl"));
        Files.writeString(dir.resolve("template.properties"), """
                id=birthday
                name=Narozeniny
                from.address=shop@example.com
                from.name=Obchod
                """);
        Files.writeString(dir.resolve("cs.html"), """
                <html><head><title>{{greeting}}, vše nejlepší</title></head><body>
                <p>{{greeting}},</p><a href="https://shop.example.com/darek" data-pkl-id="gift">Dárek</a>
                <a href="{{unsubscribe_url}}">odhlásit</a>
                </body></html>""");
        return dir;
    }

    @Test
    void addRunListAndRemove() throws Exception {
        ok(Cli.run(env(), "db", "migrate"));
        ok(Cli.run(env(), "template", "import", template().toString()));
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Prague"));
        try (Database db = Database.embedded(home)) {
            JdbcTemplate sql = new JdbcTemplate(db.dataSource());
            sql.update("INSERT INTO pkl_standin_contact (contact_id, email, first_name, last_name, language_code,"
                    + " email_consent, birthday) VALUES ('T1', 't1@example.com', 'Jana', 'Nová', 'cs', 1, ?),"
                    + " ('T2', 't2@example.com', 'Petr', 'Malý', 'cs', 0, ?)", today.withYear(1988),
                    today.withYear(1977));
            sql.update("INSERT INTO pkl_standin_order (order_id, contact_id, ordered_at, currency, gross_amount,"
                    + " net_amount) VALUES ('O-BIG', 'T1', ?, 'CZK', 4000, 4000)", Timestamp.valueOf(
                    LocalDateTime.ofInstant(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC)));
        }

        Cli.Result missing = Cli.run(env(), "triggers", "add", "big", "--kind", "order_over", "--template", "birthday");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("order_over needs --min-amount");
        assertThat(Cli.run(env(), "triggers", "add", "x", "--kind", "nameday", "--template", "birthday").err())
                .contains("unknown trigger kind nameday");
        ok(Cli.run(env(), "triggers", "add", "bday", "--kind", "birthday", "--template", "birthday"));
        ok(Cli.run(env(), "triggers", "add", "big", "--kind", "order_over", "--min-amount", "2000",
                "--template", "birthday", "--active-from", today.minusDays(1).toString()));
        assertThat(Cli.run(env(), "triggers", "add", "bday", "--kind", "birthday", "--template", "birthday")
                .exitCode()).isEqualTo(2);

        Cli.Result card = Cli.run(env(), "campaign", "create", "bday", "--name", "x", "--list", "any", "--template",
                "birthday");
        assertThat(card.exitCode()).isEqualTo(2);
        assertThat(card.err()).contains("is the automation campaign of trigger bday");

        Cli.Result run = ok(Cli.run(env(), "triggers", "run"));
        assertThat(run.out()).contains("trigger bday (birthday): 2 new occurrence(s), 1 queued, not mailed no_consent 1")
                .contains("trigger big (order_over): 1 new occurrence(s), 1 queued");
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2);
        for (MimeMessage m : mails) {
            assertThat(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress())
                    .isEqualTo("t1@example.com");
        }

        Cli.Result again = ok(Cli.run(env(), "triggers", "run"));
        assertThat(again.out()).contains("trigger bday (birthday): 0 new occurrence(s), 0 queued")
                .contains("trigger big (order_over): 0 new occurrence(s), 0 queued");
        assertThat(smtp.getReceivedMessages()).hasSize(2);

        Cli.Result list = ok(Cli.run(env(), "triggers", "list"));
        assertThat(list.out()).containsPattern("bday  birthday  template birthday  active .* mailed 1, skipped 1")
                .containsPattern("big  order_over at least 2000  template birthday  active .* mailed 1, skipped 0");
        Cli.Result one = ok(Cli.run(env(), "triggers", "list", "bday"));
        assertThat(one.out()).contains("T2 " + today.getYear()).contains("skipped: not mailed: no_consent")
                .contains("T1 " + today.getYear());
        // Each trigger is a campaign of the reports.
        assertThat(ok(Cli.run(env(), "report", "campaigns")).out()).contains("bday").contains("big");

        ok(Cli.run(env(), "triggers", "remove", "big"));
        assertThat(ok(Cli.run(env(), "triggers", "run")).out()).doesNotContain("trigger big");
        assertThat(ok(Cli.run(env(), "triggers", "list", "--all")).out()).containsPattern("big .* removed");
    }

    @Test
    void aRunOutsideTheSendingWindowQueuesAndSaysUntilWhenAndBadSettingsAreRefused() throws Exception {
        ok(Cli.run(env(), "db", "migrate"));
        ok(Cli.run(env(), "template", "import", template().toString()));
        ZoneId prague = ZoneId.of("Europe/Prague");
        try (Database db = Database.embedded(home)) {
            new JdbcTemplate(db.dataSource()).update("INSERT INTO pkl_standin_contact (contact_id, email, first_name,"
                    + " last_name, language_code, email_consent, birthday) VALUES ('T1', 't1@example.com', 'Jana',"
                    + " 'Nová', 'cs', 1, ?)", LocalDate.now(prague).withYear(1988));
        }
        ok(Cli.run(env(), "triggers", "add", "bday", "--kind", "birthday", "--template", "birthday"));
        LocalTime local = LocalTime.now(prague);
        String closed = local.plusHours(2).withSecond(0).withNano(0) + "-" + local.plusHours(3).withSecond(0)
                .withNano(0);

        Cli.Result outside = ok(Cli.run(env(), "triggers", "run", "--window", closed));

        assertThat(outside.out()).contains("trigger bday (birthday): 1 new occurrence(s), 1 queued")
                .contains("outside the sending window: the queued mails wait until ");
        assertThat(smtp.getReceivedMessages()).isEmpty();
        Cli.Result inside = ok(Cli.run(env(), "triggers", "run"));
        assertThat(inside.out()).contains("sent: accepted 1");
        assertThat(smtp.getReceivedMessages()).hasSize(1);

        Cli.Result badWindow = Cli.run(env(), "triggers", "run", "--window", "8-20");
        assertThat(badWindow.exitCode()).isEqualTo(2);
        assertThat(badWindow.err()).contains("proklik.triggers.window: a sending window is HH:mm-HH:mm");
        Cli.Result badCap = Cli.run(env(), "triggers", "run", "--daily-cap", "-1");
        assertThat(badCap.exitCode()).isEqualTo(2);
        assertThat(badCap.err()).contains("proklik.triggers.daily-cap: a number of mails, 0 for no cap");
    }
}

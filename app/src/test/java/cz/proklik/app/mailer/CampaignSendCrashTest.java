package cz.proklik.app.mailer;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import cz.proklik.app.Cli;
import cz.proklik.app.ProklikCli;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.mailing.delivery.Delivery;
import cz.proklik.erp.mailing.delivery.DeliveryDao;
import cz.proklik.erp.mailing.delivery.DeliveryState;
import cz.proklik.erp.standin.StandinDataGenerator;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exactly-once promise the hard way: a real {@code proklik campaign send} process is killed with SIGKILL in the
 * middle of a campaign, then resumed. Every recipient received exactly one message, except those reported in doubt,
 * which are at most as many as the connections and received at most one each.
 */
class CampaignSendCrashTest {
    private static final int CONNECTIONS = 3;

    @TempDir
    Path home;

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PROKLIK_HOME", home.toString());
        env.put("PROKLIK_LINK_BASE_URL", "https://t.example.com");
        env.put("PROKLIK_SMTP_HOST", "127.0.0.1");
        env.put("PROKLIK_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("PROKLIK_SMTP_SECURITY", "none");
        env.put("PROKLIK_SMTP_CONNECTIONS", Integer.toString(CONNECTIONS));
        env.put("PROKLIK_MAILER_SEND_LEASE", "2s");
        // Throttled to about 100 messages a second so that the kill lands in the middle of the campaign.
        env.put("PROKLIK_MAIL_SEND_BATCH_SIZE", "0");
        env.put("PROKLIK_MAIL_SEND_MAX_PER_SECOND", "100");
        return env;
    }

    @Test
    void aSenderKilledMidCampaignNeverMailsAnyoneTwiceAndReportsTheFewInDoubt() throws Exception {
        smtp.start();
        try (Database db = Database.embedded(home)) {
            SchemaMigrator.of(db).migrate();
            new StandinDataGenerator(db.dataSource()).generate(400, 11, Instant.parse("2026-11-30T00:00:00Z"));
        }
        Path tpl = Files.createDirectories(home.resolve("tpl"));
        Files.writeString(tpl.resolve("template.properties"), "id=news\nname=N\nfrom.address=shop@example.com\n");
        Files.writeString(tpl.resolve("cs.html"), "<html><head><title>{{greeting}}</title></head><body>"
                + "<a href=\"https://shop.example.com/\">Obchod</a> <a href=\"{{unsubscribe_url}}\">x</a></body></html>");
        assertThat(Cli.run(env(), "template", "import", tpl.toString()).exitCode()).isZero();
        assertThat(Cli.run(env(), "list", "create", "all", "--name", "All", "--where", "order_count>=0").exitCode())
                .isZero();
        assertThat(Cli.run(env(), "campaign", "create", "C-KILL", "--name", "Kill", "--list", "all",
                "--template", "news", "--date", "2026-12-02").exitCode()).isZero();
        assertThat(Cli.run(env(), "campaign", "test", "C-KILL", "--to", "qa@example.com").exitCode()).isZero();
        smtp.purgeEmailFromAllMailboxes();

        Process sender = start("campaign", "send", "C-KILL");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (smtp.getReceivedMessages().length < 40 && sender.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(sender.isAlive()).as("the sender was still sending when it was killed; its output:%n%s",
                Files.exists(home.resolve("sender.log")) ? Files.readString(home.resolve("sender.log")) : "")
                .isTrue();
        sender.destroyForcibly(); // SIGKILL: no shutdown hook, no clean pause
        assertThat(sender.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int atKill = smtp.getReceivedMessages().length;

        Thread.sleep(2500); // the killed sender's lease runs out
        Cli.Result resumed = Cli.run(env(), "campaign", "resume", "C-KILL");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("done:");
        // The killed run's hand-off journal was written into the database first, then deleted.
        assertThat(resumed.out()).contains("hand-off journal of the previous run replayed: ");
        try (java.util.stream.Stream<Path> left = Files.list(home.resolve("send-journal"))) {
            assertThat(left).isEmpty();
        }

        Map<String, Long> received = java.util.Arrays.stream(smtp.getReceivedMessages())
                .collect(Collectors.groupingBy(CampaignSendCrashTest::to, Collectors.counting()));
        try (Database db = Database.embedded(home)) {
            DeliveryDao deliveries = new DeliveryDao(db.dataSource(), Clock.systemUTC());
            List<Delivery> rows = deliveries.byCampaign("C-KILL");
            List<Delivery> inDoubt = rows.stream().filter(d -> d.state() == DeliveryState.IN_DOUBT).toList();
            assertThat(rows.size()).as("the campaign was under way at the kill").isGreaterThan(atKill);
            assertThat(inDoubt.size()).isLessThanOrEqualTo(CONNECTIONS);
            for (Delivery d : rows) {
                long n = received.getOrDefault(d.email(), 0L);
                if (d.state() == DeliveryState.IN_DOUBT) {
                    assertThat(n).as("in doubt " + d.email()).isLessThanOrEqualTo(1);
                } else {
                    assertThat(d.state()).as(d.email()).isEqualTo(DeliveryState.ACCEPTED);
                    assertThat(n).as(d.email()).isEqualTo(1);
                }
            }
            assertThat(received.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(rows.size() - inDoubt.size() + inDoubt.stream()
                            .filter(d -> received.containsKey(d.email())).count());
            Cli.Result status = Cli.run(env(), "campaign", "status", "C-KILL");
            assertThat(status.out()).contains("in_doubt " + inDoubt.size());
            for (Delivery d : inDoubt) {
                assertThat(status.out()).contains(d.recipientId()).contains(d.messageId());
            }
            System.out.printf("SIGKILL test: %d handed over before the kill, %d in doubt after it (%d connections);"
                    + " %s%n", atKill, inDoubt.size(), CONNECTIONS, resumed.out().lines()
                    .filter(l -> l.startsWith("hand-off journal")).findFirst().orElse(""));
        }
    }

    private static String to(MimeMessage m) {
        try {
            return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Process start(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), ProklikCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("sender.log").toFile());
        pb.environment().putAll(env());
        return pb.start();
    }
}

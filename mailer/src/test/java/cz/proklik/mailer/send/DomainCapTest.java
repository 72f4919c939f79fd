package cz.proklik.mailer.send;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import cz.proklik.erp.mailing.delivery.Delivery;
import cz.proklik.erp.mailing.delivery.DeliveryDao;
import cz.proklik.erp.mailing.delivery.DeliveryState;
import cz.proklik.mailer.lists.ListRecipient;
import cz.proklik.mailer.send.pacing.AbTestSettings;
import cz.proklik.mailer.send.pacing.AutoPauseSettings;
import cz.proklik.mailer.send.pacing.DomainGroups;
import cz.proklik.mailer.send.pacing.PacerSettings;
import cz.proklik.mailer.send.pacing.PacingSettings;
import cz.proklik.mailer.send.pacing.RetrySettings;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A domain whose hourly cap is reached does not hold the connection: its recipients stay queued, visibly (how many
 * wait for which domain, until when), and the connection goes on with the other domains' recipients.
 */
class DomainCapTest {
    @TempDir
    Path dir;

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @BeforeEach
    void start() {
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void aCappedDomainWaitsQueuedWhileTheConnectionMailsTheOtherDomains() throws Exception {
        try (SendFixture f = new SendFixture(dir, 30, "https://t.example.com")) {
            // The first half of the queue (in queue order) is at capped.example, each of the rest at a domain of its
            // own (free-N.example, under the cap): one connection that waited for the cap would never reach them.
            List<ListRecipient> mailed = f.mailed();
            int cappedCount = mailed.size() / 2;
            List<ListRecipient> recipients = new ArrayList<>();
            try (Connection c = f.db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE pkl_standin_contact SET email = ? WHERE contact_id = ?")) {
                for (int i = 0; i < f.recipients.size(); i++) {
                    ListRecipient r = f.recipients.get(i);
                    String email = "r" + i + (mailed.indexOf(r) >= 0 && mailed.indexOf(r) < cappedCount
                            ? "@capped.example" : "@free-" + i + ".example");
                    ps.setString(1, email);
                    ps.setString(2, r.contactId());
                    ps.executeUpdate();
                    recipients.add(new ListRecipient(r.contactId(), email));
                }
            }
            int freeCount = mailed.size() - cappedCount;
            PacingSettings pacing = new PacingSettings(new PacerSettings(0, Duration.ZERO, 0, 3, DomainGroups.none()),
                    new RetrySettings(1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1)), AutoPauseSettings.off(),
                    AbTestSettings.off());
            CampaignSender sender = f.sender(SendFixture.smtp(smtp.getSmtp().getPort(), 1), SendFixture.settings(1),
                    new Pacing(pacing, Clock.systemUTC()), s -> { });
            ExecutorService run = Executors.newSingleThreadExecutor();
            Instant started = Instant.now();
            Future<CampaignSender.Result> result = run.submit(() -> sender.run(recipients));

            // Arrival order as the relay sees it, per domain.
            Map<String, Instant> arrived = new ConcurrentHashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (arrived.size() < 3 + freeCount && System.nanoTime() < deadline) {
                for (MimeMessage m : smtp.getReceivedMessages()) {
                    arrived.putIfAbsent(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress(),
                            Instant.now());
                }
                Thread.sleep(20);
            }
            Thread.sleep(500); // nothing more may come: the cap holds capped.example for an hour
            List<String> to = new ArrayList<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                to.add(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
            }
            assertThat(to.stream().filter(a -> a.endsWith("@capped.example"))).as("the cap of 3 an hour").hasSize(3);
            assertThat(to.stream().filter(a -> a.matches(".*@free-\\d+\\.example")))
                    .as("every other domain's recipient, though queued after the capped ones").hasSize(freeCount);
            assertThat(to).doesNotHaveDuplicates();

            // Visible: how many wait for which domain, and until when (an hour after the cap filled).
            List<DeliveryDao.CapWait> waits = f.deliveries.capWaits(SendFixture.CAMPAIGN, Instant.now());
            assertThat(waits).hasSize(1);
            assertThat(waits.get(0).capKey()).isEqualTo("capped.example");
            assertThat(waits.get(0).waiting()).isEqualTo(cappedCount - 3);
            assertThat(waits.get(0).firstDue()).isAfter(started.plus(Duration.ofMinutes(59)))
                    .isBefore(Instant.now().plus(Duration.ofMinutes(61)));
            for (Delivery d : f.deliveries.inState(SendFixture.CAMPAIGN, DeliveryState.QUEUED)) {
                assertThat(d.email()).endsWith("@capped.example");
                assertThat(d.attempts()).as("setting aside is no attempt").isZero();
                assertThat(d.smtpReply()).isEqualTo("waiting for the hourly cap of capped.example");
            }

            sender.stop("test over");
            assertThat(result.get()).isInstanceOf(CampaignSender.Result.Paused.class);
            run.shutdown();
            assertThat(f.deliveries.counts(SendFixture.CAMPAIGN).get(DeliveryState.QUEUED))
                    .as("the rest stays queued, not failed or skipped").isEqualTo(cappedCount - 3);
        }
    }
}

package cz.proklik.mailer.send;

import cz.proklik.erp.bounce.BounceMatchDao;
import cz.proklik.erp.mailing.delivery.Delivery;
import cz.proklik.erp.mailing.delivery.DeliveryDao;
import cz.proklik.erp.mailing.delivery.DeliveryState;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.send.SendStatus;
import cz.proklik.mailer.lists.ListRecipient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a killed sender leaves: a hand-off journal that knows more than the database (whose last commits the kill
 * lost). The next start writes the journal into the database first: outcomes the database missed are kept (and
 * not resent), a hand-off without an outcome becomes in doubt, a retry goes out; then the journal is deleted.
 */
class JournalReplayTest {
    @TempDir
    Path dir;

    private static HandOffJournal.Entry step(Delivery d, DeliveryState state, String messageId, Instant at,
                                             Instant retryAt, String reply) {
        return new HandOffJournal.Entry(d.id(), d.recipientId(), state, messageId, 1, at, retryAt, at, reply);
    }

    @Test
    void theJournalOfAKilledRunIsReplayedBeforeAnythingIsSentAgain() throws Exception {
        try (SendFixture f = new SendFixture(dir.resolve("home"), 14, "https://t.example.com")) {
            List<ListRecipient> mailed = f.mailed();
            f.deliveries.queue(SendFixture.CAMPAIGN, mailed.stream().map(r -> new DeliveryDao.Recipient(r.contactId(),
                    r.email(), f.composer.assignment().variantOf(r.contactId()).orElseThrow())).toList(), "gone");
            List<Delivery> rows = f.deliveries.due(SendFixture.CAMPAIGN, 0, Instant.now(), 10);
            Delivery accepted = rows.get(0);
            Delivery lostClaim = rows.get(1);
            Delivery retry = rows.get(2);
            Delivery written = rows.get(3);
            Delivery cut = rows.get(4);
            Instant at = Instant.now().minusSeconds(5);
            // The database got the claims of two of them and the whole outcome of one before the kill.
            assertThat(f.deliveries.claim(accepted, "a.1@mail.shop.example.com")).isTrue();
            assertThat(f.deliveries.claim(written, "w.1@mail.shop.example.com")).isTrue();
            f.deliveries.accepted(written, "250 2.0.0 Ok: queued as W");
            Path journals = dir.resolve("journal");
            try (HandOffJournal j = HandOffJournal.create(journals, SendFixture.CAMPAIGN, "killed", at)) {
                j.handingOver(step(accepted, DeliveryState.HANDING_OVER, "a.1@mail.shop.example.com", at, null, null));
                j.outcome(step(accepted, DeliveryState.ACCEPTED, "a.1@mail.shop.example.com", at, null,
                        "250 2.0.0 Ok: queued as A"));
                j.handingOver(step(lostClaim, DeliveryState.HANDING_OVER, "l.1@mail.shop.example.com", at, null, null));
                j.handingOver(step(retry, DeliveryState.HANDING_OVER, "r.1@mail.shop.example.com", at, null, null));
                j.outcome(step(retry, DeliveryState.QUEUED, "r.1@mail.shop.example.com", at, at.plusSeconds(1),
                        "451 4.7.1 try later"));
                j.handingOver(step(written, DeliveryState.HANDING_OVER, "w.1@mail.shop.example.com", at, null, null));
                j.outcome(step(written, DeliveryState.ACCEPTED, "w.1@mail.shop.example.com", at, null,
                        "250 2.0.0 Ok: queued as W"));
            }
            Path file = HandOffJournal.leftBehind(journals, SendFixture.CAMPAIGN).get(0);
            // The kill cut the next hand-off's line short: it was never fsynced, so that message never left.
            Files.write(file, ("H\t" + cut.id() + "\t" + cut.recipientId() + "\t1\tc.1@m").getBytes(
                    StandardCharsets.UTF_8), StandardOpenOption.APPEND);

            SendSettings base = SendFixture.settings(2);
            SendSettings settings = new SendSettings(base.messageIdDomain(), base.bounceBox(), base.bounceDomain(),
                    base.unsubscribeMailto(), base.lease(), base.heartbeat(), base.maxInDoubt(), base.testTag(), null,
                    journals);
            try (ScriptedSmtpServer relay = new ScriptedSmtpServer(ScriptedSmtpServer.accepting(), 0)) {
                List<String> notes = new CopyOnWriteArrayList<>();
                CampaignSender.Result result = f.sender(SendFixture.smtp(relay.port(), 2), settings,
                        Pacing.unthrottled(2, Duration.ofSeconds(1), Clock.systemUTC()), notes::add).run(f.recipients);
                assertThat(result).isInstanceOf(CampaignSender.Result.Finished.class);
                assertThat(notes).anyMatch(n -> n.startsWith("hand-off journal of the previous run replayed: 2"
                        + " outcome(s) the database had not stored yet, 1 in doubt"));

                Delivery a = f.deliveries.find(SendFixture.CAMPAIGN, accepted.recipientId()).orElseThrow();
                assertThat(a.state()).isEqualTo(DeliveryState.ACCEPTED);
                assertThat(a.smtpReply()).isEqualTo("250 2.0.0 Ok: queued as A");
                assertThat(relay.count(accepted.email())).isZero();
                SendDao sends = new SendDao(f.db.dataSource());
                assertThat(sends.find(SendFixture.CAMPAIGN, accepted.recipientId()).orElseThrow().status())
                        .isEqualTo(SendStatus.SENT);

                Delivery l = f.deliveries.find(SendFixture.CAMPAIGN, lostClaim.recipientId()).orElseThrow();
                assertThat(l.state()).isEqualTo(DeliveryState.IN_DOUBT);
                assertThat(l.messageId()).isEqualTo("l.1@mail.shop.example.com");
                assertThat(l.smtpReply()).isEqualTo(JournalReplay.IN_DOUBT_REPLY);
                assertThat(relay.count(lostClaim.email())).isZero();
                // Registered for bounce matching: the same Message-ID for anyone else is refused.
                assertThatThrownBy(() -> new BounceMatchDao(f.db.dataSource(), Clock.systemUTC())
                        .registerMessageId("l.1@mail.shop.example.com", SendFixture.CAMPAIGN, "someone else"))
                        .isInstanceOf(IllegalStateException.class);

                Delivery r = f.deliveries.find(SendFixture.CAMPAIGN, retry.recipientId()).orElseThrow();
                assertThat(r.state()).isEqualTo(DeliveryState.ACCEPTED);
                assertThat(r.attempts()).isEqualTo(2);
                assertThat(r.messageId()).isEqualTo("r.1@mail.shop.example.com");
                assertThat(relay.count(retry.email())).isEqualTo(1);

                assertThat(relay.count(written.email())).isZero();
                assertThat(relay.count(cut.email())).isEqualTo(1);
                for (ListRecipient m : mailed.subList(5, mailed.size())) {
                    assertThat(relay.count(m.email())).as(m.email()).isEqualTo(1);
                }
                assertThat(sends.countByCampaign(SendFixture.CAMPAIGN)).isEqualTo(mailed.size() - 1);
                assertThat(file).doesNotExist();
                assertThat(HandOffJournal.leftBehind(journals, SendFixture.CAMPAIGN)).isEmpty();
            }
        }
    }
}

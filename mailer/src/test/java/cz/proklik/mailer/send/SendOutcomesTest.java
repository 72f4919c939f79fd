package cz.proklik.mailer.send;

import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.mailing.delivery.Delivery;
import cz.proklik.erp.mailing.delivery.DeliveryState;
import cz.proklik.erp.mailing.delivery.SendControlDao;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.send.SendStatus;
import cz.proklik.mailer.lists.ListRecipient;
import cz.proklik.mailer.send.pacing.AbTest;
import cz.proklik.mailer.send.pacing.AbTestSettings;
import cz.proklik.mailer.send.pacing.AutoPauseSettings;
import cz.proklik.mailer.send.pacing.DomainGroups;
import cz.proklik.mailer.send.pacing.PacerSettings;
import cz.proklik.mailer.send.pacing.PacingSettings;
import cz.proklik.mailer.send.pacing.RetrySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the relay answers decides each recipient's state: 4xx retried later up to the limit, 5xx failed with the
 * reply, a connection dropped after the data in doubt and resent only when asked; a pause asked for from outside
 * stops the run with nobody mailed twice, and resuming finishes it.
 */
class SendOutcomesTest {
    @TempDir
    Path dir;

    @Test
    void temporaryRepliesAreRetriedLaterPermanentOnesFailWithTheReply() throws Exception {
        try (SendFixture f = new SendFixture(dir, 12, "https://t.example.com")) {
            List<ListRecipient> mailed = f.mailed();
            String greylisted = mailed.get(0).email();
            String alwaysBusy = mailed.get(1).email();
            String unknown = mailed.get(2).email();
            ScriptedSmtpServer.Script script = ScriptedSmtpServer.of((rcpt, offered) -> {
                if (rcpt.equals(greylisted) && offered <= 2) {
                    return "451 4.7.1 Greylisted, try again later";
                }
                if (rcpt.equals(alwaysBusy)) {
                    return "452 4.2.2 Mailbox busy";
                }
                return rcpt.equals(unknown) ? "550 5.1.1 <" + rcpt + ">: Recipient address rejected" : null;
            }, (rcpt, offered) -> null);
            try (ScriptedSmtpServer relay = new ScriptedSmtpServer(script, 0)) {
                Instant start = Instant.now();
                CampaignSender.Result result = f.sender(SendFixture.smtp(relay.port(), 2), SendFixture.settings(2),
                        Pacing.unthrottled(2, Duration.ofMillis(700), Clock.systemUTC()), s -> { }).run(f.recipients);
                assertThat(result).isInstanceOf(CampaignSender.Result.Finished.class);
                // The greylisted one went on its third offer, after two waits of the retry delay.
                assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
                assertThat(relay.count(greylisted)).isEqualTo(1);
                assertThat(relay.count(alwaysBusy)).isZero();
                assertThat(relay.count(unknown)).isZero();
                for (ListRecipient r : mailed.subList(3, mailed.size())) {
                    assertThat(relay.count(r.email())).as(r.email()).isEqualTo(1);
                }
                Delivery g = f.deliveries.find(SendFixture.CAMPAIGN, mailed.get(0).contactId()).orElseThrow();
                assertThat(g.state()).isEqualTo(DeliveryState.ACCEPTED);
                assertThat(g.attempts()).isEqualTo(3);
                Delivery busy = f.deliveries.find(SendFixture.CAMPAIGN, mailed.get(1).contactId()).orElseThrow();
                assertThat(busy.state()).isEqualTo(DeliveryState.FAILED);
                assertThat(busy.attempts()).isEqualTo(3);
                assertThat(busy.smtpReply()).contains("452 4.2.2").contains("still temporary after 2 retries");
                Delivery rejected = f.deliveries.find(SendFixture.CAMPAIGN, mailed.get(2).contactId()).orElseThrow();
                assertThat(rejected.state()).isEqualTo(DeliveryState.FAILED);
                assertThat(rejected.attempts()).isEqualTo(1);
                assertThat(rejected.smtpReply()).contains("550 5.1.1");
                SendDao sends = new SendDao(f.db.dataSource());
                assertThat(sends.find(SendFixture.CAMPAIGN, mailed.get(2).contactId()).orElseThrow().status())
                        .isEqualTo(SendStatus.FAILED);
                assertThat(sends.find(SendFixture.CAMPAIGN, mailed.get(2).contactId()).orElseThrow().errorText())
                        .contains("550 5.1.1");
            }
        }
    }

    @Test
    void aPauseAskedForElsewhereStopsCleanlyAndResumeMailsOnlyTheRest() throws Exception {
        try (SendFixture f = new SendFixture(dir, 40, "https://t.example.com")) {
            List<ListRecipient> mailed = f.mailed();
            try (ScriptedSmtpServer relay = new ScriptedSmtpServer(ScriptedSmtpServer.accepting(), 60)) {
                ExecutorService run = Executors.newSingleThreadExecutor();
                Future<CampaignSender.Result> first = run.submit(() -> f.sender(SendFixture.smtp(relay.port(), 2),
                        SendFixture.settings(2), Pacing.unthrottled(2, Duration.ofSeconds(1), Clock.systemUTC()), s -> { }).run(f.recipients));
                while (relay.received.size() < 6) {
                    Thread.sleep(10);
                }
                // Another process would do just this: set the flag in the database.
                new SendControlDao(f.db.dataSource(), Clock.systemUTC()).requestPause(SendFixture.CAMPAIGN,
                        "paused by the operator");
                CampaignSender.Result paused = first.get();
                assertThat(paused).isInstanceOf(CampaignSender.Result.Paused.class);
                assertThat(((CampaignSender.Result.Paused) paused).reason()).isEqualTo("paused by the operator");
                Map<DeliveryState, Long> counts = ((CampaignSender.Result.Paused) paused).counts();
                assertThat(counts.get(DeliveryState.IN_DOUBT)).isZero();
                assertThat(counts.get(DeliveryState.HANDING_OVER)).isZero();
                assertThat(counts.get(DeliveryState.ACCEPTED)).isEqualTo(relay.received.size())
                        .isLessThan(mailed.size());
                assertThat(counts.get(DeliveryState.QUEUED)).isEqualTo(mailed.size() - relay.received.size());
                assertThat(new CampaignDao(f.db.dataSource()).find(SendFixture.CAMPAIGN).orElseThrow().status())
                        .isEqualTo(CampaignStatus.PAUSED);
                assertThat(f.controls.find(SendFixture.CAMPAIGN).orElseThrow().pauseReason())
                        .isEqualTo("paused by the operator");

                CampaignSender.Result resumed = run.submit(() -> f.sender(SendFixture.smtp(relay.port(), 2),
                        SendFixture.settings(2), Pacing.unthrottled(2, Duration.ofSeconds(1), Clock.systemUTC()), s -> { }).run(f.recipients))
                        .get();
                run.shutdown();
                assertThat(resumed).isInstanceOf(CampaignSender.Result.Finished.class);
                for (ListRecipient r : mailed) {
                    assertThat(relay.count(r.email())).as(r.email()).isEqualTo(1);
                }
                assertThat(relay.received).hasSize(mailed.size());
            }
        }
    }

    @Test
    void aConnectionLostAfterTheDataLeavesTheMessageInDoubtUntilAnExplicitResend() throws Exception {
        try (SendFixture f = new SendFixture(dir, 12, "https://t.example.com")) {
            List<ListRecipient> mailed = f.mailed();
            String lost = mailed.get(3).email();
            ScriptedSmtpServer.Script script = ScriptedSmtpServer.of((rcpt, offered) -> null,
                    (rcpt, offered) -> rcpt.equals(lost) && offered == 1 ? ScriptedSmtpServer.DROP : null);
            try (ScriptedSmtpServer relay = new ScriptedSmtpServer(script, 0)) {
                List<String> notes = new CopyOnWriteArrayList<>();
                CampaignSender.Result result = f.sender(SendFixture.smtp(relay.port(), 1), SendFixture.settings(1),
                        Pacing.unthrottled(2, Duration.ofSeconds(1), Clock.systemUTC()), notes::add).run(f.recipients);
                // One in doubt = the limit for one connection: the run pauses rather than risk more.
                assertThat(result).isInstanceOf(CampaignSender.Result.Paused.class);
                assertThat(((CampaignSender.Result.Paused) result).reason()).contains("in doubt");
                Delivery d = f.deliveries.find(SendFixture.CAMPAIGN, mailed.get(3).contactId()).orElseThrow();
                assertThat(d.state()).isEqualTo(DeliveryState.IN_DOUBT);
                assertThat(notes).anyMatch(n -> n.startsWith("in doubt: " + mailed.get(3).contactId()));

                // Resuming sends the rest but not the one in doubt: its fate is unknown, the relay may have it.
                CampaignSender.Result resumed = f.sender(SendFixture.smtp(relay.port(), 1), SendFixture.settings(1),
                        Pacing.unthrottled(2, Duration.ofSeconds(1), Clock.systemUTC()), s -> { }).run(f.recipients);
                assertThat(resumed).isInstanceOf(CampaignSender.Result.Finished.class);
                assertThat(((CampaignSender.Result.Finished) resumed).counts().get(DeliveryState.IN_DOUBT))
                        .isEqualTo(1);
                assertThat(relay.count(lost)).isEqualTo(1);
                for (ListRecipient r : mailed) {
                    assertThat(relay.count(r.email())).as(r.email()).isEqualTo(1);
                }

                // The explicit resend: queued again with the same Message-ID, so a receiver can tell it is a copy.
                assertThat(f.deliveries.requeueInDoubt(SendFixture.CAMPAIGN, null)).isEqualTo(1);
                f.sender(SendFixture.smtp(relay.port(), 1), SendFixture.settings(1),
                        Pacing.unthrottled(2, Duration.ofSeconds(1), Clock.systemUTC()), s -> { }).run(f.recipients);
                assertThat(relay.count(lost)).isEqualTo(2);
                List<String> copies = relay.received.stream().filter(r -> r.recipient().equals(lost))
                        .map(r -> r.data().lines().filter(l -> l.startsWith("Message-ID:")).findFirst().orElseThrow())
                        .toList();
                assertThat(copies.get(0)).isEqualTo(copies.get(1)).contains(d.messageId());
                assertThat(f.deliveries.find(SendFixture.CAMPAIGN, mailed.get(3).contactId()).orElseThrow().state())
                        .isEqualTo(DeliveryState.ACCEPTED);
            }
        }
    }

    @Test
    void aRowACrashLeftHandingOverBecomesInDoubtAtTheNextStartAndIsNotResent() throws Exception {
        try (SendFixture f = new SendFixture(dir, 12, "https://t.example.com")) {
            List<ListRecipient> mailed = f.mailed();
            try (ScriptedSmtpServer relay = new ScriptedSmtpServer(ScriptedSmtpServer.accepting(), 0)) {
                // What a killed sender leaves: the row queued, then claimed (handing over), and then nothing.
                f.deliveries.queue(SendFixture.CAMPAIGN, mailed.stream().map(r -> new cz.proklik.erp.mailing.delivery
                        .DeliveryDao.Recipient(r.contactId(), r.email(), f.composer.assignment()
                        .variantOf(r.contactId()).orElseThrow())).toList(), "gone");
                Delivery first = f.deliveries.due(SendFixture.CAMPAIGN, 0, Instant.now(), 1).get(0);
                assertThat(f.deliveries.claim(first, "1.crash@mail.shop.example.com")).isTrue();
                List<String> notes = new CopyOnWriteArrayList<>();
                CampaignSender.Result result = f.sender(SendFixture.smtp(relay.port(), 2), SendFixture.settings(2),
                        Pacing.unthrottled(2, Duration.ofSeconds(1), Clock.systemUTC()), notes::add).run(f.recipients);
                assertThat(result).isInstanceOf(CampaignSender.Result.Finished.class);
                assertThat(notes).anyMatch(n -> n.startsWith("1 message(s) were being handed over"));
                assertThat(f.deliveries.find(SendFixture.CAMPAIGN, first.recipientId()).orElseThrow().state())
                        .isEqualTo(DeliveryState.IN_DOUBT);
                assertThat(relay.count(first.email())).isZero();
                assertThat(relay.received).hasSize(mailed.size() - 1);
            }
        }
    }

    @Test
    void anAbTestPhaseSendsTheTestGroupWaitsThenGivesTheRestTheWinner() throws Exception {
        try (SendFixture f = new SendFixture(dir, 60, "https://t.example.com")) {
            PacingSettings pacing = new PacingSettings(PacerSettings.unthrottled(),
                    new RetrySettings(1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1)), AutoPauseSettings.off(),
                    new AbTestSettings(30, Duration.ofSeconds(2), 1));
            AbTest ab = new AbTest(SendFixture.CAMPAIGN, pacing.abTest());
            try (ScriptedSmtpServer relay = new ScriptedSmtpServer(ScriptedSmtpServer.accepting(), 0)) {
                List<String> notes = new CopyOnWriteArrayList<>();
                CampaignSender.Result result = f.sender(SendFixture.smtp(relay.port(), 2), SendFixture.settings(2),
                        new Pacing(pacing, Clock.systemUTC()), notes::add).run(f.recipients);
                assertThat(result).isInstanceOf(CampaignSender.Result.Finished.class);
                List<ListRecipient> mailed = f.mailed();
                assertThat(relay.received).hasSize(mailed.size());
                var control = f.controls.find(SendFixture.CAMPAIGN).orElseThrow();
                // No clicks yet: equal rates, the tie goes to the first variant, and the reason says why.
                assertThat(control.abWinner()).isEqualTo("A");
                assertThat(control.abWinnerReason()).isNotBlank();
                assertThat(notes).anyMatch(n -> n.startsWith("A/B winner: A"));
                Instant testDone = control.abTestDoneAt();
                int test = 0;
                int rest = 0;
                java.util.Set<String> testVariants = new java.util.HashSet<>();
                for (ListRecipient r : mailed) {
                    Delivery d = f.deliveries.find(SendFixture.CAMPAIGN, r.contactId()).orElseThrow();
                    if (ab.inTestGroup(r.contactId())) {
                        test++;
                        assertThat(d.variant()).isEqualTo(f.composer.assignment().variantOf(r.contactId())
                                .orElseThrow());
                        testVariants.add(d.variant());
                        assertThat(d.handedOverAt()).isBeforeOrEqualTo(testDone);
                    } else {
                        rest++;
                        assertThat(d.variant()).as("the rest get the winner").isEqualTo("A");
                        // Nobody outside the test group went before the wait after its last message.
                        assertThat(d.handedOverAt()).isAfterOrEqualTo(testDone.plusSeconds(2));
                    }
                }
                assertThat(test).isPositive();
                assertThat(rest).isGreaterThan(test);
                assertThat(testVariants).containsExactlyInAnyOrder("A", "B");
            }
        }
    }

    @Test
    void batchesAndTheirIntervalAndTheDomainCapShowInTheArrivalTimes() throws Exception {
        try (SendFixture f = new SendFixture(dir, 30, "https://t.example.com")) {
            // Batches of 5 with 1.5 s between them, and at most 12 per hour to a domain: most contacts share
            // example.com; the few at other domains (example.sk, example.pl) are not held back by its cap.
            PacingSettings pacing = new PacingSettings(new PacerSettings(5, Duration.ofMillis(1500), 0, 12,
                    DomainGroups.none()), new RetrySettings(1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1)),
                    AutoPauseSettings.off(), AbTestSettings.off());
            try (ScriptedSmtpServer relay = new ScriptedSmtpServer(ScriptedSmtpServer.accepting(), 0)) {
                ExecutorService run = Executors.newSingleThreadExecutor();
                CampaignSender sender = f.sender(SendFixture.smtp(relay.port(), 2), SendFixture.settings(2),
                        new Pacing(pacing, Clock.systemUTC()), s -> { });
                Future<CampaignSender.Result> result = run.submit(() -> sender.run(f.recipients));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                long others = f.mailed().stream().filter(r -> !r.email().endsWith("@example.com")).count();
                while (relay.received.size() < 12 + others && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(2500); // longer than a batch interval: the cap, not the batches, holds the rest
                assertThat(relay.received.stream().filter(r -> r.recipient().endsWith("@example.com")))
                        .as("the domain cap of 12 an hour").hasSize(12);
                assertThat(relay.received).as("the other domains' recipients too").hasSize(12 + (int) others);
                sender.stop("test over");
                assertThat(result.get()).isInstanceOf(CampaignSender.Result.Paused.class);
                run.shutdown();
                List<Instant> at = relay.received.stream().map(ScriptedSmtpServer.Received::at).sorted().toList();
                for (int batch = 1; batch * 5 < at.size(); batch++) {
                    Duration gap = Duration.between(at.get(batch * 5 - 1), at.get(batch * 5));
                    assertThat(gap).as("pause before batch %d", batch + 1)
                            .isGreaterThanOrEqualTo(Duration.ofMillis(1400));
                    Duration within = Duration.between(at.get(batch * 5), at.get(Math.min(at.size(), batch * 5 + 5) - 1));
                    assertThat(within).as("batch %d goes out together", batch + 1).isLessThan(Duration.ofMillis(1400));
                }
                // The rest is still queued for later, not failed or skipped.
                assertThat(f.deliveries.counts(SendFixture.CAMPAIGN).get(DeliveryState.QUEUED))
                        .isEqualTo(f.mailed().size() - 12 - others);
            }
        }
    }
}

package cz.proklik.mailer.send;

import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.ErpContactDao;
import cz.proklik.erp.mailing.delivery.Delivery;
import cz.proklik.erp.mailing.delivery.DeliveryDao;
import cz.proklik.erp.mailing.delivery.DeliveryState;
import cz.proklik.erp.mailing.delivery.SendControl;
import cz.proklik.erp.mailing.delivery.SendControlDao;
import cz.proklik.erp.report.VariantKpis;
import cz.proklik.mailer.campaign.CampaignComposer;
import cz.proklik.mailer.lists.ListRecipient;
import cz.proklik.mailer.preview.MimeMessages;
import cz.proklik.mailer.render.RenderException;
import cz.proklik.mailer.render.RenderedMail;
import cz.proklik.mailer.send.pacing.AbTest;
import cz.proklik.mailer.send.pacing.RecipientDomain;
import cz.proklik.mailer.send.pacing.RetryDecision;
import cz.proklik.mailer.send.pacing.SmtpFailure;
import cz.proklik.mailer.send.pacing.WinnerChoice;
import cz.proklik.tracking.verp.VerpAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends one campaign, exactly once per recipient as far as a sender can know (docs/mailer-sending.md). Each
 * recipient's row is claimed (handing over, with the Message-ID) just before its hand-off, and the claim is written
 * to the run's hand-off journal and fsynced before a byte goes to the relay; the outcome (accepted, failed, queued
 * again after a temporary reply, in doubt when the connection broke mid-message) is journalled at once and written
 * to the database in batches ({@link DeliveryRecorder}). A start (or resume) first replays the journals a previous
 * run left ({@link JournalReplay}) and turns every row still handing over into in doubt: never resent on its own.
 * One thread per SMTP connection, each with at most one message in flight, so a crash leaves at most as many
 * messages in doubt as there are connections.
 *
 * <p>A run ends when nothing is queued any more (campaign done), or pauses at {@link #stop} (a signal), at the
 * pause flag another process set ({@code campaign pause}), or at the pacing's automatic pause: no new hand-off
 * starts, the ones in flight finish and are recorded, and what was not handed over stays queued.
 */
public final class CampaignSender {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignSender.class);
    private static final int PAGE = 500;

    /** How a run ended. */
    public sealed interface Result {
        /** Nothing is queued any more: the campaign is done. */
        record Finished(Map<DeliveryState, Long> counts) implements Result {
        }

        /** Stopped before the end, with the reason {@code campaign status} shows; {@code resume} continues. */
        record Paused(String reason, Map<DeliveryState, Long> counts) implements Result {
        }

        /** Another sender holds the campaign (its heartbeat is fresh): nothing was done. */
        record Busy(String runner, Instant heartbeatAt) implements Result {
        }
    }

    /**
     * What the sender needs from the database, the ERP and the mail composition. {@code flushCommits} makes the
     * database's commits durable; it runs before a hand-off journal is deleted. {@code claimInDatabase}: whether
     * each row is committed "handing over" before its hand-off, as well as journalled. Needed where another process
     * may resume the campaign without this machine's journal (SQL Server); on a database only this process writes
     * (the embedded H2 file) the journal's fsynced line is the claim and the row's step goes with its batch.
     */
    public record Parts(DeliveryDao deliveries, SendControlDao controls, CampaignDao campaigns, ErpContactDao erp,
                        CampaignComposer composer, VerpAddress verp, Runnable flushCommits, boolean claimInDatabase,
                        Function<String, List<VariantKpis>> variantResults) {
    }

    private record Job(Delivery delivery, ErpContact contact) {
    }

    private static final Job END = new Job(null, null);

    private final Parts parts;
    private final SmtpSettings smtp;
    private final SendSettings settings;
    private final Pacing pacing;
    private final Clock clock;
    private final Consumer<String> notes;
    private final String campaignId;
    private final Path journalDir;
    private HandOffJournal journal;
    private DeliveryRecorder recorder;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger inDoubtThisRun = new AtomicInteger();
    private final Object idle = new Object();
    private volatile String stopReason;

    /** @param notes receives the lines a user should see (progress, in-doubt, pauses) */
    public CampaignSender(Parts parts, SmtpSettings smtp, SendSettings settings, Pacing pacing, Clock clock,
                          Consumer<String> notes) {
        this.parts = parts;
        this.smtp = smtp;
        this.settings = settings;
        this.pacing = pacing;
        this.clock = clock;
        this.notes = notes;
        this.campaignId = parts.composer().card().campaignId();
        this.journalDir = settings.journalDir();
        MailStreams.pinProvider();
    }

    /** Asks the run to pause (Ctrl-C, SIGTERM): in-flight messages finish, nothing new starts. */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /**
     * Sends what is queued, after queueing the list as evaluated now ({@code recipients}; the holdout group is
     * never queued, and queued rows no longer among them are skipped).
     */
    public Result run(List<ListRecipient> recipients) throws InterruptedException {
        return run(recipients, true);
    }

    /**
     * Sends what is queued already, without a list: a trigger's campaign, whose rows the trigger run queued with
     * their occurrence (docs/triggers.md). No A/B phase; everything else (in doubt at a restart, pacing, lease,
     * pause) as for a list.
     */
    public Result sendQueued() throws InterruptedException {
        return run(List.of(), false);
    }

    private Result run(List<ListRecipient> recipients, boolean fromList) throws InterruptedException {
        String runner = runnerId();
        Optional<SendControlDao.Held> held = parts.controls().acquire(campaignId, runner, settings.lease());
        if (held.isPresent()) {
            return new Result.Busy(held.get().runner(), held.get().heartbeatAt());
        }
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "send-heartbeat-" + campaignId);
            t.setDaemon(true);
            return t;
        });
        String pauseReason = null;
        boolean leaseLost = false;
        boolean journalled = false;
        Path temporary = null;
        try {
            if (journalDir == null) {
                temporary = Files.createTempDirectory("proklik-send-journal-");
            }
            Path dir = journalDir != null ? journalDir : temporary;
            JournalReplay.Result replayed = JournalReplay.replay(dir, campaignId, parts.deliveries(),
                    parts.flushCommits(), clock.instant());
            if (replayed.journals() > 0) {
                notes.accept("hand-off journal of the previous run replayed: " + replayed.recovered()
                        + " outcome(s) the database had not stored yet, " + replayed.inDoubt() + " in doubt");
            }
            journal = HandOffJournal.create(dir, campaignId, runner, clock.instant());
            recorder = new DeliveryRecorder(parts.deliveries(), "send-recorder-" + campaignId,
                    e -> stop("stopped by an error: the database refused the send's steps: " + e.getMessage()));
            journalled = true;
            int interrupted = parts.deliveries().markInterruptedInDoubt(campaignId);
            if (interrupted > 0) {
                notes.accept(interrupted + " message(s) were being handed over when the previous sender stopped:"
                        + " now in doubt, never resent on their own (campaign status " + campaignId
                        + "; campaign resend-in-doubt " + campaignId + ")");
            }
            AbTest ab = pacing.abTest(campaignId);
            boolean phase = fromList && ab.enabled() && !parts.composer().assignment().variants().isEmpty();
            String winner = phase ? parts.controls().find(campaignId).map(SendControl::abWinner).orElse(null) : null;
            if (fromList) {
                queue(recipients, phase ? ab : null, winner);
            }
            for (DeliveryDao.HandedOver h : parts.deliveries().handedOverSince(campaignId,
                    clock.instant().minus(Duration.ofHours(1)))) {
                pacing.replay(RecipientDomain.of(h.email()), h.at());
            }
            parts.campaigns().setStatus(campaignId, CampaignStatus.SENDING);
            heartbeat.scheduleWithFixedDelay(() -> beat(runner), settings.heartbeat().toMillis(),
                    settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
            dispatch();
            if (phase && winner == null && stopReason == null) {
                winner = decideWinner(ab);
                if (winner != null) {
                    queue(recipients, ab, winner);
                    dispatch();
                }
            }
            pauseReason = stopReason;
            leaseLost = pauseReason != null && pauseReason.startsWith(LEASE_LOST);
        } catch (IOException e) {
            throw new UncheckedIOException("the hand-off journal could not be used: " + e.getMessage(), e);
        } finally {
            heartbeat.shutdownNow();
            heartbeat.awaitTermination(5, TimeUnit.SECONDS);
            if (journalled) {
                closeJournal();
            }
            removeIfEmpty(temporary);
            if (!leaseLost) {
                if (pauseReason == null && parts.deliveries().counts(campaignId).get(DeliveryState.QUEUED) > 0) {
                    pauseReason = "stopped by an error (see the output of the send)";
                }
                parts.campaigns().setStatus(campaignId, pauseReason == null ? CampaignStatus.DONE
                        : CampaignStatus.PAUSED);
                parts.controls().release(campaignId, runner, pauseReason);
            }
        }
        Map<DeliveryState, Long> counts = parts.deliveries().counts(campaignId);
        return pauseReason == null ? new Result.Finished(counts) : new Result.Paused(pauseReason, counts);
    }

    private static final String LEASE_LOST = "another sender took the campaign over";

    /**
     * The run's steps into the database, made durable, then the journal deleted. When the database refused them the
     * journal stays, and the next start replays it.
     */
    private void closeJournal() throws InterruptedException {
        recorder.close();
        try {
            if (recorder.failure() == null) {
                parts.flushCommits().run();
                journal.closeAndDelete();
            } else {
                journal.close();
                notes.accept("the hand-off journal " + journal.file() + " is kept: the next send of " + campaignId
                        + " writes its steps into the database");
            }
        } catch (IOException e) {
            LOG.warn("hand-off journal {} could not be deleted; the next start replays it: {}", journal.file(),
                    e.toString());
        }
    }

    /** A temporary journal folder goes with the run once its journal is deleted (a kept one stays, and says so). */
    private static void removeIfEmpty(Path folder) {
        if (folder == null) {
            return;
        }
        try {
            Files.deleteIfExists(folder);
        } catch (IOException notEmptyOrGone) {
            LOG.debug("temporary journal folder {} kept: {}", folder, notEmptyOrGone.toString());
        }
    }

    private void beat(String runner) {
        try {
            Optional<String> asked = parts.controls().heartbeat(campaignId, runner);
            if (asked.isEmpty()) {
                stop(LEASE_LOST);
            } else if (!asked.get().isEmpty()) {
                stop(asked.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("heartbeat of campaign {} failed: {}", campaignId, e.toString());
            stop("the database could not be reached: " + e.getMessage());
        }
    }

    /**
     * The A/B test group is sent: waits until the decision time (in the foreground; a pause stops the wait, and a
     * resume waits for the same time, which is stored), then chooses the winner from the views and stores it.
     *
     * @return the winner, null when the run was stopped first
     */
    private String decideWinner(AbTest ab) throws InterruptedException {
        Instant last = parts.deliveries().handedOverSince(campaignId, Instant.EPOCH).stream()
                .map(DeliveryDao.HandedOver::at).max(Instant::compareTo).orElse(clock.instant());
        parts.controls().abTestDone(campaignId, last);
        Instant doneAt = parts.controls().find(campaignId).map(SendControl::abTestDoneAt).orElse(last);
        Instant decideAt = ab.decisionAt(doneAt);
        notes.accept("A/B test group sent (last hand-over " + doneAt + "); the winner is chosen at " + decideAt);
        sleepUntil(decideAt);
        if (stopReason != null) {
            return null;
        }
        List<String> variants = parts.composer().assignment().variants();
        WinnerChoice choice = ab.decide(variants, parts.variantResults().apply(campaignId));
        String reason = choice.reason().length() > 400 ? choice.reason().substring(0, 400) : choice.reason();
        parts.controls().abWinner(campaignId, choice.variant(), reason);
        notes.accept("A/B winner: " + choice.variant() + " (" + reason + "); the rest of the list gets it");
        return parts.controls().find(campaignId).map(SendControl::abWinner).orElse(choice.variant());
    }

    /**
     * Queues the list as evaluated now: the holdout never; with an A/B test phase ({@code ab} not null) the test
     * group with its assigned variants, the rest only once the winner is known, with the winner.
     */
    private void queue(List<ListRecipient> recipients, AbTest ab, String winner) {
        List<DeliveryDao.Recipient> rows = new ArrayList<>();
        for (ListRecipient r : recipients) {
            Optional<String> assigned = parts.composer().assignment().variantOf(r.contactId());
            if (assigned.isEmpty()) {
                continue;
            }
            String v = assigned.get();
            if (ab != null && !ab.inTestGroup(r.contactId())) {
                if (winner == null) {
                    continue;
                }
                v = winner;
            }
            rows.add(new DeliveryDao.Recipient(r.contactId(), r.email(), v.isEmpty() ? null : v));
        }
        int[] done = parts.deliveries().queue(campaignId, rows,
                "not mailed: no longer on the list, or suppressed (unsubscribed, bounced, no consent) meanwhile");
        if (done[0] > 0 || done[1] > 0) {
            notes.accept("queued " + done[0] + " recipient(s)" + (done[1] > 0 ? ", skipped " + done[1]
                    + " no longer on the list" : ""));
        }
    }

    private void dispatch() throws InterruptedException {
        BlockingQueue<Job> jobs = new ArrayBlockingQueue<>(Math.max(2, smtp.connections() * 2));
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < smtp.connections(); i++) {
            Thread t = new Thread(() -> work(jobs), "send-" + campaignId + "-" + (i + 1));
            t.start();
            workers.add(t);
        }
        try {
            long after = 0;
            while (stopReason == null) {
                List<Delivery> page = parts.deliveries().due(campaignId, after, clock.instant(), PAGE);
                if (page.isEmpty()) {
                    awaitIdle();
                    // What the database says next (retries due, what is left) counts the steps still in the batch.
                    recorder.flush();
                    if (stopReason != null) {
                        break;
                    }
                    Optional<Instant> next = parts.deliveries().nextDue(campaignId);
                    if (next.isEmpty()) {
                        break;
                    }
                    after = 0;
                    sleepUntil(next.get());
                    continue;
                }
                Map<String, ErpContact> contacts = parts.erp().findAll(page.stream().map(Delivery::recipientId)
                        .toList());
                for (Delivery d : page) {
                    if (stopReason != null) {
                        break;
                    }
                    inFlight.incrementAndGet();
                    jobs.put(new Job(d, contacts.get(d.recipientId())));
                    after = d.id();
                }
            }
        } finally {
            // What was not taken yet stays queued in the database; the workers finish the message in hand.
            List<Job> left = new ArrayList<>();
            jobs.drainTo(left);
            left.forEach(j -> done());
            for (int i = 0; i < workers.size(); i++) {
                jobs.put(END);
            }
            for (Thread t : workers) {
                t.join();
            }
            recorder.flush();
        }
    }

    private void sleepUntil(Instant at) throws InterruptedException {
        while (stopReason == null) {
            long ms = Duration.between(clock.instant(), at).toMillis();
            if (ms <= 0) {
                return;
            }
            Thread.sleep(Math.min(ms, 200));
        }
    }

    private void awaitIdle() throws InterruptedException {
        synchronized (idle) {
            while (inFlight.get() > 0) {
                idle.wait(200);
            }
        }
    }

    private void done() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private void work(BlockingQueue<Job> jobs) {
        try (SmtpConnection connection = new SmtpConnection(smtp)) {
            while (true) {
                Job job = jobs.take();
                if (job == END) {
                    return;
                }
                try {
                    if (stopReason == null) {
                        handle(connection, job);
                    }
                } catch (RuntimeException e) {
                    // A failed database write: the row stays as it was (handing over: in doubt at the next start).
                    LOG.error("campaign {}: delivery {} stopped the send", campaignId, job.delivery().id(), e);
                    stop("stopped by an error: " + e.getMessage());
                } finally {
                    done();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(SmtpConnection connection, Job job) throws InterruptedException {
        Delivery d = job.delivery();
        if (job.contact() == null) {
            parts.deliveries().skip(d, "not mailed: the contact is no longer in the ERP");
            return;
        }
        String domain = RecipientDomain.of(d.email());
        Pacing.Turn turn = pacing.awaitTurn(domain, () -> stopReason != null);
        if (turn instanceof Pacing.Turn.DomainCapped capped) {
            // Stays queued, due when the cap frees; this connection takes the next recipient meanwhile.
            parts.deliveries().postponeForCap(d, capped.capKey(), capped.until());
            return;
        }
        if (!(turn instanceof Pacing.Turn.Go)) {
            return;
        }
        String messageId = d.messageId() != null ? d.messageId() : newMessageId(d.id());
        RenderedMail mail;
        MimeMessage message;
        try {
            // The variant queued: the assigned one, or the A/B winner for the rest of the list.
            mail = parts.composer().compose(job.contact(), d.variant() == null ? "" : d.variant(), d.id());
            message = settings.signed(MimeMessages.of(mail, clock,
                    new MimeMessages.Extras(messageId, settings.unsubscribeMailto(), null)));
        } catch (RenderException | MessagingException | IllegalArgumentException e) {
            if (claim(d, messageId)) {
                step(new Claim(d, messageId, d.attempts() + 1, clock.instant()), DeliveryState.FAILED, null,
                        "not sent: " + e.getMessage());
            }
            return;
        }
        if (!claim(d, messageId)) {
            return;
        }
        Claim claim = new Claim(d, messageId, d.attempts() + 1, clock.instant());
        try {
            journal.handingOver(claim.entry(DeliveryState.HANDING_OVER, null, claim.at(), null));
        } catch (IOException e) {
            // Not handed over: the row is queued again as it was, and nothing more goes out without a journal.
            step(claim, DeliveryState.QUEUED, null, null);
            stop("the hand-off journal could not be written (" + e.getMessage() + "): paused before the hand-off");
            return;
        }
        HandOff outcome = connection.send(message, envelopeFrom(d, mail), mail.toAddress());
        if (outcome instanceof HandOff.Accepted a) {
            step(claim, DeliveryState.ACCEPTED, null, a.reply());
            pacing.accepted(d.recipientId());
        } else if (outcome instanceof HandOff.Unknown u) {
            step(claim, DeliveryState.IN_DOUBT, null, "the connection broke while handing over: " + u.reason());
            pacing.failed(d.recipientId(), SmtpFailure.connection(u.reason()), d.attempts());
            notes.accept("in doubt: " + d.recipientId() + " (" + u.reason() + ")");
            if (inDoubtThisRun.incrementAndGet() >= settings.maxInDoubt()) {
                stop(inDoubtThisRun.get() + " message(s) in doubt after broken connections to the relay: paused"
                        + " so that no more are (campaign status lists them)");
            }
        } else {
            SmtpFailure failure = failure(outcome);
            RetryDecision decision = pacing.failed(d.recipientId(), failure, d.attempts());
            if (decision instanceof RetryDecision.RetryAt retry) {
                step(claim, DeliveryState.QUEUED, retry.at(), failure.describe());
            } else if (decision instanceof RetryDecision.Fail fail) {
                step(claim, DeliveryState.FAILED, null, fail.reason());
            } else {
                step(claim, DeliveryState.QUEUED, null, null);
                stop(((RetryDecision.PauseSend) decision).reason());
            }
            if (outcome instanceof HandOff.NotConnected) {
                Thread.sleep(1000); // not hammering a relay that is down; the backoff decides the rest
            }
        }
        pacing.pauseReason().ifPresent(reason -> stop("automatic pause: " + reason));
    }

    /**
     * Claims the row for its hand-off (see {@link Parts}): committed, or left to the journal line written next.
     *
     * @return false when the database no longer had the row queued: not handed over
     */
    private boolean claim(Delivery d, String messageId) {
        return !parts.claimInDatabase() || parts.deliveries().claim(d, messageId);
    }

    /** A row claimed for its hand-off: the Message-ID, the attempts with this one, when. */
    private record Claim(Delivery delivery, String messageId, int attempts, Instant at) {
        HandOffJournal.Entry entry(DeliveryState state, Instant nextAttemptAt, Instant stepAt, String reply) {
            return new HandOffJournal.Entry(delivery.id(), delivery.recipientId(), state, messageId, attempts, at,
                    nextAttemptAt, stepAt, reply);
        }
    }

    /**
     * How a claimed row ends: journalled at once, then written with the next batch. {@code QUEUED} without a
     * retry time is a row that was not handed over after all: back as it was (its attempt not counted).
     */
    private void step(Claim c, DeliveryState state, Instant nextAttemptAt, String reply) {
        Delivery d = c.delivery();
        boolean notHandedOver = state == DeliveryState.QUEUED && nextAttemptAt == null;
        int attempts = notHandedOver ? d.attempts() : c.attempts();
        Instant handedOverAt = notHandedOver ? d.handedOverAt() : c.at();
        String text = notHandedOver ? d.smtpReply() : reply;
        Instant at = clock.instant();
        HandOffJournal.Entry entry = new HandOffJournal.Entry(d.id(), d.recipientId(), state, c.messageId(),
                attempts, handedOverAt, nextAttemptAt, at, text);
        try {
            journal.outcome(entry);
        } catch (IOException e) {
            // The database still gets it; were the process to die first, the journal's hand-off line makes it in doubt.
            LOG.warn("campaign {}: the outcome of delivery {} could not be journalled: {}", campaignId, d.id(),
                    e.toString());
            stop("the hand-off journal could not be written (" + e.getMessage() + ")");
        }
        // A claim in the database registered a new Message-ID for bounce matching; without one, the step does.
        boolean register = !parts.claimInDatabase() && !c.messageId().equals(d.messageId());
        recorder.submit(new DeliveryDao.Step(d, state, c.messageId(), attempts, handedOverAt, nextAttemptAt, text, at,
                register));
    }

    /** What the backoff and the automatic pause judge: the reply (code, enhanced code, text), or no reply. */
    static SmtpFailure failure(HandOff outcome) {
        if (outcome instanceof HandOff.Rejected r) {
            return SmtpFailure.reply(r.code(), withoutCode(r.reply()));
        }
        if (outcome instanceof HandOff.Deferred d) {
            return SmtpFailure.reply(d.code(), withoutCode(d.reply()));
        }
        HandOff.NotConnected n = (HandOff.NotConnected) outcome;
        return n.login() ? SmtpFailure.authentication(n.reason()) : SmtpFailure.connection(n.reason());
    }

    private static String withoutCode(String reply) {
        return reply.replaceFirst("^\\d{3}[ -]", "");
    }

    private String envelopeFrom(Delivery d, RenderedMail mail) {
        if (settings.bounceBox() == null) {
            return mail.fromAddress();
        }
        if (parts.verp() != null) {
            try {
                return parts.verp().encodeDelivery(settings.bounceBox(), settings.bounceDomain(), d.id());
            } catch (IllegalArgumentException | IllegalStateException tooLongOrNoKey) {
                LOG.debug("no VERP for delivery {}: {}", d.id(), tooLongOrNoKey.getMessage());
            }
        }
        return settings.bounceBox() + "@" + settings.bounceDomain();
    }

    private String newMessageId(long deliveryId) {
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return deliveryId + "." + random + "@" + settings.messageIdDomain();
    }

    private static String runnerId() {
        return (ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8))
                .replaceAll("[^A-Za-z0-9@._:/-]", "_");
    }
}

package cz.proklik.mailer.trigger;

import cz.proklik.erp.mailing.card.CampaignCard;
import cz.proklik.erp.mailing.delivery.Delivery;
import cz.proklik.erp.mailing.delivery.DeliveryDao;
import cz.proklik.erp.mailing.delivery.DeliveryState;
import cz.proklik.erp.mailing.list.Candidate;
import cz.proklik.erp.mailing.suppression.Suppression;
import cz.proklik.erp.trigger.Occurrence;
import cz.proklik.erp.trigger.Trigger;
import cz.proklik.erp.trigger.TriggerDao;
import cz.proklik.mailer.lists.Exclusion;
import cz.proklik.mailer.lists.ListEvaluation;
import cz.proklik.mailer.lists.ListEvaluator;
import cz.proklik.mailer.send.CampaignSender;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * One run of one trigger (docs/triggers.md): finds the occurrences of its event that are new, screens their contacts
 * by the rules every marketing mail obeys (address, consent, unsubscribe, hard bounce, complaint, one mail per
 * address), records each occurrence with its delivery row in one transaction (queued, or skipped with the reason),
 * screens the queued rows once more and hands them to the send engine of campaigns, within the sending window. A
 * contact over the daily cap of trigger mails is recorded skipped with the reason {@code daily_cap}. The engine's exactly-once states
 * make a crash at any point safe: an occurrence recorded is never found again, a queued row is sent by the next run,
 * and a row caught handing over becomes in doubt, never resent on its own.
 */
public final class TriggerRunner {
    /** Builds the sender of a trigger's campaign (composer, SMTP, pacing) only when something is to be sent. */
    @FunctionalInterface
    public interface Senders {
        CampaignSender of(Trigger trigger) throws IOException;
    }

    /**
     * What a run did: occurrences found, queued, not mailed per first reason ({@code suppressed}, the daily cap as
     * {@code daily_cap}), queued rows skipped at the second screening, and the send's result (null when nothing was
     * sent). {@code waitsUntil}: the queued mails wait for the sending window, which opens then (null: they did not,
     * or the send was stopped when the window closed and the rest waits for this next opening).
     */
    public record Outcome(Trigger trigger, int found, int queued, Map<String, Integer> suppressed,
                          int skippedBeforeSend, CampaignSender.Result send, Instant waitsUntil) {
    }

    /**
     * When trigger mails go out and how many a contact gets a day across all triggers ({@code dailyCap}, 0 = no
     * cap), docs/triggers.md.
     */
    public record SendingRules(SendingWindow window, int dailyCap) {
        public static final SendingRules NONE = new SendingRules(SendingWindow.ALWAYS, 0);

        public SendingRules {
            Objects.requireNonNull(window, "window");
            if (dailyCap < 0) {
                throw new IllegalArgumentException("the daily cap is 0 (none) or more, not " + dailyCap);
            }
        }
    }

    /** The deciding reason of a mail the daily cap held back. */
    public static final String DAILY_CAP = "daily_cap";

    private final TriggerDao triggers;
    private final DeliveryDao deliveries;
    private final ListEvaluator screening;
    private final Clock clock;
    private final ZoneId zone;
    private final SendingRules rules;

    /** @param zone whose calendar day is a birthday; no sending window, no daily cap */
    public TriggerRunner(TriggerDao triggers, DeliveryDao deliveries, ListEvaluator screening, Clock clock,
                         ZoneId zone) {
        this(triggers, deliveries, screening, clock, zone, SendingRules.NONE);
    }

    /** @param zone whose calendar day is a birthday, and the day of the daily cap */
    public TriggerRunner(TriggerDao triggers, DeliveryDao deliveries, ListEvaluator screening, Clock clock,
                         ZoneId zone, SendingRules rules) {
        this.triggers = triggers;
        this.deliveries = deliveries;
        this.screening = screening;
        this.clock = clock;
        this.zone = zone;
        this.rules = rules;
    }

    /**
     * The card a trigger's campaign is composed with: its template, shop and greeting, no products, no split, no
     * holdout. It is not stored: a trigger's campaign has no list, and {@code campaign send} has no business with it.
     */
    public static CampaignCard card(Trigger t) {
        return new CampaignCard(t.campaignId(), 1, LocalDate.ofInstant(t.createdAt(), ZoneOffset.UTC),
                "trigger:" + t.id(), t.templateId(), t.shop(), t.personalGreeting(), BigDecimal.ZERO, List.of(),
                Map.of(), t.createdAt());
    }

    public Outcome run(Trigger t, Senders senders) throws IOException, InterruptedException {
        Instant now = clock.instant();
        List<Occurrence> found = triggers.newOccurrences(t, now, zone);
        Map<String, Exclusion> excluded = screen(t, found.stream()
                .map(o -> new Candidate(o.contactId(), o.email(), o.consent(), 0)).toList());
        LocalDate today = LocalDate.ofInstant(now, zone);
        int queued = 0;
        Map<String, Integer> suppressed = new TreeMap<>();
        for (Occurrence o : found) {
            Exclusion why = excluded.get(o.contactId());
            String reason = why == null ? null : reason(why);
            String code = why == null ? null : why.reasons().get(0).reason().code();
            if (why == null && overCap(o.contactId(), today)) {
                reason = "not mailed: " + DAILY_CAP + " (" + rules.dailyCap() + " trigger mails to this contact on "
                        + today + ", sent or waiting; proklik.triggers.daily-cap)";
                code = DAILY_CAP;
            }
            if (!triggers.record(t, o, reason)) {
                continue;
            }
            if (reason == null) {
                queued++;
            } else {
                suppressed.merge(code, 1, Integer::sum);
            }
        }
        int skippedBeforeSend = screenQueued(t);
        triggers.ran(t.id(), now);
        if (deliveries.counts(t.campaignId()).get(DeliveryState.QUEUED) == 0) {
            return new Outcome(t, found.size(), queued, suppressed, skippedBeforeSend, null, null);
        }
        if (!rules.window().isOpen(now)) {
            return new Outcome(t, found.size(), queued, suppressed, skippedBeforeSend, null,
                    rules.window().nextOpening(now));
        }
        CampaignSender sender = senders.of(t);
        Optional<Instant> closing = rules.window().closing(now);
        ScheduledExecutorService closer = closing.isEmpty() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "trigger-window-" + t.id());
            th.setDaemon(true);
            return th;
        });
        AtomicBoolean closed = new AtomicBoolean();
        try {
            if (closer != null) {
                // A send still going when the window closes (retries, domain caps) pauses; the rest waits.
                closer.schedule(() -> {
                    closed.set(true);
                    sender.stop("the sending window " + rules.window() + " closed");
                }, Math.max(0, Duration.between(clock.instant(), closing.get()).toMillis()), TimeUnit.MILLISECONDS);
            }
            CampaignSender.Result send = sender.sendQueued();
            Instant waits = closed.get() && send instanceof CampaignSender.Result.Paused
                    ? rules.window().nextOpening(clock.instant()) : null;
            return new Outcome(t, found.size(), queued, suppressed, skippedBeforeSend, send, waits);
        } finally {
            if (closer != null) {
                closer.shutdownNow();
            }
        }
    }

    /**
     * Whether the contact has had its trigger mails for the day: the day's mails of every trigger handed over,
     * and those still waiting to go.
     */
    private boolean overCap(String contactId, LocalDate today) {
        if (rules.dailyCap() == 0) {
            return false;
        }
        return triggers.mailsOfTheDay(contactId, today.atStartOfDay(zone).toInstant(),
                today.plusDays(1).atStartOfDay(zone).toInstant()) >= rules.dailyCap();
    }

    /** The queued rows again, as the ERP and the suppressions are now (a row queued by a run that crashed). */
    private int screenQueued(Trigger t) {
        List<Candidate> queuedContacts = triggers.queuedContacts(t.campaignId());
        if (queuedContacts.isEmpty()) {
            return 0;
        }
        Map<String, Exclusion> excluded = screen(t, queuedContacts);
        int skipped = 0;
        for (Delivery d : deliveries.inState(t.campaignId(), DeliveryState.QUEUED)) {
            Exclusion why = excluded.get(d.recipientId());
            if (why != null) {
                deliveries.skip(d, reason(why));
                skipped++;
            }
        }
        return skipped;
    }

    /** Screens each contact once (two occurrences of one contact are two mails, not a duplicate address). */
    private Map<String, Exclusion> screen(Trigger t, List<Candidate> candidates) {
        Map<String, Candidate> once = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            once.putIfAbsent(c.contactId(), c);
        }
        ListEvaluation e = screening.screen("trigger:" + t.id(), new ArrayList<>(once.values()));
        return e.excluded().stream().collect(Collectors.toMap(Exclusion::contactId, x -> x));
    }

    /** "not mailed: unsubscribed (detail); no_consent" - every reason, the deciding one first. */
    static String reason(Exclusion why) {
        StringBuilder text = new StringBuilder("not mailed: ");
        for (int i = 0; i < why.reasons().size(); i++) {
            Suppression s = why.reasons().get(i);
            text.append(i == 0 ? "" : "; ").append(s.reason().code());
            if (s.detail() != null && !s.detail().isBlank()) {
                text.append(" (").append(s.detail()).append(')');
            }
        }
        return text.toString();
    }
}

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One run of one trigger (docs/triggers.md): finds the occurrences of its event that are new, screens their contacts
 * by the rules every marketing mail obeys (address, consent, unsubscribe, hard bounce, complaint, one mail per
 * address), records each occurrence with its delivery row in one transaction (queued, or skipped with the reason),
 * screens the queued rows once more and hands them to the send engine of campaigns. The engine's exactly-once states
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
     * What a run did: occurrences found, queued, skipped per first reason ({@code suppressed}), queued rows skipped
     * at the second screening, and the send's result (null when nothing was queued).
     */
    public record Outcome(Trigger trigger, int found, int queued, Map<String, Integer> suppressed,
                          int skippedBeforeSend, CampaignSender.Result send) {
    }

    private final TriggerDao triggers;
    private final DeliveryDao deliveries;
    private final ListEvaluator screening;
    private final Clock clock;
    private final ZoneId zone;

    /** @param zone whose calendar day is a birthday */
    public TriggerRunner(TriggerDao triggers, DeliveryDao deliveries, ListEvaluator screening, Clock clock,
                         ZoneId zone) {
        this.triggers = triggers;
        this.deliveries = deliveries;
        this.screening = screening;
        this.clock = clock;
        this.zone = zone;
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
        int queued = 0;
        Map<String, Integer> suppressed = new TreeMap<>();
        for (Occurrence o : found) {
            Exclusion why = excluded.get(o.contactId());
            if (!triggers.record(t, o, why == null ? null : reason(why))) {
                continue;
            }
            if (why == null) {
                queued++;
            } else {
                suppressed.merge(why.reasons().get(0).reason().code(), 1, Integer::sum);
            }
        }
        int skippedBeforeSend = screenQueued(t);
        triggers.ran(t.id(), now);
        CampaignSender.Result send = null;
        if (deliveries.counts(t.campaignId()).get(DeliveryState.QUEUED) > 0) {
            send = senders.of(t).sendQueued();
        }
        return new Outcome(t, found.size(), queued, suppressed, skippedBeforeSend, send);
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

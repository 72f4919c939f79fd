package cz.proklik.mailer.lists;

import cz.proklik.erp.mailing.list.Candidate;
import cz.proklik.erp.mailing.list.ListDao;
import cz.proklik.erp.mailing.list.MailList;
import cz.proklik.erp.mailing.suppression.Suppression;
import cz.proklik.erp.mailing.suppression.SuppressionReason;
import cz.proklik.erp.mailing.suppression.SuppressionSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a list now: criteria again against the ERP (imported lists as imported), then the marketing rules
 * every list obeys: an address that works, the ERP's consent, no unsubscribe, hard bounce or complaint from any
 * source, and one mail per address (two contacts sharing one address: the first by contact id gets it).
 */
public final class ListEvaluator {
    private final ListDao lists;
    private final List<SuppressionSource> sources;

    public ListEvaluator(ListDao lists, List<SuppressionSource> sources) {
        this.lists = lists;
        this.sources = List.copyOf(sources);
    }

    public ListEvaluation evaluate(MailList list) {
        List<Candidate> candidates = list.kind() == MailList.Kind.CRITERIA ? lists.evaluate(list.criteria())
                : lists.members(list.id());
        return screen(list.id(), candidates);
    }

    /**
     * The marketing rules alone, over contacts chosen otherwise (a trigger's occurrences, docs/triggers.md):
     * {@code name} is what the evaluation is called.
     */
    public ListEvaluation screen(String name, List<Candidate> candidates) {
        Map<String, List<Suppression>> reasons = new LinkedHashMap<>();
        List<SuppressionSource.Recipient> asked = new ArrayList<>();
        for (Candidate c : candidates) {
            String email = c.email() == null ? null : c.email().strip();
            if (email == null || email.isEmpty()) {
                add(reasons, new Suppression(c.contactId(), SuppressionReason.NO_ADDRESS, null, null));
            } else if (!Addresses.valid(email)) {
                add(reasons, new Suppression(c.contactId(), SuppressionReason.BAD_ADDRESS, email, null));
            }
            if (!c.consent()) {
                add(reasons, new Suppression(c.contactId(), SuppressionReason.NO_CONSENT, "pkl_erp_contact.email_consent",
                        null));
            }
            asked.add(new SuppressionSource.Recipient(c.contactId(),
                    email == null ? null : email.toLowerCase(Locale.ROOT)));
        }
        for (SuppressionSource source : sources) {
            for (Suppression s : source.suppressed(asked)) {
                add(reasons, s);
            }
        }
        Map<String, String> firstByAddress = new HashMap<>();
        List<ListRecipient> recipients = new ArrayList<>();
        List<Exclusion> excluded = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Candidate c : candidates) {
            if (!seen.add(c.contactId())) {
                continue;
            }
            String email = c.email() == null ? null : c.email().strip();
            if (!reasons.containsKey(c.contactId())) {
                String key = email.toLowerCase(Locale.ROOT);
                String first = firstByAddress.putIfAbsent(key, c.contactId());
                if (first == null) {
                    recipients.add(new ListRecipient(c.contactId(), email));
                    continue;
                }
                add(reasons, new Suppression(c.contactId(), SuppressionReason.DUPLICATE_ADDRESS,
                        "same address as " + first, null));
            }
            List<Suppression> mine = new ArrayList<>(reasons.get(c.contactId()));
            mine.sort(Comparator.comparing(Suppression::reason));
            excluded.add(new Exclusion(c.contactId(), email, mine));
        }
        return new ListEvaluation(name, recipients, excluded);
    }

    private static void add(Map<String, List<Suppression>> reasons, Suppression s) {
        reasons.computeIfAbsent(s.contactId(), k -> new ArrayList<>()).add(s);
    }
}

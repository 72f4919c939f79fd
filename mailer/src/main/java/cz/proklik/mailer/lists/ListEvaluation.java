package cz.proklik.mailer.lists;

import java.util.List;

/** A list as it stands now: who gets a mail (one per person, one per address) and who is excluded and why. */
public record ListEvaluation(String listId, List<ListRecipient> recipients, List<Exclusion> excluded) {
    public ListEvaluation {
        recipients = List.copyOf(recipients);
        excluded = List.copyOf(excluded);
    }
}

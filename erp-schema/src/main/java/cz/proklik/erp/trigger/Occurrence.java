package cz.proklik.erp.trigger;

import java.time.Instant;
import java.util.Objects;

/**
 * A new occurrence of a trigger's event for one contact, not recorded yet: {@code key} tells it from the contact's
 * other occurrences of the same trigger (the registration, the birthday's year, the cart, the pre-order, the order),
 * {@code detail} is what a user reads in {@code triggers list --occurrences} (ids and amounts, never free text), and
 * the contact's address and consent are read with it for the screening.
 */
public record Occurrence(String contactId, String key, Instant occurredAt, String detail, String email,
                         boolean consent) {
    public Occurrence {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

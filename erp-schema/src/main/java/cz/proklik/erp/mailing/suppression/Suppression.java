package cz.proklik.erp.mailing.suppression;

import java.time.Instant;
import java.util.Objects;

/** One reason one contact is excluded; {@code detail} and {@code since} say where it comes from, when known. */
public record Suppression(String contactId, SuppressionReason reason, String detail, Instant since) {
    public Suppression {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(reason, "reason");
    }
}

package cz.proklik.erp.bounce;

import java.time.Instant;
import java.util.Objects;

/**
 * One {@code pkl_bounce} row: a recipient of a returned message with its verdict and its send (null campaign and
 * recipient when none was found). {@code email} is the lower-case address that was mailed.
 */
public record BounceRecord(long bounceId, long messageRowId, String email, String kind, String reason, String status,
                           String diagnostic, String campaignId, String recipientId, String matchedBy,
                           Instant occurredAt) {
    public BounceRecord {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if ((campaignId == null) != (recipientId == null) || (campaignId == null) != (matchedBy == null)) {
            throw new IllegalArgumentException("campaign, recipient and matched_by are set together or not at all");
        }
        if (diagnostic != null && diagnostic.length() > 1000) {
            diagnostic = diagnostic.substring(0, 1000);
        }
    }
}

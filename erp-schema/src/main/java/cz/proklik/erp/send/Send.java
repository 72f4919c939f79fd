package cz.proklik.erp.send;

import cz.proklik.erp.db.Ids;

import java.time.Instant;
import java.util.Objects;

/** One e-mail of a campaign to one recipient ({@code pkl_send}); {@code variant} is null without an A/B split. */
public record Send(String campaignId, String recipientId, String email, String variant, Instant sentAt,
                   SendStatus status, String errorText, BounceKind bounceKind, Instant bouncedAt) {
    public Send {
        Ids.requireId("campaign id", campaignId);
        Ids.requireId("recipient id", recipientId);
        Objects.requireNonNull(email, "email");
        Ids.requireVariantOrNull(variant);
        Objects.requireNonNull(status, "status");
        if (bounceKind != null && status != SendStatus.BOUNCED) {
            throw new IllegalArgumentException("bounce kind is only for status bounced");
        }
    }

    public static Send sent(String campaignId, String recipientId, String email, String variant, Instant sentAt) {
        return new Send(campaignId, recipientId, email, variant, sentAt, SendStatus.SENT, null, null, null);
    }
}

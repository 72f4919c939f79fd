package cz.proklik.erp.mailing.delivery;

import java.time.Instant;

/**
 * One recipient of a campaign send ({@code pkl_mail_delivery}). {@code variant} is null without an A/B split;
 * {@code messageId} (without angle brackets) is made once, before the first hand-off, and kept for every retry and
 * an explicit resend, so a receiver that already has the message can tell it is the same one.
 */
public record Delivery(long id, String campaignId, String recipientId, String email, String variant,
                       DeliveryState state, String messageId, int attempts, Instant nextAttemptAt, String smtpReply,
                       Instant handedOverAt, Instant finishedAt) {
}

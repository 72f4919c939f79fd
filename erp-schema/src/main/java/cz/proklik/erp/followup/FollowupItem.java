package cz.proklik.erp.followup;

import java.time.Instant;

/**
 * One item of the follow-up queue {@code pkl_followup}. {@code ruleId} null = made by hand; {@code triggerKind} is a
 * {@link FollowupTrigger} code or {@code manual}.
 */
public record FollowupItem(Long id, Integer ruleId, String campaignId, String recipientId, ItemKind kind,
                           String owner, String text, String triggerKind, String eventId, String orderId,
                           Instant triggeredAt, FollowupStatus status, Instant createdAt, Instant takenAt,
                           Instant doneAt, String erpRef) {
    public static final String MANUAL = "manual";

    /** A new item, before it is stored. */
    public static FollowupItem queued(Integer ruleId, String campaignId, String recipientId, ItemKind kind,
                                      String owner, String text, String triggerKind, String eventId, String orderId,
                                      Instant triggeredAt, Instant createdAt) {
        return new FollowupItem(null, ruleId, campaignId, recipientId, kind, owner, text, triggerKind, eventId,
                orderId, triggeredAt, FollowupStatus.NEW, createdAt, null, null, null);
    }
}

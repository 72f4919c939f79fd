package cz.proklik.erp.followup;

import java.time.Instant;

/**
 * The reaction that fires a rule for one recipient: the event (click, unsubscribe, response; for an order the click
 * it is attributed to), the order, the link and the time.
 */
public record Trigger(String recipientId, String eventId, String orderId, String linkId, Instant at) {
}

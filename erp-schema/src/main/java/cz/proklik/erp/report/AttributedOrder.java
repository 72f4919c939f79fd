package cz.proklik.erp.report;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of {@code pkl_eval_order_attribution}: an order and the clean click it is attributed to.
 * {@code revenueNet} = netAmount - returnedNetAmount (its returns); {@code revenueGross} = grossAmount;
 * {@code sameSession} = ordered on the same UTC day as the click.
 */
public record AttributedOrder(String orderId, String contactId, Instant orderedAt, String currency,
                              String campaignId, String linkId, String clickEventId, Instant clickedAt,
                              BigDecimal grossAmount, BigDecimal discountAmount, BigDecimal netAmount,
                              BigDecimal returnedNetAmount, BigDecimal revenueGross, BigDecimal revenueNet,
                              boolean sameSession) {
}

package cz.proklik.erp.standin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One stand-in ERP order with its single line ({@link StandinDataGenerator#addOrders}). A return has negative
 * amounts and names the order it returns.
 */
public record StandinOrder(String orderId, String contactId, Instant orderedAt, String currency, BigDecimal gross,
                           BigDecimal discount, BigDecimal net, boolean isReturn, String returnOfOrderId,
                           String productId, BigDecimal quantity) {
    public StandinOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(orderedAt, "orderedAt");
        if (isReturn != (returnOfOrderId != null)) {
            throw new IllegalArgumentException("a return, and only a return, names the order it returns: " + orderId);
        }
    }
}

package cz.proklik.erp.trigger;

import java.util.Locale;

/**
 * The events a trigger mails on (seed 001, docs/triggers.md), each a fixed condition over the ERP adapter views, and
 * the one parameter it takes (none for a birthday and goods back in stock).
 */
public enum TriggerKind {
    /** No order within {@code days} after the registration (pkl_erp_registration, pkl_erp_order). */
    NO_PURCHASE(Parameter.DAYS),
    /** The contact's birthday (pkl_erp_contact.birthday), on the day in the configured zone. */
    BIRTHDAY(Parameter.NONE),
    /** An open pre-order whose product is in stock again (pkl_erp_preorder, pkl_erp_stock). */
    BACK_IN_STOCK(Parameter.NONE),
    /** A cart with items left for {@code hours} without an order (pkl_erp_cart, pkl_erp_order). */
    ABANDONED_CART(Parameter.HOURS),
    /** An order of at least {@code min_amount} (net, in the order's currency; pkl_erp_order). */
    ORDER_OVER(Parameter.AMOUNT);

    /** Which parameter a kind needs. */
    public enum Parameter {
        NONE, DAYS, HOURS, AMOUNT
    }

    private final Parameter parameter;

    TriggerKind(Parameter parameter) {
        this.parameter = parameter;
    }

    public Parameter parameter() {
        return parameter;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the kinds there are */
    public static TriggerKind fromCode(String code) {
        for (TriggerKind k : values()) {
            if (k.code().equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown trigger kind " + code
                + " (no_purchase, birthday, back_in_stock, abandoned_cart, order_over)");
    }
}

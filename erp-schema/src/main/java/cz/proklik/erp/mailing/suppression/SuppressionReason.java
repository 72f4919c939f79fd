package cz.proklik.erp.mailing.suppression;

import java.util.Locale;

/** Why a contact gets no marketing mail. In the order a contact's reasons are shown (the first is "the" reason). */
public enum SuppressionReason {
    NO_ADDRESS, BAD_ADDRESS, NO_CONSENT, UNSUBSCRIBED, HARD_BOUNCED, COMPLAINED, DUPLICATE_ADDRESS;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

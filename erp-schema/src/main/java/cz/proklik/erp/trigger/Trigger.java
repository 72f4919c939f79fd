package cz.proklik.erp.trigger;

import cz.proklik.erp.db.Ids;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A trigger ({@code pkl_trigger}): an event kind with its parameter, the template (the contact's language, the
 * shop's version, greeting on/off) and the automation campaign it mails under. Occurrences before {@code activeFrom}
 * are never mailed. {@code shop} null = the template's default shop, and events of every shop.
 */
public record Trigger(String id, TriggerKind kind, Integer days, Integer hours, BigDecimal minAmount,
                      String campaignId, String templateId, String shop, boolean personalGreeting,
                      Instant activeFrom, boolean active, Instant createdAt, Instant lastRunAt) {
    public static final int MAX_DAYS = 3650;
    public static final int MAX_HOURS = 24 * 90;

    public Trigger {
        Ids.requireId("trigger id", id);
        Objects.requireNonNull(kind, "kind");
        Ids.requireId("campaign id", campaignId);
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(activeFrom, "activeFrom");
        Objects.requireNonNull(createdAt, "createdAt");
        switch (kind.parameter()) {
            case DAYS -> require(days != null && days >= 1 && days <= MAX_DAYS && hours == null && minAmount == null,
                    kind.code() + " needs --days 1.." + MAX_DAYS + " (and no other parameter)");
            case HOURS -> require(hours != null && hours >= 1 && hours <= MAX_HOURS && days == null
                    && minAmount == null, kind.code() + " needs --hours 1.." + MAX_HOURS + " (and no other parameter)");
            case AMOUNT -> require(minAmount != null && minAmount.signum() > 0 && days == null && hours == null,
                    kind.code() + " needs --min-amount above 0 (and no other parameter)");
            case NONE -> require(days == null && hours == null && minAmount == null,
                    kind.code() + " takes no --days, --hours or --min-amount");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The parameter as a user wrote it ("7 days", "4 hours", "at least 2000"), or "". */
    public String parameterText() {
        return switch (kind.parameter()) {
            case DAYS -> days + " days";
            case HOURS -> hours + " hours";
            case AMOUNT -> "at least " + minAmount.stripTrailingZeros().toPlainString();
            case NONE -> "";
        };
    }
}

package cz.proklik.erp.send;

import java.util.Locale;

/** Outcome of sending to one recipient. delivered = sent - bounced (seed 003). */
public enum SendStatus {
    SENT, FAILED, BOUNCED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SendStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}

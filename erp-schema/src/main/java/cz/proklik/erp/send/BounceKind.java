package cz.proklik.erp.send;

import java.util.Locale;

/** Hard bounce = the address is dead (drop it); soft = temporary (mailbox full, greylisting). */
public enum BounceKind {
    HARD, SOFT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BounceKind fromCode(String code) {
        return code == null ? null : valueOf(code.toUpperCase(Locale.ROOT));
    }
}

package cz.proklik.erp.response;

import java.util.Locale;

/** How a recipient answered outside the e-mail's links (issue 14 item 5, seed 002). */
public enum ResponseKind {
    REPLY, CALL, VISIT, OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a code, case-insensitive. */
    public static ResponseKind fromCode(String code) {
        for (ResponseKind kind : values()) {
            if (kind.code().equalsIgnoreCase(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown response kind: " + code);
    }
}

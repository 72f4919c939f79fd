package cz.proklik.bounces.classify;

import java.util.Locale;

/**
 * What a returned message says about one recipient. Only {@link #HARD} and {@link #SOFT} are bounces (they make
 * the send "bounced"); a complaint is a delivered message the recipient reported; an auto-reply (RFC 3834,
 * vacation) is not a bounce at all.
 */
public enum Kind {
    HARD, SOFT, COMPLAINT, AUTO_REPLY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isBounce() {
        return this == HARD || this == SOFT;
    }

    public static Kind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}

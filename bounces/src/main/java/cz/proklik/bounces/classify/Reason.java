package cz.proklik.bounces.classify;

import java.util.Locale;

/**
 * Why a recipient failed, and what that means for the address. Hard only where the address itself is dead
 * (RFC 3463 X.1.1, X.1.2, X.1.6 and their texts): everything else may pass, and blocks against the sender
 * ({@link #aboutSender()}) say nothing about the address at all, so they never count towards suppression.
 */
public enum Reason {
    USER_UNKNOWN(Kind.HARD, false),
    HOST_UNKNOWN(Kind.HARD, false),
    HAS_MOVED(Kind.HARD, false),
    MAILBOX_FULL(Kind.SOFT, false),
    MAILBOX_DISABLED(Kind.SOFT, false),
    MESSAGE_TOO_LARGE(Kind.SOFT, false),
    EXPIRED(Kind.SOFT, false),
    TEMPORARY(Kind.SOFT, false),
    CONTENT_FILTERED(Kind.SOFT, true),
    POLICY_BLOCKED(Kind.SOFT, true),
    UNDETERMINED(Kind.SOFT, false),
    COMPLAINT(Kind.COMPLAINT, false),
    AUTO_REPLY(Kind.AUTO_REPLY, false);

    private final Kind kind;
    private final boolean aboutSender;

    Reason(Kind kind, boolean aboutSender) {
        this.kind = kind;
        this.aboutSender = aboutSender;
    }

    public Kind kind() {
        return kind;
    }

    /** A block of the sender's server, domain or content: an alert for the operator, never a mark on the address. */
    public boolean aboutSender() {
        return aboutSender;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Reason fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}

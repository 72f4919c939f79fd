package cz.proklik.tracking.clicklog;

/** A line that breaks the click-log format; carries the reason and a human-readable detail. */
public final class BadLineException extends Exception {
    private final BadLineReason reason;

    public BadLineException(BadLineReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public BadLineReason reason() {
        return reason;
    }
}

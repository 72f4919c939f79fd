package cz.proklik.tracking.event;

import java.util.Locale;

/** What a click-log line records. Written in lower case. */
public enum EventType {
    CLICK,
    OPEN,
    UNSUBSCRIBE,
    REJECTED;

    /** Made once: the writer asks for it on every line it writes. */
    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }

    public static EventType fromCode(String code) {
        for (EventType type : values()) {
            if (type.code().equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event type: " + code);
    }
}

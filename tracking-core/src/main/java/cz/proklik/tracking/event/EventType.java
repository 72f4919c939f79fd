package cz.proklik.tracking.event;

import java.util.Locale;

/** What a click-log line records. Written in lower case. */
public enum EventType {
    CLICK,
    OPEN,
    UNSUBSCRIBE,
    REJECTED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
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

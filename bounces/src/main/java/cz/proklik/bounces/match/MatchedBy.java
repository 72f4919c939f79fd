package cz.proklik.bounces.match;

import java.util.Locale;

/** How a returned message was tied to its send, strongest first (docs/bounce-matching.md). */
public enum MatchedBy {
    VERP, MESSAGE_ID, LINK, ADDRESS;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

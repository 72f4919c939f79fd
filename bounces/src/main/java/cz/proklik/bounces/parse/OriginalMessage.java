package cz.proklik.bounces.parse;

import java.util.List;
import java.util.Objects;

/**
 * What a report returned of the message we sent: its Message-ID (without angle brackets, or null), its recipients
 * (To), and its text (headers and whatever of the body came back), where a signed tracking link may identify the
 * send. {@link #NONE} when nothing came back.
 */
public record OriginalMessage(String messageId, List<String> to, String text) {
    public static final OriginalMessage NONE = new OriginalMessage(null, List.of(), "");

    public OriginalMessage {
        to = List.copyOf(to);
        Objects.requireNonNull(text, "text");
    }
}

package cz.proklik.tracking.event;

import cz.proklik.tracking.link.LinkVerification;
import cz.proklik.tracking.link.TrackingLink;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of the click log (docs/clicklog-format.md). Empty strings, never nulls, for absent values, so the
 * record reads and writes the same way.
 */
public record TrackingEvent(UUID id, Instant time, EventType type, String method, String campaign,
                            String recipient, String link, String variant, String target, String keyId,
                            String reason, String clientIp, String userAgent, String node, String requestPath) {

    /**
     * The longest user agent kept, in UTF-8 bytes (click-log format v2; v1 kept 512 characters). Long injection
     * probes change their verdict when cut, and 2 KiB holds every real agent seen in the bench corpora.
     */
    public static final int MAX_USER_AGENT_BYTES = 2048;
    public static final int MAX_REQUEST_PATH = 256;

    public TrackingEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        method = nonNull(method);
        campaign = nonNull(campaign);
        recipient = nonNull(recipient);
        link = nonNull(link);
        variant = nonNull(variant);
        target = nonNull(target);
        keyId = nonNull(keyId);
        reason = nonNull(reason);
        clientIp = nonNull(clientIp);
        userAgent = truncateUtf8(nonNull(userAgent), MAX_USER_AGENT_BYTES);
        node = nonNull(node);
        requestPath = truncate(nonNull(requestPath), MAX_REQUEST_PATH);
    }

    /** The event of a genuine link: click, open or unsubscribe, by the link's kind. */
    public static TrackingEvent accepted(UUID id, Instant time, String method, LinkVerification.Valid valid,
                                         String clientIp, String userAgent, String node) {
        TrackingLink l = valid.link();
        EventType type = switch (l.kind()) {
            case CLICK -> EventType.CLICK;
            case OPEN -> EventType.OPEN;
            case UNSUBSCRIBE -> EventType.UNSUBSCRIBE;
        };
        return new TrackingEvent(id, time, type, method, l.campaign(), l.recipient(), l.link(), l.variant(),
                l.target(), valid.keyId(), "", clientIp, userAgent, node, "");
    }

    /** A refused link: none of its unverified content goes into the link columns, only into requestPath. */
    public static TrackingEvent rejected(UUID id, Instant time, String method, LinkVerification.Rejected rejected,
                                         String clientIp, String userAgent, String node, String requestPath) {
        return new TrackingEvent(id, time, EventType.REJECTED, method, "", "", "", "", "", rejected.keyId(),
                rejected.reason().name(), clientIp, userAgent, node, requestPath);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** The longest prefix of whole characters whose UTF-8 form fits in {@code maxBytes}. */
    public static String truncateUtf8(String value, int maxBytes) {
        if (value.length() * 3 <= maxBytes) {
            return value; // even all three-byte characters would fit (a surrogate pair is four bytes for two)
        }
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int size;
            if (c < 0x80) {
                size = 1;
            } else if (c < 0x800) {
                size = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                size = 4;
            } else {
                size = 3;
            }
            if (bytes + size > maxBytes) {
                return value.substring(0, i);
            }
            bytes += size;
            if (size == 4) {
                i++;
            }
        }
        return value;
    }

    /** Bytes of the value's UTF-8 form (an unpaired surrogate counts as the 3 bytes of its replacement). */
    public static int utf8Length(String value) {
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}

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

    public static final int MAX_USER_AGENT = 512;
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
        userAgent = truncate(nonNull(userAgent), MAX_USER_AGENT);
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

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}

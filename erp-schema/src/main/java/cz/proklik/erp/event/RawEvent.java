package cz.proklik.erp.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One click-log line as stored in {@code pkl_event} (docs/clicklog-format.md, columns 1-16; the CRC is checked by
 * the reader and not kept). Empty values of the file are {@code null} here. {@code clientIp} is the address AFTER
 * anonymisation by the import job. {@code flags} are the enrichment results known at insert time
 * ({@link EventFlags#NONE} when the flagger runs later).
 */
public record RawEvent(String eventId, Instant time, String type, String method, String campaign,
                       String recipient, String link, String variant, String target, String keyId, String reason,
                       String clientIp, String userAgent, String node, String requestPath, Long fileSeq,
                       EventFlags flags) {

    public RawEvent {
        Objects.requireNonNull(eventId, "eventId");
        if (eventId.length() != 36) {
            throw new IllegalArgumentException("eventId must be a canonical UUID (36 characters): " + eventId);
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(node, "node");
        flags = flags == null ? EventFlags.NONE : flags;
    }

    public RawEvent withFlags(EventFlags newFlags) {
        return new RawEvent(eventId, time, type, method, campaign, recipient, link, variant, target, keyId, reason,
                clientIp, userAgent, node, requestPath, fileSeq, newFlags);
    }
}

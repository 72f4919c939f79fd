package cz.proklik.tracking.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Tracking events for tests, every field named and the rest realistic: start with the kind ({@link #click()},
 * {@link #open()}, {@link #unsubscribe()}, {@link #rejected(String)}), set what the test is about, {@link #build()}.
 * Shared by the modules' tests through tracking-core's test jar, so a new field of the event is added here once.
 */
public final class TrackingEventBuilder {
    public static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private UUID id;
    private Instant time = Instant.parse("2026-11-25T09:15:30.123Z");
    private final EventType type;
    private String method = "GET";
    private String campaign = "C1";
    private String recipient = "R1";
    private String link = "";
    private String variant = "A";
    private String target = "";
    private String keyId = "k1";
    private String reason = "";
    private String clientIp = "203.0.113.7";
    private String userAgent = CHROME;
    private String node = "node-1";
    private String requestPath = "";

    private TrackingEventBuilder(EventType type) {
        this.type = type;
    }

    /** A click on the link "hero" to https://shop.example.com/hero. */
    public static TrackingEventBuilder click() {
        return new TrackingEventBuilder(EventType.CLICK).link("hero").target("https://shop.example.com/hero");
    }

    public static TrackingEventBuilder open() {
        return new TrackingEventBuilder(EventType.OPEN);
    }

    /** The one-click POST of RFC 8058. */
    public static TrackingEventBuilder unsubscribe() {
        return new TrackingEventBuilder(EventType.UNSUBSCRIBE).method("POST");
    }

    /** A refused token: no link fields, the reason and the request path as the page logs them. */
    public static TrackingEventBuilder rejected(String reason) {
        return new TrackingEventBuilder(EventType.REJECTED).campaign("").recipient("").variant("").reason(reason)
                .requestPath("/c/1.k1.Zm9yZ2Vk.AAAAAAAAAAAAAAAAAAAAAA");
    }

    public TrackingEventBuilder id(UUID value) {
        this.id = value;
        return this;
    }

    public TrackingEventBuilder time(Instant value) {
        this.time = value;
        return this;
    }

    public TrackingEventBuilder method(String value) {
        this.method = value;
        return this;
    }

    public TrackingEventBuilder campaign(String value) {
        this.campaign = value;
        return this;
    }

    public TrackingEventBuilder recipient(String value) {
        this.recipient = value;
        return this;
    }

    public TrackingEventBuilder link(String value) {
        this.link = value;
        return this;
    }

    public TrackingEventBuilder variant(String value) {
        this.variant = value;
        return this;
    }

    public TrackingEventBuilder target(String value) {
        this.target = value;
        return this;
    }

    public TrackingEventBuilder keyId(String value) {
        this.keyId = value;
        return this;
    }

    public TrackingEventBuilder reason(String value) {
        this.reason = value;
        return this;
    }

    public TrackingEventBuilder clientIp(String value) {
        this.clientIp = value;
        return this;
    }

    public TrackingEventBuilder userAgent(String value) {
        this.userAgent = value;
        return this;
    }

    public TrackingEventBuilder node(String value) {
        this.node = value;
        return this;
    }

    public TrackingEventBuilder requestPath(String value) {
        this.requestPath = value;
        return this;
    }

    /** The event, with a fresh time-ordered id unless one was given. */
    public TrackingEvent build() {
        return new TrackingEvent(id == null ? EventIds.next() : id, time, type, method, campaign, recipient, link,
                variant, target, keyId, reason, clientIp, userAgent, node, requestPath);
    }
}

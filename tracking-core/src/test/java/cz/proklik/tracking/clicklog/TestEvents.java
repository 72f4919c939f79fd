package cz.proklik.tracking.clicklog;

import cz.proklik.tracking.event.EventIds;
import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;

import java.time.Instant;

/** Realistic events for click-log tests. */
final class TestEvents {
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36 \"quoted, comma\"";

    private TestEvents() {
    }

    static TrackingEvent click(String recipient) {
        return new TrackingEvent(EventIds.next(), Instant.parse("2026-11-25T09:15:30.123Z"), EventType.CLICK, "GET",
                "C2026-11", recipient, "hero", "A", "https://shop.example.com/sale?a=1,2&q=%22x%22", "k1", "",
                "203.0.113.7", CHROME, "node-1", "");
    }

    static TrackingEvent rejected() {
        return new TrackingEvent(EventIds.next(), Instant.parse("2026-11-25T09:15:31.000Z"), EventType.REJECTED,
                "HEAD", "", "", "", "", "", "k1", "BAD_SIGNATURE", "2001:db8::1", "curl/8.0", "node-1",
                "/c/1.k1.QUJD.xyz");
    }
}

package cz.proklik.tracking.clicklog;

import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.event.TrackingEventBuilder;

import java.time.Instant;

/** The click-log tests' two events: values that need CSV quoting, a rejected HEAD over IPv6. */
final class TestEvents {
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36 \"quoted, comma\"";

    private TestEvents() {
    }

    static TrackingEvent click(String recipient) {
        return TrackingEventBuilder.click().campaign("C2026-11").recipient(recipient)
                .target("https://shop.example.com/sale?a=1,2&q=%22x%22").userAgent(CHROME).build();
    }

    static TrackingEvent rejected() {
        return TrackingEventBuilder.rejected("BAD_SIGNATURE").time(Instant.parse("2026-11-25T09:15:31.000Z"))
                .method("HEAD").clientIp("2001:db8::1").userAgent("curl/8.0").requestPath("/c/1.k1.QUJD.xyz").build();
    }
}

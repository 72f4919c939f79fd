package cz.proklik.redirect;

import cz.proklik.redirect.junk.JunkLimits;
import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.TrackingLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 19.4 with a real server: junk is answered and counted, but writes only its budget; clicks all land. */
class JunkFloodTest {
    private static final String TARGET = "https://shop.example.com/";

    @TempDir
    Path dir;

    @Test
    void forgedLinksBeyondTheBudgetAreCountedNotWrittenWhileEveryGenuineClickIsWritten() throws Exception {
        JunkLimits limits = new JunkLimits(5, 1e9, 0, 1e6, 0);
        try (RunningServer s = new RunningServer(dir, new LinkCodec(RunningServer.newKeys("k1")), List.of(), 64 << 20,
                limits, null)) {
            long started = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                HttpResponse<byte[]> junk = s.get(s.base() + "/c/1.k1.Zm9yZ2Vk" + i + ".AAAAAAAAAAAAAAAAAAAAAA");
                assertThat(junk.statusCode()).isEqualTo(302);
                assertThat(junk.headers().firstValue("Location")).contains(RedirectSettings.BUILT_IN_FALLBACK);
                if (i % 10 == 0) {
                    assertThat(s.get(s.url(TrackingLink.click("C1", "R" + i, "hero", "", TARGET))).statusCode())
                            .isEqualTo(302);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            String metrics = new String(s.get(s.base() + "/metrics").body(), StandardCharsets.UTF_8);
            List<TrackingEvent> events = RunningServer.events(s.stopAndReadLog());

            assertThat(events).filteredOn(e -> e.type() == EventType.CLICK).hasSize(30);
            long written = events.stream().filter(e -> e.type() == EventType.REJECTED).count();
            assertThat(written).isGreaterThanOrEqualTo(5 * JunkLimits.BURST_SECONDS)
                    .isLessThanOrEqualTo(5 * JunkLimits.BURST_SECONDS + (long) Math.ceil(5 * seconds));
            assertThat(unlogged(metrics)).as("every forged link not written is counted").isEqualTo(300 - written);
            assertThat(metrics).contains("proklik_rejected_total{reason=\"bad_signature\"} 300.0");
        }
    }

    @Test
    void aClientOverItsRateGets429AndGenuineClicksFromElsewhereAreUntouched() throws Exception {
        JunkLimits limits = new JunkLimits(1e6, 1e12, 0, 2, 0);
        try (RunningServer s = new RunningServer(dir, new LinkCodec(RunningServer.newKeys("k1")), List.of(), 64 << 20,
                limits, null)) {
            int throttled = 0;
            for (int i = 0; i < 100; i++) {
                HttpResponse<byte[]> r = s.get(s.base() + "/c/forged" + i);
                if (r.statusCode() == 429) {
                    throttled++;
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                } else {
                    assertThat(r.statusCode()).isEqualTo(302);
                }
            }
            assertThat(throttled).isGreaterThanOrEqualTo(100 - 2 * JunkLimits.BURST_SECONDS - 10);
            assertThat(s.get(s.url(TrackingLink.click("C1", "R1", "hero", "", TARGET))).statusCode())
                    .as("a genuine click is never throttled").isEqualTo(302);
            String metrics = new String(s.get(s.base() + "/metrics").body(), StandardCharsets.UTF_8);
            assertThat(metrics).contains("proklik_rejected_throttled_total " + throttled + ".0");
        }
    }

    private static long unlogged(String metrics) {
        long total = 0;
        Matcher m = Pattern.compile("(?m)^proklik_rejected_unlogged_total\\{[^}]*} ([0-9.]+)$").matcher(metrics);
        while (m.find()) {
            total += (long) Double.parseDouble(m.group(1));
        }
        return total;
    }
}

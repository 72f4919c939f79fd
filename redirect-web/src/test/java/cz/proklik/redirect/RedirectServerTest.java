package cz.proklik.redirect;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.proklik.redirect.tracking.Responses;
import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.TrackingLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Driver;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectServerTest {
    private static final String TARGET = "https://shop.example.com/sale?utm_source=email&utm_campaign=2026-11-25_sale";

    @TempDir
    Path dir;
    RunningServer s;

    @BeforeEach
    void start() throws Exception {
        s = new RunningServer(dir);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void aClickIsLoggedWithEveryFieldAndRedirectsToItsTarget() throws Exception {
        Instant before = Instant.now();
        HttpResponse<byte[]> r = s.get(s.url(TrackingLink.click("C2026-11", "R4815", "hero", "B", TARGET)));

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains(TARGET);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(r.body()).isEmpty();

        List<TrackingEvent> events = RunningServer.events(s.stopAndReadLog());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.CLICK);
            assertThat(e.method()).isEqualTo("GET");
            assertThat(e.campaign()).isEqualTo("C2026-11");
            assertThat(e.recipient()).isEqualTo("R4815");
            assertThat(e.link()).isEqualTo("hero");
            assertThat(e.variant()).isEqualTo("B");
            assertThat(e.target()).isEqualTo(TARGET);
            assertThat(e.keyId()).isEqualTo("k1");
            assertThat(e.reason()).isEmpty();
            assertThat(e.clientIp()).isEqualTo("127.0.0.1");
            assertThat(e.userAgent()).isEqualTo("JUnit/5 RunningServer");
            assertThat(e.node()).isEqualTo(RunningServer.NODE);
            assertThat(e.id().version()).isEqualTo(7);
            assertThat(e.time()).isBetween(before.minusMillis(1), Instant.now());
        });
    }

    @Test
    void headRequestsFromScannersAreAnsweredAndLoggedAsHead() throws Exception {
        String url = s.url(TrackingLink.click("C1", "R1", "hero", "", TARGET));

        HttpResponse<byte[]> r = s.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains(TARGET);
        assertThat(RunningServer.events(s.stopAndReadLog())).extracting(TrackingEvent::method).containsExactly("HEAD");
    }

    @Test
    void everyByteOfTheLinkChangedGoesToTheFallbackAndIsLoggedAsRejected() throws Exception {
        String url = s.url(TrackingLink.click("C1", "R1", "hero", "", TARGET));
        String prefix = s.base() + "/c/";
        String token = url.substring(prefix.length());
        int fallbacks = 0;
        for (int i = 0; i < token.length(); i++) {
            for (int flip : new int[]{0x01, 0x20}) {
                char changed = (char) (token.charAt(i) ^ flip);
                String altered = prefix + token.substring(0, i) + urlSafe(changed) + token.substring(i + 1);
                HttpResponse<byte[]> r = s.get(altered);
                assertThat(r.headers().firstValue("Location")).as("byte %d ^ %x", i, flip).isNotEqualTo(Optional.of(TARGET));
                assertThat(r.statusCode()).as("byte %d ^ %x", i, flip).isEqualTo(302);
                assertThat(r.headers().firstValue("Location")).contains(RedirectSettings.BUILT_IN_FALLBACK);
                fallbacks++;
            }
        }
        List<TrackingEvent> events = RunningServer.events(s.stopAndReadLog());
        assertThat(events).hasSize(fallbacks).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(EventType.REJECTED);
            assertThat(e.reason()).isIn("MALFORMED", "BAD_SIGNATURE", "UNKNOWN_KEY", "UNSUPPORTED_VERSION");
            assertThat(e.campaign()).isEmpty();
            assertThat(e.target()).isEmpty();
            assertThat(e.requestPath()).startsWith("/c/");
        });
        assertThat(events).extracting(TrackingEvent::reason).contains("BAD_SIGNATURE", "MALFORMED", "UNKNOWN_KEY");
    }

    @Test
    void aLinkSignedByARetiredKeyIsRejected() throws Exception {
        KeyRing ring = RunningServer.newKeys("k2", "k1");
        String tokenByK1 = new LinkCodec(new KeyRing(List.of(ring.find("k1").orElseThrow())))
                .token(TrackingLink.click("C1", "R1", "hero", "", TARGET));
        s.close();
        try (RunningServer rotated = new RunningServer(dir.resolve("rotated"), ring.retire("k1"), List.of(), 64 << 20)) {
            HttpResponse<byte[]> r = rotated.get(rotated.base() + "/c/" + tokenByK1);

            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).contains(RedirectSettings.BUILT_IN_FALLBACK);
            assertThat(RunningServer.events(rotated.stopAndReadLog())).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo("RETIRED_KEY"));
        }
    }

    @Test
    void theOpenPixelIsExactlyATransparentGifThatNoCacheKeeps() throws Exception {
        HttpResponse<byte[]> r = s.get(s.url(TrackingLink.open("C1", "R7", "A")));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(Responses.PIXEL_GIF).hasSize(43);
        assertThat(new String(r.body(), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        assertThat(r.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(r.headers().firstValue("Content-Length")).contains("43");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store, no-cache, must-revalidate, max-age=0");
        assertThat(r.headers().firstValue("Pragma")).contains("no-cache");
        assertThat(r.headers().firstValue("Expires")).contains("Thu, 01 Jan 1970 00:00:00 GMT");

        HttpResponse<byte[]> forged = s.get(s.base() + "/o/1.k1.QUJD.AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(forged.statusCode()).as("a broken pixel link still gets a pixel").isEqualTo(200);
        assertThat(forged.body()).isEqualTo(Responses.PIXEL_GIF);

        List<TrackingEvent> events = RunningServer.events(s.stopAndReadLog());
        assertThat(events).extracting(TrackingEvent::type).containsExactly(EventType.OPEN, EventType.REJECTED);
        assertThat(events.get(0).recipient()).isEqualTo("R7");
        assertThat(events.get(0).variant()).isEqualTo("A");
    }

    @Test
    void unsubscribeShowsAPageOnGetAndRecordsOnlyThePost() throws Exception {
        String url = s.url(TrackingLink.unsubscribe("C1", "R9", ""));

        HttpResponse<byte[]> page = s.get(url);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<form method=\"post\">");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");

        // RFC 8058 one-click: the mail client POSTs this body to the List-Unsubscribe URL, no page involved.
        HttpResponse<byte[]> oneClick = s.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(new String(oneClick.body(), StandardCharsets.UTF_8)).contains("unsubscribed");

        HttpResponse<byte[]> forged = s.send(HttpRequest.newBuilder(URI.create(url + "x"))
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
        assertThat(forged.statusCode()).isEqualTo(302);

        List<TrackingEvent> events = RunningServer.events(s.stopAndReadLog());
        assertThat(events).extracting(TrackingEvent::type).containsExactly(EventType.UNSUBSCRIBE, EventType.REJECTED);
        assertThat(events.get(0).method()).isEqualTo("POST");
        assertThat(events.get(0).recipient()).isEqualTo("R9");
    }

    @Test
    void oversizedRequestsGetAFast4xxAndNothingEverGets5xx() throws Exception {
        String url = s.url(TrackingLink.click("C1", "R1", "hero", "", TARGET));

        assertThat(s.get(s.base() + "/c/" + "A".repeat(5000)).statusCode()).isEqualTo(414);
        assertThat(rawStatus("GET /c/" + "A".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).isBetween(400, 499);
        assertThat(rawStatus("GET /c/x HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n")).isBetween(400, 499);
        assertThat(s.send(HttpRequest.newBuilder(URI.create(url)).DELETE()).statusCode()).isEqualTo(405);
        assertThat(s.get(s.base() + "/nothing-here").statusCode()).isEqualTo(404);
        assertThat(s.get(s.base() + "/c/").statusCode()).isEqualTo(302);
        assertThat(s.get(s.base() + "/c").statusCode()).isEqualTo(302);

        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            String kind = new String[]{"c", "o", "u"}[i % 3];
            StringBuilder path = new StringBuilder("/" + kind + "/");
            int len = random.nextInt(200);
            for (int j = 0; j < len; j++) {
                path.append(String.format("%%%02X", random.nextInt(256)));
            }
            int status = s.get(s.base() + path).statusCode();
            assertThat(status).as(path.toString()).isLessThan(500);
        }
    }

    @Test
    void healthAndMetricsTellWhatTheLogIsDoing() throws Exception {
        s.get(s.url(TrackingLink.click("C1", "R1", "hero", "", TARGET)));
        s.get(s.base() + "/c/forged");

        HttpResponse<byte[]> health = s.get(s.base() + "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(health.body(), Map.class);
        assertThat(json).containsEntry("status", "UP").containsEntry("writing", true)
                .containsEntry("eventsWritten", 2).containsEntry("eventsLost", 0)
                .containsEntry("node", RunningServer.NODE);
        assertThat((String) json.get("openFile")).endsWith(".csv.open");
        assertThat(((Number) json.get("freeDiskBytes")).longValue()).isPositive();

        String metrics = new String(s.get(s.base() + "/metrics").body(), StandardCharsets.UTF_8);
        assertThat(metrics).contains("proklik_events_total{type=\"click\"} 1.0")
                .contains("proklik_rejected_total{reason=\"malformed\"} 1.0")
                .contains("proklik_log_events_written_total 2.0")
                .contains("proklik_log_events_lost_total 0.0")
                .contains("proklik_log_healthy 1.0");
    }

    @Test
    void noDatabaseDriverIsOnTheRedirectPagesClassPath() {
        assertThat(ServiceLoader.load(Driver.class).stream().toList()).isEmpty();
    }

    private int rawStatus(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedEarly) {
                // The server may answer and close before the whole request was sent.
            }
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private static String urlSafe(char c) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~') {
            return String.valueOf(c);
        }
        return String.format("%%%02X", (int) c);
    }

}

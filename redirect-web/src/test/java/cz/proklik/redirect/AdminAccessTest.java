package cz.proklik.redirect;

import cz.proklik.tracking.link.TrackingLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 19.9: /health and /metrics stay private behind a reverse proxy, and answer only GET and HEAD. */
class AdminAccessTest {
    @TempDir
    Path dir;

    private static HttpRequest.Builder get(RunningServer s, String path) {
        return HttpRequest.newBuilder(URI.create(s.base() + path));
    }

    @Test
    void aForwardedRequestFromAProxyNobodyDeclaredIsRefused() throws Exception {
        try (RunningServer s = new RunningServer(dir)) { // admins: loopback; no trusted proxy
            assertThat(s.send(get(s, "/health")).statusCode()).isEqualTo(200);
            // nginx on the same host, forwarding a visitor from the internet: the peer is loopback.
            assertThat(s.send(get(s, "/health").header("X-Forwarded-For", "203.0.113.9")).statusCode()).isEqualTo(403);
            assertThat(s.send(get(s, "/metrics").header("X-Forwarded-For", "127.0.0.1")).statusCode()).isEqualTo(403);
            assertThat(s.send(get(s, "/metrics").header("Forwarded", "for=203.0.113.9")).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void behindADeclaredProxyTheClientItNamesIsJudged() throws Exception {
        try (RunningServer s = new RunningServer(dir, RunningServer.newKeys("k1"), List.of("127.0.0.1"), 64 << 20)) {
            assertThat(s.send(get(s, "/health").header("X-Forwarded-For", "203.0.113.9")).statusCode()).isEqualTo(403);
            assertThat(s.send(get(s, "/metrics").header("X-Forwarded-For", "203.0.113.9, 127.0.0.1")).statusCode())
                    .isEqualTo(403);
            assertThat(s.send(get(s, "/health").header("X-Forwarded-For", "127.0.0.1")).statusCode())
                    .as("an operator on the proxy's host").isEqualTo(200);
            assertThat(s.send(get(s, "/health")).statusCode()).as("the proxy's own probe").isEqualTo(200);
        }
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        try (RunningServer s = new RunningServer(dir)) {
            for (String path : List.of("/health", "/metrics")) {
                HttpResponse<byte[]> post = s.send(get(s, path).POST(HttpRequest.BodyPublishers.ofString("x")));
                assertThat(post.statusCode()).as(path).isEqualTo(405);
                assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
                assertThat(s.send(get(s, path).DELETE()).statusCode()).isEqualTo(405);
                HttpResponse<byte[]> head = s.send(get(s, path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
                assertThat(head.statusCode()).isEqualTo(200);
                assertThat(head.body()).isEmpty();
            }
        }
    }

    @Test
    void healthNamesNoPathAndQuotesNoExceptionText() throws Exception {
        try (RunningServer s = new RunningServer(dir, RunningServer.newKeys("k1"), List.of(), 1024)) {
            s.get(s.url(TrackingLink.click("C1", "R1", "hero", "", "https://shop.example.com/")));
            Files.move(s.logDir, dir.resolve("gone"));
            Files.writeString(s.logDir, "a file where the folder was");
            s.get(s.url(TrackingLink.click("C1", "R2", "hero", "", "https://shop.example.com/")));

            HttpResponse<byte[]> health = s.get(s.base() + "/health");
            String json = new String(health.body(), StandardCharsets.UTF_8);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json).contains("\"lastError\":\"the click-log folder is gone or was replaced\"")
                    .doesNotContain(dir.toString()).doesNotContain("Exception:").doesNotContain("/clicklog");
        }
    }
}

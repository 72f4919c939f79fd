package cz.proklik.redirect;

import cz.proklik.tracking.link.TrackingLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiskFailureTest {
    @TempDir
    Path dir;

    @Test
    void whenTheLogCannotBeWrittenRecipientsAreStillRedirectedAndTheLossIsShown() throws Exception {
        try (RunningServer s = new RunningServer(dir, RunningServer.newKeys("k1"), List.of(), 1024)) {
            String target = "https://shop.example.com/";
            assertThat(s.get(s.url(TrackingLink.click("C1", "R0", "hero", "", target))).statusCode()).isEqualTo(302);

            // The log folder vanishes (volume unmounted, folder removed): no new file can be created.
            Files.move(s.logDir, dir.resolve("gone"));
            Files.writeString(s.logDir, "a file where the folder was");
            for (int i = 1; i <= 20; i++) {
                HttpResponse<byte[]> r = s.get(s.url(TrackingLink.click("C1", "R" + i, "hero", "", target)));
                assertThat(r.statusCode()).isEqualTo(302);
                assertThat(r.headers().firstValue("Location")).contains(target);
            }

            HttpResponse<byte[]> health = s.get(s.base() + "/health");
            String json = new String(health.body(), StandardCharsets.UTF_8);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json).contains("\"status\":\"DOWN\"").contains("\"writing\":false");
            long lost = s.server.log().status().eventsLost();
            assertThat(lost).isPositive();
            assertThat(json).contains("\"eventsLost\":" + lost);
            String metrics = new String(s.get(s.base() + "/metrics").body(), StandardCharsets.UTF_8);
            assertThat(metrics).contains("proklik_log_events_lost_total " + lost + ".0").contains("proklik_log_healthy 0.0");
            assertThat(lost + s.server.log().status().eventsWritten()).isEqualTo(21);
        }
    }
}

package cz.proklik.redirect;

import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.link.TrackingLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentClicksTest {
    private static final int CLIENTS = 500;
    private static final int REQUESTS_EACH = 20;

    @TempDir
    Path dir;

    @Test
    void fiveHundredClientsTwentyClicksEachGiveExactlyTenThousandUniqueLines() throws Exception {
        try (RunningServer s = new RunningServer(dir, RunningServer.newKeys("k1"), List.of(), 256 * 1024)) {
            List<String> urls = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                for (int i = 0; i < REQUESTS_EACH; i++) {
                    urls.add(s.url(TrackingLink.click("C1", "R" + c + "-" + i, "hero", "",
                            "https://shop.example.com/p/" + c + "/" + i)));
                }
            }
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> {
                    // Each client is its own HTTP/1.1 connection, like 500 recipients at once.
                    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(Duration.ofSeconds(10)).executor(Runnable::run).build();
                    start.await();
                    for (int i = 0; i < REQUESTS_EACH; i++) {
                        String url = urls.get(client * REQUESTS_EACH + i);
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                        String expected = "https://shop.example.com/p/" + client + "/" + i;
                        if (r.statusCode() != 302 || !r.headers().firstValue("Location").orElse("").equals(expected)) {
                            failures.add(url + " -> " + r.statusCode());
                        }
                    }
                    return null;
                });
            }
            start.countDown();
            clients.shutdown();
            assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            assertThat(failures).isEmpty();

            ClickLogStatus status = ClickLogStatus.of(s);
            List<TrackingEvent> events = RunningServer.events(s.stopAndReadLog());

            assertThat(events).hasSize(CLIENTS * REQUESTS_EACH);
            Set<UUID> ids = new HashSet<>();
            Set<String> recipients = new HashSet<>();
            for (TrackingEvent e : events) {
                ids.add(e.id());
                recipients.add(e.recipient());
            }
            assertThat(ids).hasSize(CLIENTS * REQUESTS_EACH);
            assertThat(recipients).hasSize(CLIENTS * REQUESTS_EACH);
            assertThat(status.batches()).as("fsyncs were shared (group commit)").isLessThan(CLIENTS * REQUESTS_EACH);
        }
    }

    private record ClickLogStatus(long batches) {
        static ClickLogStatus of(RunningServer s) {
            return new ClickLogStatus(s.server.log().status().batches());
        }
    }
}

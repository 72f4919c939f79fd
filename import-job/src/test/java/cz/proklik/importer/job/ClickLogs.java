package cz.proklik.importer.job;

import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.event.EventIds;
import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Writes click-log files with the real writer (what redirect nodes do), for import tests. */
final class ClickLogs implements AutoCloseable {
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    static final String GMAIL_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";

    private final ClickLogWriter writer;
    final List<TrackingEvent> written = new ArrayList<>();

    ClickLogs(Path dir, String node, long rotateBytes) throws Exception {
        writer = ClickLogWriter.start(new ClickLogWriter.Settings(dir, node, rotateBytes, Duration.ofHours(1), false),
                Clock.systemUTC());
    }

    TrackingEvent click(Instant time, String campaign, String recipient, String link, String ua, String ip) throws Exception {
        return add(new TrackingEvent(EventIds.next(), time, EventType.CLICK, "GET", campaign, recipient, link, "A",
                "https://shop.example.com/" + link + "?utm_source=email", "k1", "", ip, ua, writerNode(), ""));
    }

    TrackingEvent head(Instant time, String campaign, String recipient, String link) throws Exception {
        return add(new TrackingEvent(EventIds.next(), time, EventType.CLICK, "HEAD", campaign, recipient, link, "A",
                "https://shop.example.com/" + link, "k1", "", "198.51.100.9", CHROME, writerNode(), ""));
    }

    TrackingEvent open(Instant time, String campaign, String recipient, String ua, String ip) throws Exception {
        return add(new TrackingEvent(EventIds.next(), time, EventType.OPEN, "GET", campaign, recipient, "", "A", "",
                "k1", "", ip, ua, writerNode(), ""));
    }

    TrackingEvent unsubscribe(Instant time, String campaign, String recipient) throws Exception {
        return add(new TrackingEvent(EventIds.next(), time, EventType.UNSUBSCRIBE, "POST", campaign, recipient, "", "A",
                "", "k1", "", "203.0.113.5", CHROME, writerNode(), ""));
    }

    TrackingEvent rejected(Instant time) throws Exception {
        return add(new TrackingEvent(EventIds.next(), time, EventType.REJECTED, "GET", "", "", "", "", "", "k1",
                "BAD_SIGNATURE", "203.0.113.6", CHROME, writerNode(), "/c/1.k1.Zm9yZ2Vk.AAAAAAAAAAAAAAAAAAAAAA"));
    }

    TrackingEvent add(TrackingEvent event) throws Exception {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        writer.append(event, done::complete);
        if (!done.get(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not written");
        }
        written.add(event);
        return event;
    }

    private String writerNode() {
        return writer.settings().node();
    }

    @Override
    public void close() {
        writer.close();
    }
}

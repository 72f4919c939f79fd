package cz.proklik.importer.job;

import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.event.TrackingEventBuilder;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes click-log files with the real writer (what redirect nodes do), for import tests. */
final class ClickLogs implements AutoCloseable {
    static final String CHROME = TrackingEventBuilder.CHROME;
    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    static final String GMAIL_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";

    private final ClickLogWriter writer;
    final List<TrackingEvent> written = new ArrayList<>();

    ClickLogs(Path dir, String node, long rotateBytes) throws Exception {
        writer = ClickLogWriter.start(new ClickLogWriter.Settings(dir, node, rotateBytes, Duration.ofHours(1), false),
                Clock.systemUTC());
    }

    TrackingEvent click(Instant time, String campaign, String recipient, String link, String ua, String ip) throws Exception {
        return add(TrackingEventBuilder.click().time(time).campaign(campaign).recipient(recipient).link(link)
                .target("https://shop.example.com/" + link + "?utm_source=email").clientIp(ip).userAgent(ua)
                .node(writerNode()).build());
    }

    TrackingEvent head(Instant time, String campaign, String recipient, String link) throws Exception {
        return add(TrackingEventBuilder.click().method("HEAD").time(time).campaign(campaign).recipient(recipient)
                .link(link).target("https://shop.example.com/" + link).clientIp("198.51.100.9").node(writerNode())
                .build());
    }

    TrackingEvent open(Instant time, String campaign, String recipient, String ua, String ip) throws Exception {
        return add(TrackingEventBuilder.open().time(time).campaign(campaign).recipient(recipient).clientIp(ip)
                .userAgent(ua).node(writerNode()).build());
    }

    TrackingEvent unsubscribe(Instant time, String campaign, String recipient) throws Exception {
        return add(TrackingEventBuilder.unsubscribe().time(time).campaign(campaign).recipient(recipient)
                .clientIp("203.0.113.5").node(writerNode()).build());
    }

    TrackingEvent rejected(Instant time) throws Exception {
        return add(TrackingEventBuilder.rejected("BAD_SIGNATURE").time(time).clientIp("203.0.113.6")
                .node(writerNode()).build());
    }

    TrackingEvent add(TrackingEvent event) throws Exception {
        if (!writer.writeNow(List.of(event))) {
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

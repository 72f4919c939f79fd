package cz.proklik.app;

import cz.proklik.erp.db.Database;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.event.TrackingEventBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign C1 sent to the five stand-in contacts (R1001-R1005; R1004 has no consent) and their reactions as the
 * redirect page writes them (the real click-log writer, fsynced files), people and machines mixed:
 * <ul>
 *   <li>R1001 opens and clicks "hero" (a person), later orders (O-9101, attributed);</li>
 *   <li>R1002 opens (a person); Googlebot follows R1002's "hero" link (bot);</li>
 *   <li>R1003: Apple's MPP proxy fetches the pixel (mpp), a mail gateway clicks every link within a second
 *       (scanner burst), a link checker sends HEAD (pre-fetch); R1003 orders (O-9102) but no clean click leads there;</li>
 *   <li>R1004 clicks "footer" (a person);</li>
 *   <li>R1005 clicks "hero" and unsubscribes (a person).</li>
 * </ul>
 * {@link #secondWave} adds R1002's own click on "hero" a day later.
 */
public final class ReactionFixture {
    public static final Instant SENT = Instant.parse("2026-11-25T08:00:00Z");
    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private final Path home;
    public final List<TrackingEvent> written = new ArrayList<>();

    public ReactionFixture(Path home) {
        this.home = home;
    }

    public Map<String, String> env() {
        return Map.of("PROKLIK_HOME", home.toString());
    }

    /** The campaign, its sends, the two orders and the first wave of events, imported. */
    public ReactionFixture firstWave() throws Exception {
        assertThat(Cli.run(env(), "campaigns", "add", "C1", "--name", "Advent", "--utm-campaign", "2026-11-25_advent",
                "--sent-at", SENT.toString()).exitCode()).isZero();
        Path sends = home.resolve("sends.csv");
        StringBuilder csv = new StringBuilder("campaign_id,recipient_id,email,status,sent_at\n");
        for (String r : List.of("R1001", "R1002", "R1003", "R1004", "R1005")) {
            csv.append("C1,").append(r).append(',').append(r.toLowerCase()).append("@example.com,sent,").append(SENT)
                    .append('\n');
        }
        Files.writeString(sends, csv);
        assertThat(Cli.run(env(), "sends", "import", sends.toString()).exitCode()).isZero();
        try (Database db = Database.embedded(home)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            jdbc.update("""
                    INSERT INTO pkl_standin_order (order_id, contact_id, ordered_at, currency, gross_amount, net_amount)
                    VALUES ('O-9101', 'R1001', '2026-11-26 10:00:00', 'CZK', 890, 890),
                           ('O-9102', 'R1003', '2026-11-26 11:00:00', 'CZK', 459, 459)""");
        }
        write(List.of(
                open("R1001", 300, TrackingEventBuilder.CHROME, "203.0.113.11"),
                click("R1001", "hero", 320, TrackingEventBuilder.CHROME, "203.0.113.11"),
                open("R1002", 900, TrackingEventBuilder.CHROME, "203.0.113.12"),
                click("R1002", "hero", 1000, GOOGLEBOT, "66.249.66.1"),
                open("R1003", 60, "Mozilla/5.0", "17.58.1.9"),
                click("R1003", "hero", 120, TrackingEventBuilder.CHROME, "198.51.100.30"),
                clickMillis("R1003", "footer", 120_300, TrackingEventBuilder.CHROME, "198.51.100.30"),
                clickMillis("R1003", "product-1", 120_600, TrackingEventBuilder.CHROME, "198.51.100.30"),
                TrackingEventBuilder.click().method("HEAD").time(SENT.plusSeconds(200)).campaign("C1").recipient("R1003")
                        .link("product-1").target("https://shop.example.com/product-1").clientIp("198.51.100.31")
                        .node("web-1").build(),
                click("R1004", "footer", 4000, TrackingEventBuilder.CHROME, "203.0.113.14"),
                click("R1005", "hero", 5000, TrackingEventBuilder.CHROME, "203.0.113.15"),
                TrackingEventBuilder.unsubscribe().time(SENT.plusSeconds(5100)).campaign("C1").recipient("R1005")
                        .clientIp("203.0.113.15").node("web-1").build()));
        importNow();
        return this;
    }

    public ReactionFixture secondWave() throws Exception {
        write(List.of(click("R1002", "hero", 86_400, TrackingEventBuilder.CHROME, "203.0.113.12")));
        importNow();
        return this;
    }

    public void importNow() {
        Cli.Result imported = Cli.run(env(), "import", "--no-progress");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    private void write(List<TrackingEvent> events) throws Exception {
        try (ClickLogWriter log = ClickLogWriter.start(new ClickLogWriter.Settings(home.resolve("clicklog"), "web-1",
                1 << 20, Duration.ofHours(1), true), Clock.systemUTC())) {
            assertThat(log.writeNow(events)).isTrue();
        }
        written.addAll(events);
    }

    static TrackingEvent open(String recipient, long seconds, String ua, String ip) {
        return TrackingEventBuilder.open().time(SENT.plusSeconds(seconds)).campaign("C1").recipient(recipient)
                .userAgent(ua).clientIp(ip).node("web-1").build();
    }

    static TrackingEvent click(String recipient, String link, long seconds, String ua, String ip) {
        return clickMillis(recipient, link, seconds * 1000, ua, ip);
    }

    static TrackingEvent clickMillis(String recipient, String link, long millis, String ua, String ip) {
        return TrackingEventBuilder.click().time(SENT.plusMillis(millis)).campaign("C1").recipient(recipient)
                .link(link).target("https://shop.example.com/" + link).userAgent(ua).clientIp(ip).node("web-1")
                .build();
    }

    /** The time of the first event written for this recipient, type and link ("" for none). */
    public Instant timeOf(String recipient, String type, String link) {
        return written.stream().filter(e -> e.recipient().equals(recipient) && e.type().code().equals(type)
                && e.link().equals(link)).map(TrackingEvent::time).findFirst().orElseThrow();
    }
}

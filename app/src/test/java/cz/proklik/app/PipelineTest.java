package cz.proklik.app;

import cz.proklik.erp.db.Database;
import cz.proklik.redirect.RedirectServer;
import cz.proklik.redirect.RedirectSettings;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.clicklog.LogFileNames;
import cz.proklik.tracking.event.TrackingEventBuilder;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.TrackingLink;
import cz.proklik.tracking.testsupport.RawGet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline as a user runs it: links minted, clicked through the real redirect server, files rotated and
 * closed, then `proklik import` into the embedded H2 database, and the rows read back field by field.
 */
class PipelineTest {
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("PROKLIK_HOME", home.toString());
    }

    @Test
    void clicksThroughTheRedirectPageEndUpInTheDatabaseWithTheirFlags() throws Exception {
        KeyRing ring = KeyRing.empty().withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()));
        ring.save(home.resolve("keys"));
        assertThat(Cli.run(env(), "campaigns", "add", "C1", "--name", "Black Friday", "--utm-campaign",
                "2026-11-27_black_friday").exitCode()).isZero();
        Path sends = home.resolve("sends.csv");
        Files.writeString(sends, "campaign_id,recipient_id,email,status,sent_at\n"
                + "C1,R1,r1@example.com,sent,2026-11-01T08:00:00Z\nC1,R2,r2@example.com,sent,2026-11-01T08:00:00Z\n");
        assertThat(Cli.run(env(), "sends", "import", sends.toString()).exitCode()).isZero();

        Path logDir = home.resolve("clicklog");
        ClickLogWriter log = ClickLogWriter.start(new ClickLogWriter.Settings(logDir, "web-1", 1024,
                Duration.ofHours(1), true), Clock.systemUTC());
        LinkCodec codec = new LinkCodec(ring);
        String target = "https://shop.example.com/black-friday?utm_source=email&utm_campaign=2026-11-27_black_friday";
        try (RedirectServer server = RedirectServer.start(new RedirectSettings("127.0.0.1", 0, 1, "/invalid",
                List.of(), List.of("127.0.0.0/8"), 16384, "web-1"), codec, log)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String click = codec.url(base, TrackingLink.click("C1", "R1", "hero", "A", target));
            assertThat(send(http, HttpRequest.newBuilder(URI.create(click)).header("User-Agent", CHROME))).isEqualTo(302);
            assertThat(send(http, HttpRequest.newBuilder(URI.create(click)).header("User-Agent", CHROME)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()))).isEqualTo(302);
            assertThat(send(http, HttpRequest.newBuilder(URI.create(codec.url(base, TrackingLink.open("C1", "R1", "A"))))
                    .header("User-Agent", "Mozilla/5.0"))).isEqualTo(200);
            assertThat(send(http, HttpRequest.newBuilder(URI.create(codec.url(base,
                    TrackingLink.click("C1", "R2", "footer", "B", target)))).header("User-Agent", "curl/8.5.0"))).isEqualTo(302);
            assertThat(send(http, HttpRequest.newBuilder(URI.create(codec.url(base, TrackingLink.unsubscribe("C1", "R2", "B"))))
                    .header("User-Agent", CHROME).POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))))
                    .isEqualTo(200);
            assertThat(send(http, HttpRequest.newBuilder(URI.create(base + "/c/1.k1.forged.AAAA"))
                    .header("User-Agent", CHROME))).isEqualTo(302);
        }
        assertThat(files(logDir, LogFileNames.CLOSED_SUFFIX)).as("rotated at 1 KiB, closed on shutdown").hasSizeGreaterThan(1);

        Cli.Result imported = Cli.run(env(), "import", "--no-progress");

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 6, duplicates 0, quarantined 0");
        assertThat(files(logDir, LogFileNames.CLOSED_SUFFIX)).isEmpty();
        try (Database db = Database.embedded(home)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            Map<String, Object> row = jdbc.queryForMap(
                    "SELECT * FROM pkl_event WHERE recipient_id = 'R1' AND event_type = 'click' AND method = 'GET'");
            assertThat(row).containsEntry("campaign_id", "C1").containsEntry("link_id", "hero")
                    .containsEntry("variant", "A").containsEntry("target", target)
                    .containsEntry("key_id", ring.signingKey().orElseThrow().id())
                    .containsEntry("client_ip", "127.0.0.0").containsEntry("user_agent", CHROME)
                    .containsEntry("node", "web-1").containsEntry("ua_name", "Chrome")
                    .containsEntry("is_clean", true);
            assertThat(((String) row.get("event_id")).strip()).hasSize(36);
            List<Map<String, Object>> all = jdbc.queryForList("SELECT event_type, method, recipient_id, reason,"
                    + " is_prefetch, is_mpp_suspect, is_bot_ua, is_clean FROM pkl_event ORDER BY event_time");
            assertThat(all).extracting(r -> r.get("event_type") + "/" + r.get("method") + "/" + r.get("recipient_id")
                    + "/" + r.get("reason") + "/" + (Boolean.TRUE.equals(r.get("is_prefetch")) ? "prefetch" : "")
                    + (Boolean.TRUE.equals(r.get("is_mpp_suspect")) ? "mpp" : "")
                    + (Boolean.TRUE.equals(r.get("is_bot_ua")) ? "bot" : "")
                    + (Boolean.TRUE.equals(r.get("is_clean")) ? "clean" : ""))
                    .containsExactly("click/GET/R1/null/clean", "click/HEAD/R1/null/prefetch", "open/GET/R1/null/mpp",
                            "click/GET/R2/null/bot", "unsubscribe/POST/R2/null/clean",
                            "rejected/GET/null/MALFORMED/clean");
            assertThat(jdbc.queryForList("SELECT recipient_id FROM pkl_unsubscribe", String.class)).containsExactly("R2");
            assertThat(jdbc.queryForObject("SELECT SUM(imported_count) FROM pkl_import_file", Long.class)).isEqualTo(6);

            // The import folded the events into the aggregates: the evaluation view answers at once.
            Map<String, Object> kpis = jdbc.queryForMap("SELECT sent, delivered, unique_opens_raw, unique_opens_clean,"
                    + " unique_clicks_raw, unique_clicks_clean, clicks_raw, clicks_clean, unsubscribes"
                    + " FROM pkl_eval_campaign WHERE campaign_id = 'C1'");
            assertThat(kpis).extracting(k -> ((Number) k.get("sent")).intValue(), k -> ((Number) k.get("delivered")).intValue(),
                    k -> ((Number) k.get("unique_opens_raw")).intValue(), k -> ((Number) k.get("unique_opens_clean")).intValue(),
                    k -> ((Number) k.get("unique_clicks_raw")).intValue(), k -> ((Number) k.get("unique_clicks_clean")).intValue(),
                    k -> ((Number) k.get("clicks_raw")).intValue(), k -> ((Number) k.get("clicks_clean")).intValue(),
                    k -> ((Number) k.get("unsubscribes")).intValue())
                    .as("sent, delivered, unique opens raw/clean (MPP only), unique clicks raw/clean (bot, HEAD),"
                            + " clicks raw/clean, unsubscribes")
                    .containsExactly(2, 2, 1, 0, 2, 1, 3, 1, 1);
        }

        // The company's gateway turns out to be the loopback network: the clean click becomes a scanner's.
        Cli.Result recomputed = Cli.run(env(), "flags", "recompute", "--campaign", "C1", "--since", "2026-11-01",
                "--scanner-ip-ranges", "127.0.0.0/8");
        assertThat(recomputed.exitCode()).as(recomputed.err()).isZero();
        assertThat(recomputed.out()).contains("Flags recomputed (rules version 3) over 5 events")
                .contains("5 changed; aggregates rebuilt for campaign C1");
        try (Database db = Database.embedded(home)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            assertThat(jdbc.queryForObject("SELECT unique_clicks_clean FROM pkl_eval_campaign WHERE campaign_id = 'C1'",
                    Integer.class)).isZero();
        }
        assertThat(Cli.run(env(), "flags", "recompute", "--since", "last tuesday").exitCode()).isEqualTo(2);
    }

    @Test
    void anUnreachableDatabaseLeavesTheFilesForTheNextRun() throws Exception {
        Path logDir = home.resolve("clicklog");
        try (ClickLogWriter log = ClickLogWriter.start(new ClickLogWriter.Settings(logDir, "web-1", 1 << 20,
                Duration.ofHours(1), false), Clock.systemUTC())) {
            log.writeNow(List.of(TrackingEventBuilder.click().time(Instant.now()).variant("")
                    .target("https://shop.example.com/").clientIp("203.0.113.9").userAgent(CHROME).node("web-1").build()));
        }
        List<Path> before = files(logDir, LogFileNames.CLOSED_SUFFIX);

        Cli.Result down = Cli.run(Map.of("PROKLIK_HOME", home.toString(), "PROKLIK_DB_URL",
                "jdbc:sqlserver://127.0.0.1:1;databaseName=helios;encrypt=false;loginTimeout=2"), "import", "--no-progress");

        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("database unreachable").contains("127.0.0.1:1");
        assertThat(files(logDir, LogFileNames.CLOSED_SUFFIX)).isEqualTo(before);

        Cli.Result up = Cli.run(env(), "import", "--no-progress");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).contains("imported 1");
        assertThat(files(logDir, LogFileNames.CLOSED_SUFFIX)).isEmpty();
    }

    @Test
    void aSendsFileWithABadRowImportsTheRestAndSaysWhichLine() throws Exception {
        assertThat(Cli.run(env(), "campaigns", "add", "C1", "--name", "N", "--utm-campaign", "2026-11-27_n")
                .exitCode()).isZero();
        Path sends = home.resolve("sends.csv");
        Files.writeString(sends, "campaign_id,recipient_id,email,status\nC1,R1,r1@example.com,sent\n"
                + "C1,R2,r2@example.com,lost-in-space\nC1,R3,r3@example.com,bounced\n");

        Cli.Result r = Cli.run(env(), "sends", "import", sends.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("sends.csv:3:");
        assertThat(r.out()).contains("3 rows, 2 imported, 1 refused");
        assertThat(Cli.run(env(), "sends", "import", sends.toString()).out()).as("importing again changes nothing")
                .contains("2 imported");
    }

    @Test
    void aFileThatIsNotAClickLogMakesTheImportExitOneAndSaysWhereItWent() throws Exception {
        Path logDir = Files.createDirectories(home.resolve("clicklog"));
        Path junk = logDir.resolve(LogFileNames.openName("web-1", Instant.parse("2026-11-27T10:00:00Z"), 1)
                .replace(LogFileNames.OPEN_SUFFIX, LogFileNames.CLOSED_SUFFIX));
        Files.writeString(junk, "an export someone dropped here\n");

        Cli.Result run = Cli.run(env(), "import", "--no-progress");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("1 file(s) refused").contains("quarantine");
        assertThat(home.resolve("quarantine").resolve(junk.getFileName() + ".refused")).exists();
        assertThat(Cli.run(env(), "import", "--no-progress").exitCode()).as("set aside: the next run is clean").isZero();
    }

    @Test
    void aWindows1250SendsFileIsRefusedWholeWithTheLineAndImportsWithItsCharset() throws Exception {
        assertThat(Cli.run(env(), "campaigns", "add", "C1", "--name", "N", "--utm-campaign", "2026-11-27_n")
                .exitCode()).isZero();
        StringBuilder csv = new StringBuilder("campaign_id,recipient_id,email,status,error_text\r\n");
        for (int i = 1; i <= 2600; i++) {
            // An export of a Czech Excel: the first non-ASCII text sits on line 2002, after 2,000 plain rows.
            String error = i == 2001 ? "\"Schránka je plná, zpráva nedoručena\"" : "";
            csv.append("C1,R").append(i).append(",r").append(i).append("@example.cz,")
                    .append(i > 2000 && i % 2 == 1 ? "bounced," : "sent,").append(error).append("\r\n");
        }
        Path sends = home.resolve("sends-cp1250.csv");
        Files.write(sends, csv.toString().getBytes(Charset.forName("windows-1250")));

        Cli.Result asUtf8 = Cli.run(env(), "sends", "import", sends.toString());

        assertThat(asUtf8.exitCode()).isEqualTo(1);
        assertThat(asUtf8.err()).contains("sends-cp1250.csv: line 2002, character ").contains("not valid UTF-8")
                .contains("--charset windows-1250");
        assertThat(Cli.run(env(), "report", "campaigns", "--format", "csv").out()).as("nothing imported")
                .doesNotContain("2000");
        try (var db = Database.embedded(home)) {
            assertThat(new JdbcTemplate(db.dataSource())
                    .queryForObject("SELECT COUNT(*) FROM pkl_send", Integer.class)).isZero();
        }

        Cli.Result asCp1250 = Cli.run(env(), "sends", "import", "--charset", "windows-1250", sends.toString());

        assertThat(asCp1250.exitCode()).as(asCp1250.err()).isZero();
        assertThat(asCp1250.out()).contains("2600 rows, 2600 imported, 0 refused");
        try (var db = Database.embedded(home)) {
            assertThat(new JdbcTemplate(db.dataSource()).queryForObject(
                    "SELECT error_text FROM pkl_send WHERE recipient_id = 'R2001'", String.class))
                    .isEqualTo("Schránka je plná, zpráva nedoručena");
        }
        assertThat(Cli.run(env(), "sends", "import", "--charset", "no-such-charset", sends.toString()).exitCode())
                .isEqualTo(2);
    }

    @Test
    void aTwoKibAndANonAsciiUserAgentRoundTripByteForByteFromTheRedirectPageToTheDatabase() throws Exception {
        KeyRing ring = KeyRing.empty().withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()));
        LinkCodec codec = new LinkCodec(ring);
        String padded = "Mozilla/5.0 (X11; Linux x86_64) three\u00a0no-break\u00a0spaces; probe=";
        String twoKib = padded + "x".repeat(2048 - padded.getBytes(StandardCharsets.UTF_8).length);
        // Undertow's HTTP parser joins runs of spaces in a header value into one space before any handler sees it,
        // and a tab, a control character, becomes U+FFFD in the log (docs/clicklog-format.md).
        String spaced = "Mozilla/5.0 (X11)  two  spaces\tand a tab";
        String czech = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Žluťoučký kůň úpěl ďábelské ódy 🐎 Seznam.cz/6.0";
        String tooLong = "Mozilla/5.0 " + "é".repeat(1500); // 3,012 bytes: kept up to the last whole character
        Map<String, String> agents = new LinkedHashMap<>();
        agents.put("R1", twoKib);
        agents.put("R2", czech);
        agents.put("R3", tooLong);
        agents.put("R4", spaced);
        Path logDir = home.resolve("clicklog");
        ClickLogWriter log = ClickLogWriter.start(new ClickLogWriter.Settings(logDir, "web-1", 1 << 20,
                Duration.ofHours(1), true), Clock.systemUTC());
        try (RedirectServer server = RedirectServer.start(new RedirectSettings("127.0.0.1", 0, 1, "/invalid",
                List.of(), List.of("127.0.0.0/8"), 16384, "web-1"), codec, log)) {
            for (Map.Entry<String, String> agent : agents.entrySet()) {
                String path = URI.create(codec.url("http://x", TrackingLink.click("C1", agent.getKey(), "hero", "A",
                        "https://shop.example.com/"))).getRawPath();
                assertThat(RawGet.withUserAgent(server.port(), path, agent.getValue())).startsWith("HTTP/1.1 302");
            }
        }
        assertThat(Files.readString(files(logDir, LogFileNames.CLOSED_SUFFIX).get(0))).startsWith("proklik-clicklog-v2,");

        Cli.Result imported = Cli.run(env(), "import", "--no-progress");

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        try (Database db = Database.embedded(home)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            Map<String, String> stored = new HashMap<>();
            jdbc.query("SELECT recipient_id, user_agent FROM pkl_event", rs -> {
                stored.put(rs.getString(1), rs.getString(2));
            });
            assertThat(stored.get("R1").getBytes(StandardCharsets.UTF_8)).hasSize(2048)
                    .isEqualTo(twoKib.getBytes(StandardCharsets.UTF_8));
            assertThat(stored.get("R2").getBytes(StandardCharsets.UTF_8)).isEqualTo(czech.getBytes(StandardCharsets.UTF_8));
            assertThat(stored.get("R3")).isEqualTo("Mozilla/5.0 " + "é".repeat(1018)); // 12 + 2,036 bytes
            assertThat(stored.get("R4")).isEqualTo("Mozilla/5.0 (X11) two spaces\uFFFDand a tab");
        }
    }

    private static int send(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<Path> files(Path dir, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}

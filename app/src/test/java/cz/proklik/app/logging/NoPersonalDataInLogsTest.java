package cz.proklik.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import cz.proklik.app.Cli;
import cz.proklik.redirect.RedirectServer;
import cz.proklik.redirect.RedirectSettings;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.TrackingLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 item 3: the real redirect server (clicks, an open, an unsubscribe, a forged link, from a client address
 * behind a trusted proxy), the sends import, the import job, the bounce import and a report write their log at INFO;
 * neither what Proklik's and the libraries' loggers were given (captured raw, before any mask) nor the operator's
 * log files hold an e-mail address, client address, user agent or recipient id of the fixture.
 */
class NoPersonalDataInLogsTest {
    private static final String EMAIL = "pavla.dvorakova@example.cz";
    private static final String BOUNCED = "Petr.Svoboda@example.cz";
    private static final String CLIENT_IP = "203.0.113.45";
    private static final String AGENT = "FixtureBrowser/7.3 (Pavla's phone)";
    private static final String RECIPIENT = "RCPT-4711";
    private static final String OTHER_RECIPIENT = "RCPT-4712";

    @TempDir
    Path home;

    private final List<String> raw = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
                StringBuilder line = new StringBuilder(event.getLoggerName()).append(": ")
                        .append(event.getFormattedMessage());
                for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                    line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                }
                raw.add(line.toString());
            }
        }
    };

    @BeforeEach
    void captureEverything() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        capture.setContext(context);
        capture.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(capture);
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(capture);
        OperatorLog.apply(new OperatorLog.Settings(Optional.empty(), "test", Level.INFO, 1024, 1, 1024));
    }

    @Test
    void theRedirectPageTheImportAndTheBouncesLogNoPersonalDataAtInfo() throws Exception {
        Map<String, String> env = Map.of("PROKLIK_HOME", home.toString(), "PROKLIK_LOGGING_LEVEL", "INFO");
        KeyRing ring = KeyRing.empty().withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()));
        ring.save(home.resolve("keys"));
        assertThat(Cli.run(env, "campaigns", "add", "C1", "--name", "Novinky", "--utm-campaign", "novinky")
                .exitCode()).isZero();
        Path sends = home.resolve("sends.csv");
        Files.writeString(sends, "campaign_id,recipient_id,email,status,sent_at\n"
                + "C1," + RECIPIENT + "," + EMAIL + ",sent,2026-11-01T08:00:00Z\n"
                + "C1," + OTHER_RECIPIENT + "," + BOUNCED + ",sent,2026-11-01T08:00:00Z\n"
                + "C1,RCPT-BAD,not-an-address,sent,yesterday\n");
        Cli.run(env, "sends", "import", sends.toString());

        // The redirect page, as serve runs it, with its log applied like any command's.
        Cli.run(env, "keys", "list");
        LinkCodec codec = new LinkCodec(ring);
        ClickLogWriter log = ClickLogWriter.start(new ClickLogWriter.Settings(home.resolve("clicklog"), "web-1",
                1024, Duration.ofHours(1), true), Clock.systemUTC());
        try (RedirectServer server = RedirectServer.start(new RedirectSettings("127.0.0.1", 0, 1, "/invalid",
                List.of("127.0.0.0/8"), List.of("127.0.0.0/8"), 16384, "web-1"), codec, log)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            for (URI uri : List.of(
                    URI.create(codec.url(base, TrackingLink.click("C1", RECIPIENT, "hero", "A", "https://shop.example.com/"))),
                    URI.create(codec.url(base, TrackingLink.open("C1", RECIPIENT, "A"))),
                    URI.create(base + "/c/1.k1." + RECIPIENT + ".forged"),
                    URI.create(base + "/c/" + EMAIL))) {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).header("User-Agent", AGENT)
                        .header("X-Forwarded-For", CLIENT_IP).build(), HttpResponse.BodyHandlers.discarding());
                assertThat(response.statusCode()).isIn(200, 302);
            }
            http.send(HttpRequest.newBuilder(URI.create(codec.url(base, TrackingLink.unsubscribe("C1", RECIPIENT, "A"))))
                    .header("User-Agent", AGENT).header("X-Forwarded-For", CLIENT_IP)
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }

        Cli.Result imported = Cli.run(env, "import", "--no-progress");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 5");

        Path in = Files.createDirectories(home.resolve("in"));
        Files.writeString(in.resolve("1.eml"), bounce(BOUNCED));
        Files.writeString(in.resolve("2.eml"), "From: " + EMAIL + "\nSubject: Re: Novinky\n\nDiky.\n");
        Files.writeString(in.resolve("3.eml"), "not a message at all \u0000 from " + EMAIL);
        Cli.Result bounces = Cli.run(env, "bounces", "import", in.toString());
        assertThat(bounces.exitCode()).as(bounces.err()).isZero();
        Cli.run(env, "report", "campaign", "C1");
        Cli.run(env, "privacy", "forget", OTHER_RECIPIENT);

        List<String> fixture = List.of(EMAIL, EMAIL.toLowerCase(), BOUNCED, BOUNCED.toLowerCase(), CLIENT_IP,
                "203.0.113.0", AGENT, "FixtureBrowser", RECIPIENT, OTHER_RECIPIENT);
        assertThat(raw).as("the log was written at all").anyMatch(l -> l.contains("click-log file(s) to import"))
                .anyMatch(l -> l.contains("Redirect page listening"));
        for (String value : fixture) {
            assertThat(raw).as("raw log lines with " + value).noneMatch(l -> l.contains(value));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(home.resolve("logs"))) {
            files = list.toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("proklik-import.log", "proklik-bounces.log", "proklik-sends.log");
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (String value : fixture) {
                assertThat(text).as(file.getFileName() + " holds " + value).doesNotContain(value);
            }
        }
    }

    private static String bounce(String address) {
        return """
                From: MAILER-DAEMON@mx.example.cz (Mail Delivery System)
                To: bounces@proklik.example
                Subject: Undelivered Mail Returned to Sender
                Date: Tue, 1 Dec 2026 10:00:00 +0000
                Message-Id: <log-1@mx.example.cz>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.cz

                Final-Recipient: rfc822; ADDRESS
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <ADDRESS>: User unknown

                --B--
                """.replace("ADDRESS", address);
    }
}

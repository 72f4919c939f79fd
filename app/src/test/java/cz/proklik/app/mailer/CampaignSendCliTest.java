package cz.proklik.app.mailer;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import cz.proklik.app.Cli;
import cz.proklik.redirect.RedirectServer;
import cz.proklik.redirect.RedirectSettings;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle through the real CLI: draft, a test message (marked, its clicks tracked but never counted), the
 * send to a real SMTP server (GreenMail), status, and the card, template and list frozen once sent.
 */
class CampaignSendCliTest {
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    @TempDir
    Path home;

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private ClickLogWriter log;
    private RedirectServer redirect;
    private KeyRing ring;

    @BeforeEach
    void start() throws Exception {
        smtp.start();
        ring = KeyRing.empty().withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()));
        ring.save(home.resolve("keys"));
        log = ClickLogWriter.start(new ClickLogWriter.Settings(home.resolve("clicklog"), "web-1", 1 << 20,
                Duration.ofHours(1), true), Clock.systemUTC());
        redirect = RedirectServer.start(new RedirectSettings("127.0.0.1", 0, 1, "/invalid", List.of(),
                List.of("127.0.0.0/8"), 16384, "web-1"), new LinkCodec(ring), log);
    }

    @AfterEach
    void stop() {
        redirect.close();
        smtp.stop();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PROKLIK_HOME", home.toString());
        env.put("PROKLIK_LINK_BASE_URL", "http://127.0.0.1:" + redirect.port());
        env.put("PROKLIK_SMTP_HOST", "127.0.0.1");
        env.put("PROKLIK_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("PROKLIK_SMTP_SECURITY", "none");
        env.put("PROKLIK_MAILER_BOUNCE_BOX", "bounces");
        env.put("PROKLIK_MAILER_BOUNCE_DOMAIN", "shop.example.com");
        env.put("PROKLIK_MAIL_SEND_BATCH_SIZE", "0");
        env.put("PROKLIK_MAIL_SEND_MAX_PER_SECOND", "0");
        return env;
    }

    private Path template() throws Exception {
        Path dir = Files.createDirectories(home.resolve("tpl"));
        Files.writeString(dir.resolve("template.properties"), """
                id=news
                name=Novinky
                from.address=shop@example.com
                from.name=Obchod
                """);
        Files.writeString(dir.resolve("cs.html"), """
                <html><head><title>{{greeting}}, novinky</title></head><body>
                <p>{{greeting}},</p><a href="https://shop.example.com/?a=1" data-pkl-id="hero">Obchod</a>
                <a href="{{unsubscribe_url}}">odhlásit</a>
                </body></html>""");
        return dir;
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return r;
    }

    @Test
    void draftTestSendStatusAndFrozenOnceSent() throws Exception {
        ok(Cli.run(env(), "template", "import", template().toString()));
        ok(Cli.run(env(), "list", "create", "cz", "--name", "Česko", "--where", "country=CZ"));
        ok(Cli.run(env(), "campaign", "create", "C-DEC", "--name", "Prosinec", "--list", "cz", "--template", "news",
                "--date", "2026-12-02", "--variant", "A:50", "--variant", "B:50"));

        Cli.Result draft = Cli.run(env(), "campaign", "send", "C-DEC");
        assertThat(draft.exitCode()).isEqualTo(2);
        assertThat(draft.err()).contains("is a draft: send a test first");
        assertThat(Cli.run(env(), "campaign", "create", "test:C-DEC", "--name", "x", "--list", "cz",
                "--template", "news").exitCode()).isEqualTo(2);

        Cli.Result test = ok(Cli.run(env(), "campaign", "test", "C-DEC", "--to", "qa@example.com"));
        assertThat(test.out()).contains("qa@example.com variant A: accepted").contains("variant B: accepted")
                .contains("campaign C-DEC is tested");
        MimeMessage[] tests = smtp.getReceivedMessages();
        assertThat(tests).hasSize(2);
        assertThat(Arrays.stream(tests).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).allMatch(s -> s.startsWith("[TEST A] ") || s.startsWith("[TEST B] "));
        assertThat(tests[0].getHeader("X-Proklik-Test", null)).isEqualTo("yes");

        // The test message's link works, its click is imported, and the campaign's figures do not count it.
        String html = (String) ((Multipart) tests[0].getContent()).getBodyPart(1).getContent();
        String hero = Jsoup.parse(html).select("a[data-pkl-id=hero], a:contains(Obchod)").attr("href");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<Void> click = http.send(HttpRequest.newBuilder(URI.create(hero)).header("User-Agent", CHROME)
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location").orElseThrow()).startsWith("https://shop.example.com/?a=1");
        redirect.close();
        log.close();
        Cli.Result imported = ok(Cli.run(env(), "import", "--no-progress"));
        assertThat(imported.out()).contains("imported 1,");
        assertThat(ok(Cli.run(env(), "campaign", "show", "C-DEC")).out()).contains("unique clicks 0 (clean 0)");
        assertThat(Cli.run(env(), "report", "campaign", "test:C-DEC").exitCode()).as("no campaign of its own")
                .isEqualTo(2);
        assertThat(ok(Cli.run(env(), "report", "campaigns")).out()).doesNotContain("test:");

        Cli.Result send = ok(Cli.run(env(), "campaign", "send", "C-DEC"));
        assertThat(send.out()).contains("done: queued 0, handing_over 0, accepted ");
        MimeMessage[] all = smtp.getReceivedMessages();
        List<MimeMessage> real = Arrays.stream(all).filter(m -> {
            try {
                return m.getHeader("X-Proklik-Test") == null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(real).isNotEmpty();
        for (MimeMessage m : real) {
            assertThat(m.getHeader("Return-Path", null)).startsWith("<bounces+b2.");
            assertThat(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress())
                    .isNotEqualTo("qa@example.com");
        }
        Cli.Result status = ok(Cli.run(env(), "campaign", "status", "C-DEC"));
        assertThat(status.out()).contains("[done]").contains("accepted " + real.size()).contains("in_doubt 0")
                .doesNotContain("in doubt (");
        Cli.Result show = ok(Cli.run(env(), "campaign", "show", "C-DEC"));
        assertThat(show.out()).contains("statistics: sent " + real.size());

        // C-DEC went to the mailer list cz: the report's list health shows that list beside all addresses.
        Cli.Result report = ok(Cli.run(env(), "report", "campaign", "C-DEC"));
        assertThat(report.out()).containsPattern("list cz\\s+all addresses")
                .containsPattern("addresses mailed \\(growth so far\\)\\s+" + real.size() + "\\s")
                .contains("List health per month (UTC): list cz");

        // Done is read-only: card, template and list refuse changes; a second send refuses too.
        Cli.Result recreate = Cli.run(env(), "campaign", "create", "C-DEC", "--name", "Jiný", "--list", "cz",
                "--template", "news");
        assertThat(recreate.exitCode()).isEqualTo(2);
        assertThat(recreate.err()).contains("is done: its card is frozen");
        Cli.Result reimport = Cli.run(env(), "template", "import", template().toString());
        assertThat(reimport.exitCode()).isEqualTo(2);
        assertThat(reimport.err()).contains("template news is frozen");
        Cli.Result relist = Cli.run(env(), "list", "create", "cz", "--name", "x", "--where", "country=SK");
        assertThat(relist.exitCode()).isEqualTo(2);
        assertThat(relist.err()).contains("list cz is frozen");
        assertThat(Cli.run(env(), "campaign", "send", "C-DEC").exitCode()).isEqualTo(2);
        assertThat(Cli.run(env(), "campaign", "resend-in-doubt", "C-DEC").err()).contains("no message in doubt");
        assertThat(smtp.getReceivedMessages()).hasSize(all.length);
        // Re-registering it would rename it, change its utm_campaign and set it back to draft: refused too.
        Cli.Result reregister = Cli.run(env(), "campaigns", "add", "C-DEC", "--name", "Jiný", "--utm-campaign",
                "jiny");
        assertThat(reregister.exitCode()).isEqualTo(2);
        assertThat(reregister.err()).contains("campaign C-DEC is done: the mailer sends it, so it is read-only");
        assertThat(ok(Cli.run(env(), "campaign", "status", "C-DEC")).out()).contains("[done]");

        // Its statistics keep updating: a click on a real message after the send is counted at the next import.
        String realHero = Jsoup.parse((String) ((Multipart) real.get(0).getContent()).getBodyPart(1).getContent())
                .select("a:contains(Obchod)").attr("href");
        URI sent = URI.create(realHero);
        try (ClickLogWriter log2 = ClickLogWriter.start(new ClickLogWriter.Settings(home.resolve("clicklog"),
                "web-2", 1 << 20, Duration.ofHours(1), true), Clock.systemUTC());
                RedirectServer again = RedirectServer.start(new RedirectSettings("127.0.0.1", 0, 1, "/invalid",
                        List.of(), List.of("127.0.0.0/8"), 16384, "web-2"), new LinkCodec(ring), log2)) {
            URI here = URI.create("http://127.0.0.1:" + again.port() + sent.getRawPath()
                    + (sent.getRawQuery() == null ? "" : "?" + sent.getRawQuery()));
            HttpResponse<Void> realClick = http.send(HttpRequest.newBuilder(here).header("User-Agent", CHROME)
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertThat(realClick.statusCode()).isEqualTo(302);
        }
        assertThat(ok(Cli.run(env(), "import", "--no-progress")).out()).contains("imported 1,");
        assertThat(ok(Cli.run(env(), "campaign", "show", "C-DEC")).out()).contains("unique clicks 1 (");
    }
}

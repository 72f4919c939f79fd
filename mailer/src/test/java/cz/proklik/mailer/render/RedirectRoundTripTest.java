package cz.proklik.mailer.render;

import cz.proklik.erp.mailing.StoredTemplate;
import cz.proklik.redirect.RedirectServer;
import cz.proklik.redirect.RedirectSettings;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.link.LinkCodec;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every link of a rendered mail, clicked against the real redirect page on a free port. */
class RedirectRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everyTrackedLinkRedirectsToItsTargetWithTheUtmParameters() throws Exception {
        ClickLogWriter log = ClickLogWriter.start(new ClickLogWriter.Settings(dir.resolve("clicklog"), "t1", 1 << 20,
                Duration.ofHours(1), true), Clock.systemUTC());
        try (RedirectServer server = RedirectServer.start(new RedirectSettings("127.0.0.1", 0, 1,
                RedirectSettings.BUILT_IN_FALLBACK, List.of(), List.of("127.0.0.0/8"), 16 * 1024, "t1"),
                new LinkCodec(Fixtures.KEYS), log)) {
            String base = "http://127.0.0.1:" + server.port();
            StoredTemplate t = Fixtures.spring();
            RenderedMail mail = new MailRenderer(Fixtures.settings(base, true, Fixtures.PRODUCTS))
                    .render(TemplateCompiler.compile(t, Fixtures.version(t, "cs")), Fixtures.jana(), "B");
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            assertThat(mail.links()).hasSize(8);
            for (MintedLink link : mail.links()) {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(link.url())).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(r.statusCode()).as(link.linkId()).isEqualTo(302);
                assertThat(r.headers().firstValue("Location")).as(link.linkId()).contains(link.target());
                assertThat(link.target()).contains("utm_source=email", "utm_content=B_" + link.linkId());
            }
            // The VML button's href in the Outlook comment is the same signed link as its twin.
            String html = mail.html();
            String cta = mail.links().stream().filter(l -> l.linkId().equals("cta")).findFirst().orElseThrow().url();
            assertThat(html.split(Pattern.quote(cta.replace("&", "&amp;")), -1)).hasSize(3);
            String pixel = Jsoup.parse(html).select("img[width=1][height=1]").attr("src");
            HttpResponse<byte[]> open = http.send(HttpRequest.newBuilder(URI.create(pixel)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(open.statusCode()).isEqualTo(200);
            assertThat(open.headers().firstValue("Content-Type")).contains("image/gif");
            HttpResponse<String> unsubscribe = http.send(HttpRequest.newBuilder(URI.create(mail.unsubscribeUrl())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unsubscribe.statusCode()).isEqualTo(200);
        }
    }
}

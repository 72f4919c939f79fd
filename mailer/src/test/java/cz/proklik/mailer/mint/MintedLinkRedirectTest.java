package cz.proklik.mailer.mint;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.linktoken.LinkTokenDao;
import cz.proklik.redirect.RedirectServer;
import cz.proklik.redirect.RedirectSettings;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
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
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A link the ERP reads from {@code pkl_link_token} (the keyword lookup of the Helios scripts) is clicked against
 * the real redirect page on a free port: it lands on its target, the open pixel answers, and once the key that
 * signed it is retired it lands on the fallback page instead, until the campaign is minted again.
 */
class MintedLinkRedirectTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void mintedLinksRedirectAndARetiredKeysLinksAreRejected() throws Exception {
        Clock clock = Clock.systemUTC();
        KeyRing first = KeyRing.empty().withGeneratedSigningKey(clock, new SecureRandom());
        String firstKey = first.signingKey().orElseThrow().id();
        LinkCodec serverCodec = new LinkCodec(first);
        ClickLogWriter log = ClickLogWriter.start(new ClickLogWriter.Settings(dir.resolve("clicklog"), "t1", 1 << 20,
                Duration.ofHours(1), true), clock);
        try (Database db = Database.embedded(dir.resolve("home"));
             RedirectServer server = RedirectServer.start(new RedirectSettings("127.0.0.1", 0, 1,
                     RedirectSettings.BUILT_IN_FALLBACK, List.of(), List.of("127.0.0.0/8"), 16 * 1024, "t1"),
                     serverCodec, log)) {
            SchemaMigrator.of(db).migrate();
            String base = "http://127.0.0.1:" + server.port();
            CampaignDao campaigns = new CampaignDao(db.dataSource());
            LinkTokenDao tokens = new LinkTokenDao(db.dataSource());
            campaigns.register(Campaign.draft("C-ERP", "ERP mailing", null, "2026-12-02_erp_mailing"));
            campaigns.saveLink(CampaignLink.registered("C-ERP", "hero", "hero image",
                    "https://shop.example.com/akce?zdroj=erp&x=1#top", 1));
            campaigns.saveLink(CampaignLink.registered("C-ERP", "btn-order", "button: order",
                    "https://www.háčky.cz/košík", 2));
            RecipientFile.Result file = RecipientFile.read(new StringReader(
                    "recipient_id,variant\nR1001,A\nR1002,\nnot an id,\nR1001,B\n"));
            assertThat(file.refused()).extracting(p -> p.line()).containsExactly(4L, 5L);
            assertThat(file.recipients()).extracting(MintRecipient::recipientId).containsExactly("R1001", "R1002");

            LinkMinter.Minted minted = new LinkMinter(campaigns, tokens, new LinkCodec(first), base, clock)
                    .mint("C-ERP", file.recipients());
            assertThat(minted.links()).isEqualTo(2 * 4);

            String hero = tokens.url("C-ERP", "R1001", "hero").orElseThrow();
            assertThat(redirect(hero)).contains("https://shop.example.com/akce?zdroj=erp&x=1#top");
            assertThat(redirect(tokens.url("C-ERP", "R1002", "btn-order").orElseThrow()))
                    .contains("https://www.xn--hky-ela4t.cz/ko%C5%A1%C3%ADk");
            HttpResponse<byte[]> pixel = http.send(HttpRequest.newBuilder(
                    URI.create(tokens.url("C-ERP", "R1001", "@open").orElseThrow())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pixel.statusCode()).isEqualTo(200);
            assertThat(pixel.headers().firstValue("Content-Type")).contains("image/gif");

            // Rotation: a new key signs, the first is retired on the redirect page (what its key-file reload does).
            KeyRing rotated = first.withGeneratedSigningKey(clock, new SecureRandom()).retire(firstKey);
            serverCodec.useKeyRing(rotated);
            assertThat(redirect(hero)).contains(RedirectSettings.BUILT_IN_FALLBACK);
            assertThat(tokens.campaignsSignedBy(firstKey)).containsExactly("C-ERP");

            new LinkMinter(campaigns, tokens, new LinkCodec(rotated), base, clock).mint("C-ERP", file.recipients());
            String remade = tokens.url("C-ERP", "R1001", "hero").orElseThrow();
            assertThat(remade).isNotEqualTo(hero);
            assertThat(redirect(remade)).contains("https://shop.example.com/akce?zdroj=erp&x=1#top");
            assertThat(tokens.campaignsSignedBy(firstKey)).isEmpty();
        } finally {
            log.close();
        }
        // What the redirect page recorded: the clicks, and the retired key's link as rejected with its reason.
        StringBuilder lines = new StringBuilder();
        try (Stream<Path> files = Files.list(dir.resolve("clicklog"))) {
            for (Path f : files.toList()) {
                lines.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertThat(lines.toString()).contains("RETIRED_KEY").contains("C-ERP");
    }

    private Optional<String> redirect(String url) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).as(url).isEqualTo(302);
        return r.headers().firstValue("Location");
    }
}

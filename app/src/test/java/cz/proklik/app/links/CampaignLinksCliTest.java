package cz.proklik.app.links;

import com.opencsv.CSVReader;
import cz.proklik.app.Cli;
import cz.proklik.erp.db.Database;
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
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign set up without SQL (campaigns links add / import / list), its links minted for the ERP (links mint),
 * one of them clicked through the real redirect page and imported: the report's "which part of the e-mail" shows
 * the clicked link and the registered links nobody clicked, with 0.
 */
class CampaignLinksCliTest {
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/131.0.0.0 Safari/537.36";

    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("PROKLIK_HOME", home.toString());
    }

    @Test
    void linksRegisteredWithoutSqlAreMintedClickedAndReportedEvenWithNoClicks() throws Exception {
        KeyRing ring = KeyRing.empty().withGeneratedSigningKey(Clock.systemUTC(), new SecureRandom());
        ring.save(home.resolve("keys"));
        assertThat(Cli.run(env(), "campaigns", "add", "C1", "--name", "Vánoce", "--utm-campaign",
                "2026-12-02_vanoce", "--sent-at", "2026-12-01T08:00:00Z").exitCode()).isZero();

        Cli.Result added = Cli.run(env(), "campaigns", "links", "add", "C1", "hero", "--description", "Hero image",
                "--target", "https://shop.example.com/vanoce?a=1", "--position", "1");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(Cli.run(env(), "campaigns", "links", "add", "C1", "evil", "--description", "x",
                "--target", "javascript:alert(1)").exitCode()).as("not a target a link may lead to").isEqualTo(2);
        assertThat(Cli.run(env(), "campaigns", "links", "add", "NOPE", "hero", "--description", "x").exitCode())
                .isEqualTo(2);

        Path csv = home.resolve("links.csv");
        Files.writeString(csv, """
                campaign,link,description,target,position
                C1,footer,"Patička, kontakt",https://shop.example.com/kontakt,9
                C1,banner,Banner vpravo,https://www.háčky.cz/akce,2
                C2,hero,unknown campaign,https://shop.example.com/,1
                C1,bad target,Mezera v id,https://shop.example.com/,3
                C1,img-3,Obrázek,ftp://shop.example.com/,4
                C1,price,Cena,https://shop.example.com/,druhá
                C1,footer,again,https://shop.example.com/,9
                """, Charset.forName("windows-1250"));
        Cli.Result asUtf8 = Cli.run(env(), "campaigns", "links", "import", csv.toString());
        assertThat(asUtf8.exitCode()).isEqualTo(1);
        assertThat(asUtf8.err()).contains("line 2").contains("--charset windows-1250").contains("nothing was imported");

        Cli.Result imported = Cli.run(env(), "campaigns", "links", "import", "--charset", "windows-1250",
                csv.toString());
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.out()).contains("7 rows, 2 registered, 5 refused");
        assertThat(imported.err()).contains("links.csv:4: unknown campaign 'C2'")
                .contains("links.csv:5: link missing or not").contains("links.csv:6: target")
                .contains("links.csv:7: position is not a whole number").contains("links.csv:8: campaign C1, link"
                        + " footer already on line 2");
        assertThat(Cli.run(env(), "campaigns", "links", "import", "--charset", "windows-1250", csv.toString()).out())
                .as("importing again changes nothing").contains("2 registered");

        Cli.Result list = Cli.run(env(), "campaigns", "links", "list", "C1");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("3 link(s)").contains("Patička, kontakt")
                .contains("https://www.xn--hky-ela4t.cz/akce");
        assertThat(list.out().indexOf("hero")).isLessThan(list.out().indexOf("banner"));
        assertThat(list.out().indexOf("banner")).isLessThan(list.out().indexOf("footer"));

        Path recipients = home.resolve("recipients.csv");
        Files.writeString(recipients, "recipient_id,variant\nR1,A\nR2,B\nR 3,\n");
        Cli.Result mint = Cli.run(env(), "links", "mint", "--campaign", "C1", "--recipients", recipients.toString(),
                "--base-url", "https://t.example.com");
        assertThat(mint.exitCode()).as("one line refused").isEqualTo(1);
        assertThat(mint.out()).contains("10 links minted for 2 recipients (5 each: 3 click links, @open,"
                + " @unsubscribe), key " + ring.signingKey().orElseThrow().id());
        assertThat(mint.err()).contains("recipients.csv:4:");
        assertThat(Cli.run(env(), "links", "mint", "--campaign", "C1").exitCode()).as("a source is required")
                .isEqualTo(2);

        String hero;
        try (Database db = Database.embedded(home)) {
            hero = new LinkTokenDao(db.dataSource()).url("C1", "R1", "hero").orElseThrow();
        }
        assertThat(hero).startsWith("https://t.example.com/c/1.");
        Path logDir = home.resolve("clicklog");
        ClickLogWriter log = ClickLogWriter.start(new ClickLogWriter.Settings(logDir, "web-1", 1 << 20,
                Duration.ofHours(1), true), Clock.systemUTC());
        try (RedirectServer server = RedirectServer.start(new RedirectSettings("127.0.0.1", 0, 1, "/invalid",
                List.of(), List.of("127.0.0.0/8"), 16384, "web-1"), new LinkCodec(ring), log)) {
            URI local = URI.create(hero.replace("https://t.example.com", "http://127.0.0.1:" + server.port()));
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(local)
                    .header("User-Agent", CHROME).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).contains("https://shop.example.com/vanoce?a=1");
        }
        Cli.Result importRun = Cli.run(env(), "import", "--no-progress");
        assertThat(importRun.exitCode()).as(importRun.err()).isZero();

        Cli.Result report = Cli.run(env(), "report", "campaign", "C1", "--format", "csv");
        assertThat(report.exitCode()).as(report.err()).isZero();
        List<String[]> links = section(report.out(), "links");
        assertThat(links).extracting(row -> row[1] + ":" + row[3])
                .containsExactly("hero:1", "banner:0", "footer:0");
    }

    /** The rows of one section of the report's CSV (after its header row). */
    private static List<String[]> section(String csv, String name) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (CSVReader reader = new CSVReader(new StringReader(csv))) {
            boolean in = false;
            boolean header = false;
            for (String[] row : reader.readAll()) {
                if (row.length == 1 && row[0].startsWith("# ")) {
                    in = row[0].equals("# " + name);
                    header = in;
                } else if (in && header) {
                    header = false; // the column names
                } else if (in && !(row.length == 1 && row[0].isEmpty())) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}

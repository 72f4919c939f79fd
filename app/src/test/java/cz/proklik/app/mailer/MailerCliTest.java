package cz.proklik.app.mailer;

import cz.proklik.app.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Lists, the campaign card and the preview through the real CLI on the embedded stand-in ERP. */
class MailerCliTest {
    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("PROKLIK_HOME", home.resolve("data").toString(),
                "PROKLIK_LINK_BASE_URL", "https://t.example.com");
    }

    private Path template() throws Exception {
        Path dir = Files.createDirectories(home.resolve("tpl"));
        Files.writeString(dir.resolve("template.properties"), """
                id=news
                name=Novinky
                from.address=shop@example.com
                from.name=Obchod
                shop.default.product-url=https://shop.example.com/p/{sku}
                """);
        Files.writeString(dir.resolve("cs.html"), """
                <html><head><title>{{greeting}}, novinky</title></head><body>
                <p>{{greeting}},</p><a href="https://shop.example.com/?a=1&amp;b=2" data-pkl-id="hero">Obchod</a>
                {{#products}}<a href="{{url}}" data-pkl-id="product">{{name}}</a> {{price}} Kč{{/products}}
                <a href="{{unsubscribe_url}}">odhlásit</a>
                </body></html>""");
        return dir;
    }

    @Test
    void criteriaListCardAndPreview() throws Exception {
        assertThat(Cli.run(env(), "template", "import", template().toString()).exitCode()).isZero();
        Cli.Result list = Cli.run(env(), "list", "create", "praha", "--name", "Praha", "--where", "region=Praha");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("now 1 recipient(s), 1 excluded");
        Cli.Result show = Cli.run(env(), "list", "show", "praha", "--excluded");
        assertThat(show.out()).contains("R1001").contains("R1004").contains("no_consent");

        Cli.Result created = Cli.run(env(), "campaign", "create", "C-NEWS-1", "--name", "Zimní novinky",
                "--list", "praha", "--template", "news", "--date", "2026-12-01", "--product", "P1", "--product", "P3",
                "--variant", "A:50", "--variant", "B:50");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("no. 1").contains("utm_campaign 2026-12-01_zimni_novinky");
        // One campaign id space: the card's campaign is the tracking campaign.
        assertThat(Cli.run(env(), "campaigns", "list").out()).contains("C-NEWS-1").contains("2026-12-01_zimni_novinky");
        // utm_campaign must stay unique.
        Cli.Result clash = Cli.run(env(), "campaign", "create", "C-NEWS-2", "--name", "Zimní novinky",
                "--list", "praha", "--template", "news", "--date", "2026-12-01");
        assertThat(clash.exitCode()).isEqualTo(2);
        assertThat(clash.err()).contains("already used by campaign C-NEWS-1");

        Path out = home.resolve("preview");
        Cli.Result preview = Cli.run(env(), "campaign", "preview", "C-NEWS-1", "--recipient", "R1001",
                "--out", out.toString());
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(out.resolve("C-NEWS-1-R1001.eml")).exists();
        String html = Files.readString(out.resolve("C-NEWS-1-R1001.html"));
        assertThat(html).contains("Vážená paní Nováková,").contains("Mlýnek na kávu").contains("890,00")
                .contains("https://t.example.com/c/1.");
        assertThat(preview.out()).contains("product-2").contains("utm_content=");
        Cli.Result card = Cli.run(env(), "campaign", "show", "C-NEWS-1");
        assertThat(card.exitCode()).as(card.err()).isZero();
        assertThat(card.out()).contains("no. 1").contains("variant A: 50").contains("recipients now: 1")
                .contains("statistics: sent 0");
        // A contact excluded from the list still gets a preview, with the reason said.
        assertThat(Cli.run(env(), "campaign", "preview", "C-NEWS-1", "--recipient", "R1004", "--out", out.toString())
                .out()).contains("excluded from list praha (no_consent)");
        assertThat(Cli.run(env(), "campaign", "preview", "C-NEWS-1", "--recipient", "R9999").exitCode()).isEqualTo(2);
    }

    @Test
    void aCardSavedAgainWithFewerVariantsNoLongerSplitsIntoTheOldOnes() throws Exception {
        assertThat(Cli.run(env(), "template", "import", template().toString()).exitCode()).isZero();
        assertThat(Cli.run(env(), "list", "create", "praha", "--name", "Praha", "--where", "region=Praha").exitCode())
                .isZero();
        assertThat(Cli.run(env(), "campaign", "create", "C-AB", "--name", "AB", "--list", "praha", "--template",
                "news", "--date", "2026-12-01", "--variant", "A:50", "--variant", "B:30:news", "--variant", "C:20")
                .exitCode()).isZero();
        assertThat(Cli.run(env(), "campaign", "show", "C-AB").out()).contains("variant B: 30 % of the mailed, template news")
                .contains("variant C: 20");

        Cli.Result again = Cli.run(env(), "campaign", "create", "C-AB", "--name", "AB", "--list", "praha",
                "--template", "news", "--date", "2026-12-01", "--variant", "A:100");
        assertThat(again.exitCode()).as(again.err()).isZero();
        String card = Cli.run(env(), "campaign", "show", "C-AB").out();
        assertThat(card).contains("variant A: 100").doesNotContain("variant B").doesNotContain("variant C");

        assertThat(Cli.run(env(), "campaign", "create", "C-AB", "--name", "AB", "--list", "praha", "--template",
                "news", "--date", "2026-12-01").exitCode()).isZero();
        assertThat(Cli.run(env(), "campaign", "show", "C-AB").out()).doesNotContain("variant A");
    }

    @Test
    void anImportedListReportsBadLinesAndExitsWith1() throws Exception {
        Path csv = home.resolve("list.csv");
        Files.writeString(csv, "contact_id,email\nR1001,\n,petr.svoboda@example.com\nR1001,\n,bad@@x\nR777,\n");
        Cli.Result r = Cli.run(env(), "list", "import", "vip", csv.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("2 member(s), 3 line(s) refused").contains("line 4: duplicate")
                .contains("line 5: bad_address").contains("line 6: unknown_contact R777");
        assertThat(Cli.run(env(), "list", "show", "vip").out()).contains("2 recipient(s)");
        assertThat(Cli.run(env(), "list", "create", "x", "--name", "x", "--where", "region>=Praha").exitCode())
                .isEqualTo(2);
    }

    @Test
    void listAndTemplateNamesFromDataAreShownInert() throws Exception {
        String evil = "Evil\u001b[31mRED\u001b]0;pwned\u0007\r\nFAKE LINE\u202Eexe";
        assertThat(Cli.run(env(), "list", "create", "l1", "--name", evil, "--where", "region=Praha\u001b[2J").exitCode())
                .isZero();
        Cli.Result shown = Cli.run(env(), "list", "show", "l1", "--excluded");
        Cli.Result listed = Cli.run(env(), "list", "list");
        for (String printed : new String[] {shown.out(), listed.out()}) {
            assertThat(printed).contains("Evil").doesNotContain("\u001b", "\u0007", "\u202E")
                    .doesNotContainPattern("(?m)^FAKE LINE");
        }
    }
}

package cz.proklik.app.mailer;

import cz.proklik.app.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateCliTest {
    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("PROKLIK_HOME", home.resolve("data").toString());
    }

    @Test
    void aTemplateFolderIsImportedListedAndShown() throws Exception {
        Path dir = Files.createDirectories(home.resolve("tpl"));
        Files.writeString(dir.resolve("template.properties"), """
                id=welcome
                name=Vítejte
                from.address=shop@example.com
                from.name=Obchod
                """);
        Files.writeString(dir.resolve("cs.html"), """
                <html><head><title>{{greeting}}, vítejte</title></head><body>
                <p>{{greeting}},</p><a href="https://shop.example.com/?a=1&amp;b=2" data-pkl-id="hero">Obchod</a>
                <a href="https://shop.example.com/kontakt">Kontakt</a> <a href="{{unsubscribe_url}}">odhlásit</a>
                </body></html>""");
        Cli.Result imported = Cli.run(env(), "template", "import", dir.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Template welcome imported: 1 version(s)")
                .contains("cs  default           2 tracked link(s)  {{greeting}}, vítejte");
        assertThat(Cli.run(env(), "template", "list").out()).contains("welcome").contains("Vítejte");
        Cli.Result shown = Cli.run(env(), "template", "show", "welcome");
        assertThat(shown.out()).contains("hero").contains("https://shop.example.com/?a=1&b=2")
                .contains("link-1").contains("[Kontakt]");
        assertThat(Cli.run(env(), "template", "show", "nope").exitCode()).isEqualTo(2);
    }

    @Test
    void aTemplateWithAnUnknownKeywordIsRefusedWithExitCode2() throws Exception {
        Path dir = Files.createDirectories(home.resolve("tpl"));
        Files.writeString(dir.resolve("template.properties"), "id=bad\nfrom.address=shop@example.com\n");
        Files.writeString(dir.resolve("cs.html"),
                "<html><head><title>Hi</title></head><body>{{contact.firstname}}</body></html>");
        Cli.Result r = Cli.run(env(), "template", "import", dir.resolve("template.properties").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown keyword {{contact.firstname}}");
        assertThat(Cli.run(env(), "template", "list").out()).doesNotContain("bad");
    }
}

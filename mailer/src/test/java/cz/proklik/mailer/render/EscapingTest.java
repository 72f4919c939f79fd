package cz.proklik.mailer.render;

import com.samskivert.mustache.Escapers;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.StoredTemplate;
import cz.proklik.erp.mailing.StoredTemplateVersion;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contact data is data in every context: HTML text, attribute, URL, header, plain text. */
class EscapingTest {
    private static final String BODY = """
            <html><head><title>{{contact.first_name}} {{contact.last_name}}: novinky</title></head><body>
            <p title="{{contact.last_name}}">Ahoj {{contact.first_name}}</p>
            <a href="https://shop.example.com/hledat?q={{contact.first_name}}&amp;r={{contact.region}}#{{contact.region}}">hledat</a>
            </body></html>""";
    private final MailRenderer renderer = new MailRenderer(Fixtures.settings("https://t.example.com", true, List.of()));

    private static CompiledTemplate compile(String html) {
        StoredTemplate t = new StoredTemplate("t", "t", "a@example.com", "Shop", "cs", "eshop", "x", null,
                List.of(new StoredTemplateVersion("cs", "eshop", Jsoup.parse(html).title(), null, null, null, null,
                        html)));
        return TemplateCompiler.compile(t, t.versions().get(0));
    }

    private static ErpContact contact(String first, String last, String region) {
        return new ErpContact("R9", "evil@example.com", first, last, "cs", region, "CZ", null, true, null, null,
                null, null);
    }

    @Test
    void markupQuotesAndJavascriptInContactDataStayInert() {
        String first = "<script>alert(1)</script><a href=\"javascript:alert(2)\">x</a>";
        String last = "\" onmouseover=\"alert(3)";
        String region = "javascript:alert(4)&utm_source=spoof";
        RenderedMail mail = renderer.render(compile(BODY), contact(first, last, region), "");
        Document doc = Jsoup.parse(mail.html());
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("[onmouseover]")).isEmpty();
        assertThat(doc.select("a[href^=javascript]")).isEmpty();
        assertThat(doc.select("p").first().text()).isEqualTo("Ahoj " + first);
        assertThat(doc.select("p").attr("title")).isEqualTo(last);
        MintedLink link = mail.links().get(0);
        // The values are percent-encoded into the query and the fragment: no new parameter, no scheme.
        assertThat(link.target()).startsWith("https://shop.example.com/hledat?q=%3Cscript%3Ealert%281%29")
                .contains("&r=javascript%3Aalert%284%29%26utm_source%3Dspoof&utm_source=email")
                .endsWith("#javascript%3Aalert%284%29%26utm_source%3Dspoof");
    }

    @Test
    void lineBreaksInNamesNeverReachAHeader() {
        RenderedMail mail = renderer.render(compile(BODY),
                contact("Jana\r\nBcc: victim@example.com", "Nová\nX-Spam: yes", "Praha"), "");
        assertThat(mail.subject()).doesNotContain("\r", "\n").isEqualTo("Jana  Bcc: victim@example.com Nová X-Spam: yes: novinky");
        assertThat(mail.toName()).doesNotContain("\r", "\n");
    }

    @Test
    void aUrlAttributeMayNotStartWithContactData() {
        assertThatThrownBy(() -> compile("<html><body><a href=\"{{contact.region}}\">x</a></body></html>"))
                .isInstanceOf(RenderException.class).hasMessageContaining("href starts with {{contact.region}}");
        assertThatThrownBy(() -> compile("<html><body><img src=\"{{contact.email}}\"></body></html>"))
                .isInstanceOf(RenderException.class).hasMessageContaining("src starts with {{contact.email}}");
    }

    @Test
    void rawOutputAndCodeContextsAreRefused() {
        assertThatThrownBy(() -> compile("<html><body>{{{contact.first_name}}}</body></html>"))
                .isInstanceOf(RenderException.class).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> compile("<html><body>{{& contact.first_name}}</body></html>"))
                .isInstanceOf(RenderException.class).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> compile("<html><body><p onclick=\"x('{{contact.first_name}}')\">x</p></body></html>"))
                .isInstanceOf(RenderException.class).hasMessageContaining("event handler");
        assertThatThrownBy(() -> compile("<html><body><p style=\"color:{{contact.region}}\">x</p></body></html>"))
                .isInstanceOf(RenderException.class).hasMessageContaining("style");
    }

    @Test
    void unknownKeywordsAreRefusedAtCompileTimeAndEmptyFieldsAtRenderTime() {
        assertThatThrownBy(() -> compile("<html><body>{{contact.firstname}} {{discount}}</body></html>"))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("unknown keywords {{contact.firstname}}, {{discount}}");
        CompiledTemplate t = compile(BODY);
        assertThatThrownBy(() -> renderer.render(t, contact(null, "Nová", "Praha"), ""))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("contact R9").hasMessageContaining("{{contact.first_name}}")
                .hasMessageContaining("has no value");
        assertThatThrownBy(() -> renderer.render(t, contact("  ", "Nová", "Praha"), ""))
                .isInstanceOf(RenderException.class).hasMessageContaining("{{contact.first_name}}");
    }

    @Test
    void anOptionalFieldCanBeGuardedByASection() {
        CompiledTemplate t = compile("<html><head><title>S</title></head><body>Ahoj{{#contact.first_name}} "
                + "{{contact.first_name}}{{/contact.first_name}}!</body></html>");
        assertThat(Jsoup.parse(renderer.render(t, contact(null, "N", "P"), "").html()).body().text()).isEqualTo("Ahoj!");
        assertThat(Jsoup.parse(renderer.render(t, contact("Eva", "N", "P"), "").html()).body().text())
                .isEqualTo("Ahoj Eva!");
    }

    @Test
    void theOnePassHtmlEscaperGivesExactlyJMustachesEntities() {
        Random random = new Random(7);
        String alphabet = "a&'\"<>`= \u00e1\u010d\n";
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = random.nextInt(20); j > 0; j--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(Escaping.html(b.toString())).isEqualTo(Escapers.HTML.escape(b.toString()));
        }
    }
}

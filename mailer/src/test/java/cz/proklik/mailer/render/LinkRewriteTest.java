package cz.proklik.mailer.render;

import cz.proklik.erp.mailing.StoredTemplate;
import cz.proklik.erp.mailing.StoredTemplateVersion;
import cz.proklik.mailer.links.LinkScanner;
import cz.proklik.mailer.links.LinkSpan;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.LinkKind;
import cz.proklik.tracking.link.LinkVerification;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class LinkRewriteTest {
    private static final String BASE = "https://t.example.com";
    private final StoredTemplate template = Fixtures.spring();
    private final CompiledTemplate cs = TemplateCompiler.compile(template, Fixtures.version(template, "cs"));
    private final MailRenderer renderer = new MailRenderer(Fixtures.settings(BASE, true, Fixtures.PRODUCTS));
    private final LinkCodec codec = new LinkCodec(Fixtures.KEYS);

    @Test
    void everyTrackedLinkGetsAStableElementIdFromItsAttributeOrItsPosition() {
        assertThat(cs.links()).extracting(LinkSpan::elementId).containsExactly(
                "hero", "link-1", "product", "product-name", "cta", "cta", "link-2");
        assertThat(cs.links().get(4).inMso()).isTrue();
        RenderedMail first = renderer.render(cs, Fixtures.jana(), "A");
        RenderedMail second = renderer.render(TemplateCompiler.compile(template, Fixtures.version(template, "cs")),
                Fixtures.jana(), "A");
        assertThat(first.links()).extracting(MintedLink::linkId).containsExactly("hero", "link-1", "product-1",
                "product-name-1", "product-2", "product-name-2", "cta", "link-2");
        assertThat(second.links()).isEqualTo(first.links());
        assertThat(second.html()).isEqualTo(first.html());
    }

    @Test
    void trackedLinksCarryTheTargetWithUtmParametersAndVerify() {
        RenderedMail mail = renderer.render(cs, Fixtures.jana(), "A");
        Map<String, String> targets = mail.links().stream()
                .collect(Collectors.toMap(MintedLink::linkId, MintedLink::target));
        assertThat(targets).containsEntry("hero", "https://shop.example.com/jaro?ref=mail&x=1&utm_source=email"
                + "&utm_medium=newsletter&utm_campaign=2026-12-01_jarni_novinky&utm_content=A_hero#top");
        // The author's utm_term stays as written and is not doubled.
        assertThat(targets.get("cta")).isEqualTo("https://shop.example.com/akce?utm_term=jaro&sort=price"
                + "&utm_source=email&utm_medium=newsletter&utm_campaign=2026-12-01_jarni_novinky&utm_content=A_cta");
        // In a product block the SKU is the utm_term, the product URL comes from the shop's pattern.
        assertThat(targets.get("product-2")).isEqualTo("https://shop.example.com/p/SKU-MUG-WHITE?utm_source=email"
                + "&utm_medium=newsletter&utm_campaign=2026-12-01_jarni_novinky&utm_content=A_product-2"
                + "&utm_term=SKU-MUG-WHITE");
        assertThat(targets.get("link-2")).startsWith("https://shop.example.com/ucet?id=R1001&lang=cs&utm_source=email");

        List<String> hrefs = trackedHrefs(mail.html()).stream().filter(h -> h.startsWith(BASE + "/c/")).toList();
        assertThat(hrefs).hasSize(10); // 8 links + the VML button beside its ordinary twin + "view in browser"
        for (String href : hrefs) {
            LinkVerification v = codec.verify(LinkKind.CLICK, href.substring((BASE + "/c/").length()));
            assertThat(v).isInstanceOf(LinkVerification.Valid.class);
            LinkVerification.Valid valid = (LinkVerification.Valid) v;
            assertThat(valid.link().campaign()).isEqualTo("C2026-SPRING");
            assertThat(valid.link().recipient()).isEqualTo("R1001");
            assertThat(valid.link().variant()).isEqualTo("A");
            if (!valid.link().link().equals("view")) {
                assertThat(targets).containsEntry(valid.link().link(), valid.link().target());
            }
        }
    }

    @Test
    void untrackedLinksAndOwnKindsAreLeftAloneAndThePixelIsAdded() {
        RenderedMail mail = renderer.render(cs, Fixtures.jana(), "");
        Document doc = Jsoup.parse(mail.html());
        List<String> all = doc.select("a[href]").eachAttr("href");
        assertThat(all).contains("mailto:info@shop.example.com?subject=Dotaz", "tel:+420800123456", "#top",
                "https://www.example.org/gdpr");
        assertThat(all).contains(mail.unsubscribeUrl());
        assertThat(mail.unsubscribeUrl()).startsWith(BASE + "/u/");
        assertThat(all.stream().filter(h -> h.startsWith("https://shop.example.com/autologin?pkl_login=a1.l1.")))
                .hasSize(1);
        String view = doc.select("a:contains(Zobrazit)").attr("href");
        LinkVerification.Valid viewLink = (LinkVerification.Valid) codec.verify(LinkKind.CLICK,
                view.substring((BASE + "/c/").length()));
        assertThat(viewLink.link().link()).isEqualTo("view");
        assertThat(viewLink.link().target()).isEqualTo("https://shop.example.com/newsletter/C2026-SPRING");
        String pixel = doc.select("img[width=1][height=1]").attr("src");
        assertThat(codec.verify(LinkKind.OPEN, pixel.substring((BASE + "/o/").length())))
                .isInstanceOf(LinkVerification.Valid.class);
    }

    @Test
    void everythingThatIsNotALinkStaysByteForByte() {
        // A version without keywords outside links: the rendered HTML equals the authored one once the tracked
        // URL values (and the added pixel) are blanked out in both.
        String authored = Fixtures.version(template, "cs").html()
                .replace("{{greeting}}", "Dobrý den").replaceAll("(?s)\\{\\{#products}}.*?\\{\\{/products}}", "")
                .replace("{{view_url}}", "https://x.example/v").replace("{{autologin_url}}", "https://x.example/l")
                .replace("{{unsubscribe_url}}", "https://x.example/u");
        StoredTemplate plain = new StoredTemplate("plain", "plain", "a@example.com", null, "cs", "eshop-cz", "x",
                null, List.of(new StoredTemplateVersion("cs", "eshop-cz", "S", null, null,
                        null, null, authored)));
        CompiledTemplate compiled = TemplateCompiler.compile(plain, plain.versions().get(0));
        String rendered = renderer.render(compiled, Fixtures.jana(), "").html();
        String pixelFree = rendered.replaceAll("<img src=\"[^\"]*/o/[^\"]*\" width=\"1\" height=\"1\"[^>]*>", "");
        assertThat(blankTracked(pixelFree)).isEqualTo(blankTracked(authored));
        assertThat(pixelFree).contains("<!--[if mso]>").contains("<w:anchorlock/>")
                .contains("style=\"height:40px;v-text-anchor:middle;width:200px;\"");
    }

    @Test
    void theRenderedTextIsTheAuthoredTextWithKeywordsFilled() {
        RenderedMail mail = renderer.render(cs, Fixtures.jana(), "A");
        Document doc = Jsoup.parse(mail.html());
        assertThat(doc.title()).isEqualTo("Vážená paní Nováková, jarní novinky pro vás");
        assertThat(doc.body().text()).contains("Vážená paní Nováková,", "máme pro vás jarní novinky – a slevu 10 %",
                "Káva zrnková 1 kg – 459,00 Kč", "Hrnek bílý – 149,50 Kč", "Do akce");
        assertThat(mail.subject()).isEqualTo("Vážená paní Nováková, jarní novinky pro vás");
    }

    @Test
    void thePlainTextPartCarriesTheSameTrackedLinks() {
        RenderedMail mail = renderer.render(cs, Fixtures.jana(), "A");
        for (MintedLink link : mail.links()) {
            assertThat(mail.text()).contains(link.url());
        }
        assertThat(mail.text()).contains("celou kávu (" + url(mail, "link-1") + ")")
                .contains("Hrnek bílý (" + url(mail, "product-name-2") + ")")
                .contains("info@shop.example.com (mailto:info@shop.example.com?subject=Dotaz)")
                .contains("zde (" + mail.unsubscribeUrl() + ")")
                .doesNotContain("<", "{{", "td.hero", "PixelsPerInch");
    }

    private static String url(RenderedMail mail, String id) {
        return mail.links().stream().filter(l -> l.linkId().equals(id)).findFirst().orElseThrow().url();
    }

    /** The href values the scanner would track, in the rendered HTML. */
    private static List<String> trackedHrefs(String html) {
        return LinkScanner.scan(html).stream().map(s -> Parser.unescapeEntities(
                html.substring(s.valueStart(), s.valueEnd()), true)).toList();
    }

    private static String blankTracked(String html) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (LinkSpan s : LinkScanner.scan(html)) {
            out.append(html, at, s.valueStart()).append("URL");
            at = s.valueEnd();
        }
        return out.append(html.substring(at)).toString();
    }
}

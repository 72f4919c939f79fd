package cz.proklik.mailer.render;

import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.StoredTemplate;
import cz.proklik.erp.mailing.StoredTemplateVersion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The mail made from segments compiled once ({@link MailProgram}) is the reference's mail (JMustache per
 * recipient) to the byte: subject, HTML, text, headers, every signed link — for many recipients with hostile
 * data, every shape of present and missing fields, sections on optional fields, data inside link targets; and
 * where the reference refuses a mail, the same error.
 */
class CompiledRenderEquivalenceTest {
    private final MailRenderer renderer = new MailRenderer(Fixtures.settings("https://t.example.com", true,
            Fixtures.PRODUCTS));

    /** Contact data in every context, guarded and inverted sections, {{.}} inside a section, own URL kinds. */
    private static final String HOSTILE = """
            <!DOCTYPE html><html><head><title>{{greeting}} {{#contact.first_name}}{{.}} {{/contact.first_name}}&amp; {{contact.last_name}}</title></head>
            <body><p title="{{contact.last_name}}">Ahoj {{#contact.first_name}}{{contact.first_name}}{{/contact.first_name}}{{^contact.first_name}}příteli{{/contact.first_name}},</p>
            {{#contact.region}}<p>Region: {{contact.region}} ({{contact.country}})</p>{{/contact.region}}
            <a href="https://shop.example.com/hledat?q={{contact.first_name}}&amp;r={{contact.region}}#{{contact.region}}">hledat</a>
            <a href="https://shop.example.com/x?utm_source=newsletter&amp;id={{contact.id}}" data-pkl-utm-term="t1">s UTM</a>
            <a href="https://shop.example.com/email?e={{contact.email}}&amp;g={{greeting}}">{{contact.email}}</a>
            <a href="https://shop.example.com/káva?druh=žitná#kůň">káva (non-ASCII target)</a>
            {{#products}}<a href="{{url}}" title="{{name}}">{{position}}. {{name}} {{price}}</a>{{/products}}
            <a href="{{view_url}}">web</a> <a href="{{autologin_url}}">přihlásit</a> <a href="{{unsubscribe_url}}">odhlásit</a>
            <p>{{campaign.name}} / {{shop}} / {{contact.organisation}}? {{#contact.organisation}}org {{contact.organisation}}{{/contact.organisation}}</p>
            </body></html>""";

    private static final String[] NASTY = {"Jana", "<script>alert(1)</script>", "\" onmouseover=\"alert(3)",
        "javascript:alert(4)&utm_source=spoof", "Jana\r\nBcc: victim@example.com", "  Eva  ", "", "   ", null,
        "\uE000\uE105\uE001\uE100", "'`=&amp;", "Žluťoučký kůň", "a%20b+c#d?e", "{{contact.email}}", "\u2028x\u0000"};

    private static CompiledTemplate compile(String html) {
        StoredTemplate t = new StoredTemplate("t", "t", "a@example.com", "Shop", "cs", "eshop", "x", null,
                List.of(new StoredTemplateVersion("cs", "eshop", org.jsoup.Jsoup.parse(html).title(), null, null,
                        "https://shop.example.com/login", "https://shop.example.com/p/{sku}", html)));
        return TemplateCompiler.compile(t, t.versions().get(0));
    }

    private static List<ErpContact> hostileContacts(int n) {
        Random random = new Random(15);
        List<ErpContact> contacts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            contacts.add(new ErpContact(i % 97 == 5 ? "R " + i : "R" + i, "user" + i + "@example.com", pick(random), pick(random),
                    random.nextBoolean() ? "cs" : "sk", pick(random), random.nextBoolean() ? "CZ" : null,
                    random.nextInt(3) == 0 ? "ORG-" + i : null, true, random.nextInt(4) == 0 ? "Vážená paní X" : null,
                    pick(random), pick(random), random.nextBoolean() ? "F" : "M"));
        }
        return contacts;
    }

    private static String pick(Random random) {
        return NASTY[random.nextInt(NASTY.length)];
    }

    /** Either both give the same mail, or both refuse it with the same message; returns whether it was a mail. */
    private boolean assertSame(CompiledTemplate t, ErpContact c, String variant) {
        Throwable refused = catchThrowable(() -> renderer.renderReference(t, c, variant));
        if (refused != null) {
            assertThatThrownBy(() -> renderer.render(t, c, variant)).isInstanceOf(refused.getClass())
                    .hasMessage(refused.getMessage());
            return false;
        }
        RenderedMail expected = renderer.renderReference(t, c, variant);
        RenderedMail fromProgram = renderer.renderFromProgram(t, c, variant);
        assertThat(fromProgram).as("a program serves contact %s", c.id()).isNotNull();
        assertThat(fromProgram).isEqualTo(expected);
        assertThat(renderer.render(t, c, variant)).isEqualTo(expected);
        return true;
    }

    @Test
    void theSpringTemplateGivesTheReferenceMailForEveryVersionAndVariant() {
        StoredTemplate spring = Fixtures.spring();
        for (StoredTemplateVersion v : spring.versions()) {
            CompiledTemplate t = TemplateCompiler.compile(spring, v);
            for (String variant : List.of("", "A", "B")) {
                assertThat(assertSame(t, Fixtures.jana(), variant)).isTrue();
            }
        }
    }

    @Test
    void hostileDataInEveryContextGivesTheReferenceMailOrItsError() {
        CompiledTemplate t = compile(HOSTILE);
        int mails = 0;
        for (ErpContact c : hostileContacts(600)) {
            if (assertSame(t, c, c.id().hashCode() % 2 == 0 ? "A" : "B")) {
                mails++;
            }
        }
        // Both outcomes were exercised: mails, and refusals for a missing last name, region or country.
        assertThat(mails).isBetween(50, 550);
    }

    @Test
    void theSpringTemplateWithHostileContacts() {
        StoredTemplate spring = Fixtures.spring();
        CompiledTemplate t = TemplateCompiler.compile(spring, Fixtures.version(spring, "cs"));
        int mails = 0;
        for (ErpContact c : hostileContacts(300)) {
            if (assertSame(t, c, "A")) {
                mails++;
            }
        }
        // The spring template needs no optional field: only the recipient ids the link format refuses give no mail.
        assertThat(mails).isEqualTo(300 - 4);
    }

    @Test
    void aTemplateHoldingAPrivateUseCharacterIsRenderedByTheReference() {
        CompiledTemplate t = compile("<html><head><title>Hi \uE000\uE100 {{contact.first_name}}</title></head><body>"
                + "<p>\uE001\uE100 {{contact.first_name}}</p><a href=\"https://shop.example.com/\uE000\uE101\">x</a>"
                + "</body></html>");
        ErpContact jana = Fixtures.jana();
        assertThat(renderer.renderFromProgram(t, jana, "A")).isNull();
        RenderedMail mail = renderer.render(t, jana, "A");
        assertThat(mail).isEqualTo(renderer.renderReference(t, jana, "A"));
        assertThat(mail.html()).contains("<p>\uE001\uE100 Jana</p>");
    }

    @Test
    void theSameIdsAndTargetsOnEveryRender() {
        StoredTemplate spring = Fixtures.spring();
        CompiledTemplate t = TemplateCompiler.compile(spring, Fixtures.version(spring, "cs"));
        RenderedMail first = renderer.render(t, Fixtures.jana(), "A");
        RenderedMail again = renderer.render(t, Fixtures.jana(), "A");
        assertThat(again).isEqualTo(first);
        assertThat(first.links()).extracting(MintedLink::linkId)
                .containsExactly("hero", "link-1", "product-1", "product-name-1", "product-2", "product-name-2",
                        "cta", "link-2");
    }
}

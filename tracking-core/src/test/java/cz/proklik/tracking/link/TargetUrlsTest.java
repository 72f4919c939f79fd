package cz.proklik.tracking.link;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetUrlsTest {

    @Test
    void aCzechTargetBecomesTheAsciiAddressABrowserWouldRequest() {
        String czech = "https://eshop.example.cz/kávovary/černá-káva?barva=žlutá&q=50%25#čaj";

        String ascii = TargetUrls.normalise(czech);

        assertThat(ascii).isEqualTo("https://eshop.example.cz/k%C3%A1vovary/%C4%8Dern%C3%A1-k%C3%A1va"
                + "?barva=%C5%BElut%C3%A1&q=50%25#%C4%8Daj");
        // The JDK's own URI encoder agrees (it leaves the existing %25 alone too).
        assertThat(ascii).isEqualTo(URI.create(czech).toASCIIString());
        assertThat(LinkFieldRules.isTarget(ascii)).isTrue();
    }

    @Test
    void anInternationalHostBecomesPunycodeAndItsPortStays() {
        // Expected values from Python's own IDNA codec, an independent implementation.
        assertThat(TargetUrls.normalise("https://Žluťoučký-kůň.cz:8443/kůň"))
                .isEqualTo("https://xn--luouk-k-z2a6lsyxjlexh.cz:8443/k%C5%AF%C5%88");
        assertThat(TargetUrls.normalise("https://háčky.cz/")).isEqualTo("https://xn--hky-ela4t.cz/");
    }

    @Test
    void asciiTargetsAndTheirEscapesAreLeftAlone() {
        for (String ascii : new String[]{"https://shop.example.com/a%20b?x=%C4%8D", "http://x.example/?a=1&b=2#f"}) {
            assertThat(TargetUrls.normalise(ascii)).isSameAs(ascii);
            assertThat(TargetUrls.forHeader(ascii)).isSameAs(ascii);
        }
    }

    @Test
    void whatCannotBeAnAddressIsRefusedWithAReason() {
        assertThatThrownBy(() -> TargetUrls.normalise("ftp://kávovary.cz/")).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> TargetUrls.normalise("https://k\u00e1va." + "x".repeat(70) + ".cz/"))
                .hasMessageContaining("international domain name");
        assertThatThrownBy(() -> TargetUrls.normalise("https://eshop.cz/k\u00e1va\ud83d"))
                .hasMessageContaining("surrogate");
    }

    @Test
    void aClickLinkSignsTheAsciiFormAndALinkMintedBeforeStillGoesOutAsAscii() {
        TrackingLink link = TrackingLink.click("C1", "R1", "hero", "", "https://eshop.example.cz/černá-káva");
        assertThat(link.target()).isEqualTo("https://eshop.example.cz/%C4%8Dern%C3%A1-k%C3%A1va");

        LinkCodec codec = new LinkCodec(KeyRing.empty().withNewSigningKey(
                KeyRing.generateKey(Clock.systemUTC(), new SecureRandom())));
        assertThatThrownBy(() -> codec.token(new TrackingLink(LinkKind.CLICK, "C1", "R1", "hero", "",
                "https://eshop.example.cz/černá"))).hasMessageContaining("normalised to ASCII");

        String old = "https://eshop.example.cz/černá-káva";
        String sent = TargetUrls.forHeader(old);
        assertThat(sent.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(sent.getBytes(StandardCharsets.UTF_8));
        assertThat(sent).isEqualTo(link.target());
    }
}

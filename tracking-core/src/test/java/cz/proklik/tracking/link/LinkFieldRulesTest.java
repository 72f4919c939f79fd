package cz.proklik.tracking.link;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinkFieldRulesTest {

    @Test
    void targetsAnEmailWouldCarryAreAccepted() {
        for (String ok : List.of("https://shop.example.com/", "http://shop.example.com", "HTTPS://Shop.Example.com/a",
                "https://shop.example.com:8443/p?utm_source=email&q=a%20b#top", "https://xn--eshop-7ua.cz/výprodej",
                "https://a.b/c,d;e=f'g(h)*!$~+@x", "https://localhost:8080/x")) {
            assertThat(LinkFieldRules.isTarget(ok)).as(ok).isTrue();
        }
        assertThat(LinkFieldRules.hostOf("HTTPS://Shop.Example.com:8443/x")).isEqualTo("shop.example.com");
    }

    @Test
    void anythingThatCouldLeadElsewhereOrBreakAHeaderIsRefused() {
        for (String bad : List.of("", "javascript:alert(1)", "//evil.example.net/", "ftp://x.example/",
                "https://user:pw@evil.example.net/", "https://evil.example.net@shop.example.com/",
                "https:///path", "https://:443/", "https://shop.example.com:/", "https://shop.example.com:123456/",
                "https://shop example.com/", "https://shop.example.com/a b", "https://shop.example.com/\r\nX: y",
                "https://[::1]/", "https://.example.com/", "https://example.com./", "https://-x.example/",
                "https://shop.example.com/\"onmouseover", "https://shop.example.com/<script>",
                "https://ex%61mple.com/", "https://x.example/" + "a".repeat(2048))) {
            assertThat(LinkFieldRules.isTarget(bad)).as(bad).isFalse();
        }
    }

    @Test
    void theRulesOfTheLinkFormatAreEnforcedExactly() {
        // Refused by docs/link-format.md, but accepted before: a port above 65535, C1 controls, line separators.
        for (String bad : List.of("https://shop.example.com:65536/", "https://shop.example.com:99999/",
                "https://shop.example.com/a\u0085b", "https://shop.example.com/a\u009bb",
                "https://shop.example.com/a\u2028b", "https://shop.example.com/a\u2029b",
                "https://shop.example.com/a\ud83d", "https://shop.example.com/a\ude00b")) {
            assertThat(LinkFieldRules.isTarget(bad)).as(bad).isFalse();
        }
        for (String ok : List.of("https://shop.example.com:65535/", "https://shop.example.com/a\u00a0b",
                "https://shop.example.com/k\u00e1va\ud83d\ude00")) {
            assertThat(LinkFieldRules.isTarget(ok)).as(ok).isTrue();
        }
    }

    @Test
    void idsAreShortAndPlain() {
        assertThat(LinkFieldRules.isId("C2026-11_a.b:c")).isTrue();
        assertThat(LinkFieldRules.isId("x".repeat(64))).isTrue();
        assertThat(LinkFieldRules.isId("x".repeat(65))).isFalse();
        assertThat(LinkFieldRules.isId("")).isFalse();
        assertThat(LinkFieldRules.isId("jan@example.com")).isFalse();
        assertThat(LinkFieldRules.isId("ř")).isFalse();
        assertThat(LinkFieldRules.isVariant("")).isTrue();
        assertThat(LinkFieldRules.isVariant("x".repeat(17))).isFalse();
        assertThat(LinkFieldRules.isKeyId("k2026_a-b")).isTrue();
        assertThat(LinkFieldRules.isKeyId("k.1")).isFalse();
        assertThat(LinkFieldRules.isKeyId("kř")).isFalse();
    }

    @Test
    void base64UrlIsTheUnpaddedUrlSafeAlphabet() {
        assertThat(LinkFieldRules.isBase64Url("AZaz09-_")).isTrue();
        for (String bad : List.of("", "ab=", "a+b", "a/b", "a b", "a.b", "añ", "a\u0000")) {
            assertThat(LinkFieldRules.isBase64Url(bad)).as(bad).isFalse();
        }
    }
}

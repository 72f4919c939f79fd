package cz.proklik.tracking.link;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkCodecTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%/";

    private final SigningKey k1 = key("k1");
    private final LinkCodec codec = new LinkCodec(new KeyRing(List.of(k1)));
    private final TrackingLink click = TrackingLink.click("C2026-11", "R4815", "hero", "A",
            "https://shop.example.com/sale?utm_source=email&x=%C3%A9");

    static SigningKey key(String id) {
        return new SigningKey(id, SigningKey.State.ACTIVE, KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()).secret());
    }

    @Test
    void genuineLinkVerifiesWithAllItsFields() {
        String token = codec.token(click);

        LinkVerification result = codec.verify(LinkKind.CLICK, token);

        assertThat(result).isEqualTo(new LinkVerification.Valid(click, "k1"));
        assertThat(token).startsWith("1.k1.").matches("[A-Za-z0-9_.-]+");
    }

    @Test
    void theTestVectorsOfTheFormatDocumentStillHold() {
        // docs/link-format.md publishes these; another implementation (the mailer, an ERP script) checks against them.
        LinkCodec published = new LinkCodec(KeyRing.parse("k1 active " + "A".repeat(43)));
        String click = "http://localhost:8080/c/1.k1.QzIwMjYtMTEKUjQ4MTUKaGVybwpBCmh0dHBzOi8vc2hvcC5leGFtcGxlLmNvbS8"
                + ".0HIkulh88IYuvowyTdgxXQ";
        String open = "http://localhost:8080/o/1.k1.QzIwMjYtMTEKUjQ4MTUKCkEK.jFfhMLmwISmln03Q-S2qtQ";

        assertThat(published.url("http://localhost:8080",
                TrackingLink.click("C2026-11", "R4815", "hero", "A", "https://shop.example.com/"))).isEqualTo(click);
        assertThat(published.url("http://localhost:8080", TrackingLink.open("C2026-11", "R4815", "A"))).isEqualTo(open);
        assertThat(published.verify(LinkKind.OPEN, open.substring(open.indexOf("/o/") + 3)))
                .isInstanceOf(LinkVerification.Valid.class);
    }

    @Test
    void everyTokenIsTheStringBuiltOneOfTheFormatAtEveryPayloadLength() throws Exception {
        assertTokensAreTheFormat(k1, codec);
    }

    @Test
    void keysOfABlockAndLongerSignAsTheJdksHmacDoes() throws Exception {
        // The codec computes HMAC from the key's pad states; RFC 2104 hashes a key longer than the 64-byte block.
        for (int length : new int[] {63, 64, 65, 100}) {
            byte[] secret = new byte[length];
            new SecureRandom().nextBytes(secret);
            SigningKey key = new SigningKey("k1", SigningKey.State.ACTIVE, secret);
            assertTokensAreTheFormat(key, new LinkCodec(new KeyRing(List.of(key))));
        }
    }

    @Test
    void aLinkMadeOutToAnotherRecipientIsThatRecipientsLink() {
        for (TrackingLink link : List.of(click, TrackingLink.open("C2026-11", "R", "B"),
                TrackingLink.unsubscribe("C2026-11", "R", ""))) {
            for (String recipient : List.of("R4815", "G-1.2:x", "r".repeat(64))) {
                TrackingLink theirs = new TrackingLink(link.kind(), link.campaign(), recipient, link.link(),
                        link.variant(), link.target());
                assertThat(codec.url("https://t.example.com/", link, recipient))
                        .isEqualTo(codec.url("https://t.example.com/", theirs));
                assertThat(codec.verify(link.kind(), codec.url("https://t.example.com", link, recipient)
                        .substring(("https://t.example.com/" + link.kind().pathSegment() + "/").length())))
                        .isEqualTo(new LinkVerification.Valid(theirs, "k1"));
            }
            for (String bad : List.of("", "R 1", "R\n1", "r".repeat(65), "Ř1")) {
                assertThatThrownBy(() -> codec.url("https://t.example.com", link, bad))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recipient");
            }
        }
    }

    private static void assertTokensAreTheFormat(SigningKey k1, LinkCodec codec) throws Exception {
        // The codec builds tokens in byte buffers; this is the format written out with the JDK's own encoders.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(k1.secret(), "HmacSHA256"));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        for (int length = 1; length <= 1800; length += length < 40 ? 1 : 97) {
            String target = "https://shop.example.com/" + "p".repeat(length);
            for (TrackingLink link : List.of(TrackingLink.click("C" + length, "R" + length, "l", length % 2 == 0 ? "A" : "",
                    target), TrackingLink.open("C" + length, "R", ""), TrackingLink.unsubscribe("C", "R" + length, "B"))) {
                String payload = b64.encodeToString(String.join("\n", link.campaign(), link.recipient(), link.link(),
                        link.variant(), link.target()).getBytes(StandardCharsets.UTF_8));
                byte[] full = mac.doFinal(("proklik-link-1\n" + link.kind().pathSegment() + "\nk1\n" + payload)
                        .getBytes(StandardCharsets.US_ASCII));
                String expected = "1.k1." + payload + "." + b64.encodeToString(Arrays.copyOf(full, 16));

                assertThat(codec.token(link)).as("length %d, %s", length, link.kind()).isEqualTo(expected);
                assertThat(codec.url("https://t.example.com", link))
                        .isEqualTo("https://t.example.com/" + link.kind().pathSegment() + "/" + expected);
            }
        }
    }

    @Test
    void urlHasKindSegmentAndToken() {
        assertThat(codec.url("https://t.example.com/", click))
                .isEqualTo("https://t.example.com/c/" + codec.token(click));
        TrackingLink open = TrackingLink.open("C1", "R1", "");
        assertThat(codec.url("https://t.example.com", open)).startsWith("https://t.example.com/o/1.k1.");
    }

    @Test
    void everyCharacterOfTheTokenChangedIsRejected() {
        String token = codec.token(click);
        int checked = 0;
        for (int i = 0; i < token.length(); i++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c == token.charAt(i)) {
                    continue;
                }
                String altered = token.substring(0, i) + c + token.substring(i + 1);
                assertThat(codec.verify(LinkKind.CLICK, altered))
                        .as("token with position %d changed to '%s'", i, c)
                        .isInstanceOf(LinkVerification.Rejected.class);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(token.length() * 60);
    }

    @Test
    void everyTruncationIsRejected() {
        String token = codec.token(click);
        for (int len = 0; len < token.length(); len++) {
            assertThat(codec.verify(LinkKind.CLICK, token.substring(0, len)))
                    .as("truncated to %d", len).isInstanceOf(LinkVerification.Rejected.class);
        }
    }

    @Test
    void anOpenLinkCannotBeReplayedAsAClick() {
        TrackingLink unsubscribe = TrackingLink.unsubscribe("C1", "R1", "");
        String token = codec.token(unsubscribe);

        assertThat(codec.verify(LinkKind.UNSUBSCRIBE, token)).isInstanceOf(LinkVerification.Valid.class);
        assertThat(codec.verify(LinkKind.OPEN, token))
                .isEqualTo(new LinkVerification.Rejected(RejectReason.BAD_SIGNATURE, "k1"));
    }

    @Test
    void reasonsFollowTheDocumentedOrder() {
        String token = codec.token(click);
        String[] parts = token.split("\\.");

        assertThat(codec.verify(LinkKind.CLICK, "x".repeat(LinkFieldRules.MAX_TOKEN_LENGTH + 1)))
                .isEqualTo(new LinkVerification.Rejected(RejectReason.TOO_LONG, ""));
        assertThat(codec.verify(LinkKind.CLICK, "garbage"))
                .isEqualTo(new LinkVerification.Rejected(RejectReason.MALFORMED, ""));
        assertThat(codec.verify(LinkKind.CLICK, "2." + parts[1] + "." + parts[2] + "." + parts[3]))
                .isEqualTo(new LinkVerification.Rejected(RejectReason.UNSUPPORTED_VERSION, "k1"));
        assertThat(codec.verify(LinkKind.CLICK, "1.k9." + parts[2] + "." + parts[3]))
                .isEqualTo(new LinkVerification.Rejected(RejectReason.UNKNOWN_KEY, "k9"));
        assertThat(codec.verify(LinkKind.CLICK, token + "."))
                .isEqualTo(new LinkVerification.Rejected(RejectReason.MALFORMED, ""));
    }

    @Test
    void signedButBrokenFieldsGetTheirOwnReason() throws Exception {
        // Signed as docs/link-format.md says, by hand: the codec itself refuses to mint such links.
        assertThat(codec.verify(LinkKind.CLICK, signedByHand("C1\nR1\nhero\nA\njavascript:alert(1)")))
                .isEqualTo(new LinkVerification.Rejected(RejectReason.INVALID_TARGET, "k1"));
        assertThat(codec.verify(LinkKind.CLICK, signedByHand("C1\nR1\nhero\nA\nhttps://user@evil.example/")))
                .isEqualTo(new LinkVerification.Rejected(RejectReason.INVALID_TARGET, "k1"));
        assertThat(codec.verify(LinkKind.CLICK, signedByHand("C 1\nR1\nhero\nA\nhttps://shop.example.com/")))
                .isEqualTo(new LinkVerification.Rejected(RejectReason.MALFORMED, "k1"));
        assertThat(codec.verify(LinkKind.CLICK, signedByHand("C1\nR1\nhero\nA\nhttps://shop.example.com/")))
                .isInstanceOf(LinkVerification.Valid.class);
    }

    private String signedByHand(String fields) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = b64.encodeToString(fields.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(k1.secret(), "HmacSHA256"));
        byte[] full = mac.doFinal(("proklik-link-1\nc\nk1\n" + payload)
                .getBytes(StandardCharsets.US_ASCII));
        return "1.k1." + payload + "." + b64.encodeToString(Arrays.copyOf(full, 16));
    }

    @Test
    void aRetiredKeyNoLongerRedirectsEvenGenuineLinks() {
        SigningKey k2 = key("k2");
        KeyRing ring = new KeyRing(List.of(k2, k1));
        String oldToken = codec.token(click);
        assertThat(new LinkCodec(ring).verify(LinkKind.CLICK, oldToken))
                .as("older active keys still verify").isInstanceOf(LinkVerification.Valid.class);
        assertThat(new LinkCodec(ring).token(click)).startsWith("1.k2.");

        LinkCodec afterRetirement = new LinkCodec(ring.retire("k1"));

        assertThat(afterRetirement.verify(LinkKind.CLICK, oldToken))
                .isEqualTo(new LinkVerification.Rejected(RejectReason.RETIRED_KEY, "k1"));
    }

    @Test
    void aLinkSignedWithAnotherSecretIsABadSignature() {
        LinkCodec attacker = new LinkCodec(new KeyRing(List.of(key("k1"))));
        String forged = attacker.token(TrackingLink.click("C1", "R1", "hero", "", "https://evil.example.net/"));

        assertThat(codec.verify(LinkKind.CLICK, forged))
                .isEqualTo(new LinkVerification.Rejected(RejectReason.BAD_SIGNATURE, "k1"));
    }

    @Test
    void hostAllowListStopsEvenSignedLinksToOtherHosts() {
        LinkCodec guarded = new LinkCodec(new KeyRing(List.of(k1)), Set.of("shop.example.com"));
        String elsewhere = codec.token(TrackingLink.click("C1", "R1", "hero", "", "https://other.example.org/"));

        assertThat(guarded.verify(LinkKind.CLICK, codec.token(click))).isInstanceOf(LinkVerification.Valid.class);
        assertThat(guarded.verify(LinkKind.CLICK, elsewhere))
                .isEqualTo(new LinkVerification.Rejected(RejectReason.TARGET_NOT_ALLOWED, "k1"));
    }

    @Test
    void linksThatBreakTheFieldRulesCannotBeMinted() {
        assertThatThrownBy(() -> TrackingLink.click("C1", "R1", "hero", "", "javascript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target");
        assertThatThrownBy(() -> TrackingLink.click("C1", "R1", "hero", "", "//evil.example.net/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrackingLink.click("C1", "R1", "hero", "", "https://user:pw@evil.example.net/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrackingLink.click("C1", "jan@example.com", "hero", "", "https://x.example/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recipient");
        assertThatThrownBy(() -> TrackingLink.click("C1", "R1", "", "", "https://x.example/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("link");
        assertThat(codec.token(TrackingLink.click("C1", "R1", "l", "", "https://x.example/" + "a".repeat(2000))))
                .as("the longest allowed target still fits a token").hasSizeLessThan(LinkFieldRules.MAX_TOKEN_LENGTH);
        assertThatThrownBy(() -> new LinkCodec(KeyRing.empty()).token(click))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keys generate");
    }

    @Test
    void generatedKeyIdsNameTheirSecond() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T09:30:15Z"), ZoneOffset.UTC);
        SigningKey key = KeyRing.generateKey(clock, new SecureRandom());
        assertThat(key.id()).isEqualTo("k20261125093015");
        assertThat(key.secret()).hasSize(32);
        assertThat(key.toString()).doesNotContain(Base64.getUrlEncoder().encodeToString(key.secret()));
    }
}

package cz.proklik.tracking.autologin;

import cz.proklik.tracking.autologin.AutologinVerification.Reason;
import cz.proklik.tracking.link.KeyRing;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutologinCodecTest {
    /** The published test key of docs/link-format.md: k1 with 32 zero bytes. */
    private static final KeyRing PUBLISHED = KeyRing.parse("k1 active " + "A".repeat(43));
    private static final String VECTOR = "a1.k1.UjQ4MTUKZXNob3AtY3oKbG9naW4KMTc5ODc1ODAwMA.zKk1jf-Xei9GB0LGqudSDQ";
    private static final AutologinGrant GRANT = new AutologinGrant("R4815", "eshop-cz", "login",
            Instant.parse("2026-12-31T23:00:00Z"));

    private final AutologinCodec codec = new AutologinCodec(PUBLISHED);

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void mintsAndVerifiesTheDocumentedTestVector() {
        assertThat(codec.token(GRANT)).isEqualTo(VECTOR);
        assertThat(codec.verify(VECTOR, "login", at("2026-12-01T00:00:00Z")))
                .isEqualTo(new AutologinVerification.Valid(GRANT, "k1"));
    }

    @Test
    void refusesAnExpiredTokenFromTheSecondOfExpiry() {
        assertThat(codec.verify(VECTOR, "login", at("2026-12-31T22:59:59Z")))
                .isInstanceOf(AutologinVerification.Valid.class);
        assertThat(codec.verify(VECTOR, "login", at("2026-12-31T23:00:00Z")))
                .isEqualTo(new AutologinVerification.Rejected(Reason.EXPIRED));
    }

    @Test
    void aTokenServesOnlyItsOwnPurpose() {
        assertThat(codec.verify(VECTOR, "password-reset", at("2026-12-01T00:00:00Z")))
                .isEqualTo(new AutologinVerification.Rejected(Reason.WRONG_PURPOSE));
    }

    @Test
    void everyAlteredCharacterIsRefused() {
        Clock now = at("2026-12-01T00:00:00Z");
        for (int i = 0; i < VECTOR.length(); i++) {
            char c = VECTOR.charAt(i);
            String altered = VECTOR.substring(0, i) + (c == 'A' ? 'B' : 'A') + VECTOR.substring(i + 1);
            assertThat(codec.verify(altered, "login", now)).as("altered at %d: %s", i, altered)
                    .isInstanceOf(AutologinVerification.Rejected.class);
        }
    }

    @Test
    void aTrackingLinkTokenIsNoAutologinToken() {
        String click = "1.k1.QzIwMjYtMTEKUjQ4MTUKaGVybwpBCmh0dHBzOi8vc2hvcC5leGFtcGxlLmNvbS8.0HIkulh88IYuvowyTdgxXQ";
        assertThat(codec.verify(click, "login", at("2026-12-01T00:00:00Z")))
                .isEqualTo(new AutologinVerification.Rejected(Reason.UNSUPPORTED_VERSION));
        String relabelled = "a1" + click.substring(1);
        assertThat(codec.verify(relabelled, "login", at("2026-12-01T00:00:00Z")))
                .isEqualTo(new AutologinVerification.Rejected(Reason.BAD_SIGNATURE));
    }

    @Test
    void unknownAndRetiredKeysAndJunkAreRefused() {
        Clock now = at("2026-12-01T00:00:00Z");
        assertThat(new AutologinCodec(KeyRing.parse("k2 active " + "A".repeat(43))).verify(VECTOR, "login", now))
                .isEqualTo(new AutologinVerification.Rejected(Reason.UNKNOWN_KEY));
        assertThat(new AutologinCodec(KeyRing.parse("k1 retired")).verify(VECTOR, "login", now))
                .isEqualTo(new AutologinVerification.Rejected(Reason.RETIRED_KEY));
        for (String junk : new String[] {"", ".", "a1.k1..", "a1.k1.%%%.x", "x".repeat(5000), null}) {
            assertThat(codec.verify(junk, "login", now)).isInstanceOf(AutologinVerification.Rejected.class);
        }
    }

    @Test
    void grantFieldsFollowTheContract() {
        Instant t = Instant.parse("2026-12-31T23:00:00Z");
        assertThatThrownBy(() -> new AutologinGrant("jana@example.com", "eshop", "login", t))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AutologinGrant("R1", "eshop", "Login\n", t))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AutologinGrant("R1", "eshop", "login", t.plusMillis(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package cz.proklik.tracking.autologin;

import cz.proklik.tracking.autologin.AutologinVerification.Reason;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.SigningKey;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Mints and verifies auto-login tokens of format a1 (docs/autologin-link.md). Its own signing domain
 * ("proklik-autologin-1") means a tracking-link mac can never pass as an auto-login mac or the other way round,
 * even when both rings held the same key. Thread-safe (a Mac is made per call: tokens are minted once per mail).
 */
public final class AutologinCodec {
    static final String VERSION = "a1";
    private static final String DOMAIN = "proklik-autologin-1";
    private static final int MAC_BYTES = 16;
    private static final int MAX_TOKEN_LENGTH = 1024;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final KeyRing keyRing;

    public AutologinCodec(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    public String token(AutologinGrant grant) {
        SigningKey key = keyRing.signingKey().orElseThrow(() ->
                new IllegalStateException("the auto-login key ring has no active key"));
        String payload = B64.encodeToString(String.join("\n", grant.contact(), grant.shop(), grant.purpose(),
                Long.toString(grant.expiresAt().getEpochSecond())).getBytes(StandardCharsets.UTF_8));
        return VERSION + "." + key.id() + "." + payload + "." + B64.encodeToString(mac(key, payload));
    }

    /**
     * Checks a presented token for one purpose at the time of the clock. The shop calls this with the purpose it
     * serves ("login"), so a token minted for another purpose is refused even though its mac is genuine.
     */
    public AutologinVerification verify(String token, String expectedPurpose, Clock clock) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return new AutologinVerification.Rejected(Reason.MALFORMED);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) {
            return new AutologinVerification.Rejected(Reason.MALFORMED);
        }
        if (!VERSION.equals(parts[0])) {
            return new AutologinVerification.Rejected(Reason.UNSUPPORTED_VERSION);
        }
        Optional<SigningKey> key = keyRing.find(parts[1]);
        if (key.isEmpty()) {
            return new AutologinVerification.Rejected(Reason.UNKNOWN_KEY);
        }
        if (!key.get().active()) {
            return new AutologinVerification.Rejected(Reason.RETIRED_KEY);
        }
        // Compared as canonical base64url text (as the tracking link does), so spare bits cannot be altered.
        byte[] expected = B64.encode(mac(key.get(), parts[2]));
        if (!MessageDigest.isEqual(expected, parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return new AutologinVerification.Rejected(Reason.BAD_SIGNATURE);
        }
        AutologinGrant grant;
        try {
            String[] fields = new String(B64D.decode(parts[2]), StandardCharsets.UTF_8).split("\n", -1);
            if (fields.length != 4) {
                return new AutologinVerification.Rejected(Reason.MALFORMED);
            }
            grant = new AutologinGrant(fields[0], fields[1], fields[2], Instant.ofEpochSecond(Long.parseLong(fields[3])));
        } catch (IllegalArgumentException e) {
            return new AutologinVerification.Rejected(Reason.MALFORMED);
        }
        if (!grant.purpose().equals(expectedPurpose)) {
            return new AutologinVerification.Rejected(Reason.WRONG_PURPOSE);
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            return new AutologinVerification.Rejected(Reason.EXPIRED);
        }
        return new AutologinVerification.Valid(grant, parts[1]);
    }

    private static byte[] mac(SigningKey key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            byte[] full = mac.doFinal((DOMAIN + "\n" + key.id() + "\n" + payload).getBytes(StandardCharsets.US_ASCII));
            byte[] truncated = new byte[MAC_BYTES];
            System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

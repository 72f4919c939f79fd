package cz.proklik.bounces.match;

import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.SigningKey;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signed Return-Path of one send (docs/bounce-matching.md, version 1):
 * {@code {box}+b1.{kid}.{sendId}.{mac}@{domain}}, mac = the first 10 bytes of
 * HMAC-SHA256(key[kid], "proklik-bounce-v1" LF kid LF sendId) in lower-case base32 without padding (16 characters).
 * Lower case and digits only after the kid, so a server that folds the case of local parts does not break it; the
 * kid is compared without case. The ring is the tracking links' key ring, so a mailer with the ring can sign.
 */
public final class VerpAddress {
    public static final int MAX_LOCAL_PART = 64;
    private static final String CONTEXT = "proklik-bounce-v1";
    private static final Pattern VERP = Pattern.compile(
            "^[^@+]+\\+b1\\.([A-Za-z0-9_-]{1,32})\\.([0-9]{1,19})\\.([a-z2-7]{16})@", Pattern.CASE_INSENSITIVE);
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final KeyRing ring;

    public VerpAddress(KeyRing ring) {
        this.ring = ring;
    }

    /** The Return-Path for {@code sendId}, signed with the ring's signing key. */
    public String encode(String box, String domain, long sendId) {
        if (sendId <= 0) {
            throw new IllegalArgumentException("send id must be positive");
        }
        SigningKey key = ring.signingKey().orElseThrow(() -> new IllegalStateException("no active signing key"));
        String local = box + "+b1." + key.id() + "." + sendId + "." + mac(key, key.id(), sendId);
        if (local.length() > MAX_LOCAL_PART || box.isEmpty() || box.contains("+") || box.contains("@")) {
            throw new IllegalArgumentException("Return-Path local part must be at most 64 characters and the box "
                    + "plain: " + local);
        }
        return local + "@" + domain;
    }

    /** The send id of a genuine signed Return-Path; empty for any other address, a bad mac or a retired key. */
    public Optional<Long> decode(String address) {
        Matcher m = VERP.matcher(address);
        if (!m.find()) {
            return Optional.empty();
        }
        String kid = m.group(1);
        long sendId;
        try {
            sendId = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String presented = m.group(3).toLowerCase(Locale.ROOT);
        for (SigningKey key : ring.keys()) {
            if (key.id().equalsIgnoreCase(kid) && key.active()) {
                String expected = mac(key, key.id(), sendId);
                if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        presented.getBytes(StandardCharsets.US_ASCII))) {
                    return Optional.of(sendId);
                }
            }
        }
        return Optional.empty();
    }

    private static String mac(SigningKey key, String kid, long sendId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            byte[] full = mac.doFinal((CONTEXT + "\n" + kid + "\n" + sendId).getBytes(StandardCharsets.UTF_8));
            return base32(full, 10);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base32(byte[] b, int bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < bytes; i++) {
            buffer = (buffer << 8) | (b[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return out.toString();
    }
}

package cz.proklik.tracking.verp;

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
 * The signed Return-Path of one send (docs/bounce-matching.md):
 * {@code {box}+b{v}.{kid}.{id}.{mac}@{domain}}, mac = the first 10 bytes of
 * HMAC-SHA256(key[kid], "proklik-bounce-v{v}" LF kid LF id) in lower-case base32 without padding (16 characters).
 * Version 1 names {@code pkl_send.send_id}; version 2 names {@code pkl_mail_delivery.delivery_id}, the mailer's
 * per-recipient row, which exists before the hand-off (the pkl_send row only once the relay accepted the message).
 * Lower case and digits only after the kid, so a server that folds the case of local parts does not break it; the
 * kid is compared without case. The ring is the tracking links' key ring, so a mailer with the ring can sign.
 * It lives in tracking-core because the mailer signs what the bounce mailbox reads.
 */
public final class VerpAddress {
    public static final int MAX_LOCAL_PART = 64;
    private static final Pattern VERP = Pattern.compile(
            "^[^@+]+\\+b([12])\\.([A-Za-z0-9_-]{1,32})\\.([0-9]{1,19})\\.([a-z2-7]{16})@", Pattern.CASE_INSENSITIVE);

    /** What a genuine address names: a send (version 1) or a mailer delivery (version 2). */
    public record Decoded(Kind kind, long id) {
    }

    public enum Kind {
        /** {@code pkl_send.send_id} (version 1) */
        SEND(1),
        /** {@code pkl_mail_delivery.delivery_id} (version 2) */
        DELIVERY(2);

        private final int version;

        Kind(int version) {
            this.version = version;
        }

        static Kind of(int version) {
            return version == 1 ? SEND : DELIVERY;
        }
    }
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final KeyRing ring;

    public VerpAddress(KeyRing ring) {
        this.ring = ring;
    }

    /** The version 1 Return-Path for {@code sendId} ({@code pkl_send.send_id}), signed with the ring's signing key. */
    public String encode(String box, String domain, long sendId) {
        return encode(Kind.SEND, box, domain, sendId);
    }

    /** The version 2 Return-Path for a mailer delivery ({@code pkl_mail_delivery.delivery_id}). */
    public String encodeDelivery(String box, String domain, long deliveryId) {
        return encode(Kind.DELIVERY, box, domain, deliveryId);
    }

    private String encode(Kind kind, String box, String domain, long id) {
        if (id <= 0) {
            throw new IllegalArgumentException("send id must be positive");
        }
        SigningKey key = ring.signingKey().orElseThrow(() -> new IllegalStateException("no active signing key"));
        String local = box + "+b" + kind.version + "." + key.id() + "." + id + "." + mac(kind, key, key.id(), id);
        if (local.length() > MAX_LOCAL_PART || box.isEmpty() || box.contains("+") || box.contains("@")) {
            throw new IllegalArgumentException("Return-Path local part must be at most 64 characters and the box "
                    + "plain: " + local);
        }
        return local + "@" + domain;
    }

    /** What a genuine signed Return-Path names; empty for any other address, a bad mac or a retired key. */
    public Optional<Decoded> decode(String address) {
        Matcher m = VERP.matcher(address);
        if (!m.find()) {
            return Optional.empty();
        }
        Kind kind = Kind.of(Integer.parseInt(m.group(1)));
        String kid = m.group(2);
        long id;
        try {
            id = Long.parseLong(m.group(3));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String presented = m.group(4).toLowerCase(Locale.ROOT);
        for (SigningKey key : ring.keys()) {
            if (key.id().equalsIgnoreCase(kid) && key.active()) {
                String expected = mac(kind, key, key.id(), id);
                if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        presented.getBytes(StandardCharsets.US_ASCII))) {
                    return Optional.of(new Decoded(kind, id));
                }
            }
        }
        return Optional.empty();
    }

    private static String mac(Kind kind, SigningKey key, String kid, long id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            // The version is in the MAC's context, so a b1 address cannot be turned into a b2 one of the same number.
            byte[] full = mac.doFinal(("proklik-bounce-v" + kind.version + "\n" + kid + "\n" + id)
                    .getBytes(StandardCharsets.UTF_8));
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

package cz.proklik.tracking.link;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Mints and verifies tracking links of format v1 (docs/link-format.md). Thread-safe; each thread keeps its own
 * initialised {@link Mac} per key, because initialising one costs more than the HMAC itself. The key ring can be
 * replaced while links are being verified ({@link #useKeyRing}): each call sees the old ring or the new one whole.
 */
public final class LinkCodec {
    /** The link format version this codec writes and reads (docs/link-format.md). */
    public static final String VERSION = "1";
    private static final String DOMAIN = "proklik-link-1";
    private static final int MAC_BYTES = 16;
    private static final int MAC_CHARS = 22; // base64url of 16 bytes without padding
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private volatile KeyRing keyRing;
    private final Set<String> allowedTargetHosts;
    private final ThreadLocal<Map<String, KeyMac>> macs = ThreadLocal.withInitial(HashMap::new);

    /**
     * One key's initialised Mac and, per link kind, the bytes every mac of that key and kind starts with; made for
     * {@code key} exactly (a reloaded ring brings new key objects, so a changed secret never meets an old Mac).
     */
    private record KeyMac(SigningKey key, Mac mac, byte[][] prefixByKind) {
    }

    /**
     * @param allowedTargetHosts lower-case host names a click may lead to; empty allows any host. A defence for
     *                           the day a key leaks: even a validly signed link cannot then lead elsewhere.
     */
    public LinkCodec(KeyRing keyRing, Set<String> allowedTargetHosts) {
        this.keyRing = keyRing;
        this.allowedTargetHosts = Set.copyOf(allowedTargetHosts);
    }

    public LinkCodec(KeyRing keyRing) {
        this(keyRing, Set.of());
    }

    /** From now on, links are signed and verified with {@code ring}: a key added verifies, a key retired does not. */
    public void useKeyRing(KeyRing ring) {
        this.keyRing = Objects.requireNonNull(ring, "ring");
        // Each thread drops its Macs of keys no longer in the ring when it next needs a Mac (see mac()).
    }

    public KeyRing keyRing() {
        return keyRing;
    }

    /** The token (the part after /c/, /o/ or /u/), signed with the ring's signing key. */
    public String token(TrackingLink link) {
        if (!TargetUrls.isAscii(link.target())) {
            // Undertow would send such a target garbled; TrackingLink.click makes the ASCII form.
            throw new IllegalArgumentException("target must be normalised to ASCII before it is signed: "
                    + link.target());
        }
        SigningKey key = keyRing.signingKey()
                .orElseThrow(() -> new IllegalStateException("the key ring has no active key: run 'proklik keys generate'"));
        String payload = B64.encodeToString(String.join("\n", link.campaign(), link.recipient(), link.link(),
                link.variant(), link.target()).getBytes(StandardCharsets.UTF_8));
        String mac = B64.encodeToString(mac(key, link.kind(), payload));
        String token = VERSION + "." + key.id() + "." + payload + "." + mac;
        if (token.length() > LinkFieldRules.MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("link too long: " + token.length() + " > "
                    + LinkFieldRules.MAX_TOKEN_LENGTH + " characters");
        }
        return token;
    }

    /** The full URL, e.g. {@code https://t.example.com/c/1.k1....}. */
    public String url(String baseUrl, TrackingLink link) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/" + link.kind().pathSegment() + "/" + token(link);
    }

    public LinkVerification verify(LinkKind kind, String token) {
        if (token.length() > LinkFieldRules.MAX_TOKEN_LENGTH) {
            return new LinkVerification.Rejected(RejectReason.TOO_LONG, "");
        }
        int d1 = token.indexOf('.');
        int d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1);
        int d3 = d2 < 0 ? -1 : token.indexOf('.', d2 + 1);
        if (d3 < 0 || token.indexOf('.', d3 + 1) >= 0) {
            return new LinkVerification.Rejected(RejectReason.MALFORMED, "");
        }
        String version = token.substring(0, d1);
        String keyId = token.substring(d1 + 1, d2);
        String payload = token.substring(d2 + 1, d3);
        String macText = token.substring(d3 + 1);
        if (!VERSION.equals(version)) {
            return refused(RejectReason.UNSUPPORTED_VERSION, keyId, payload, macText);
        }
        Optional<SigningKey> key = keyRing.find(keyId);
        if (key.isEmpty()) {
            return refused(RejectReason.UNKNOWN_KEY, keyId, payload, macText);
        }
        if (!key.get().active()) {
            return refused(RejectReason.RETIRED_KEY, keyId, payload, macText);
        }
        // Compared as canonical text, not decoded bytes: the last base64url character of 16 bytes has 4 spare
        // bits, so decoding would let an altered link verify. The mac is checked over the payload text, so
        // nothing unauthenticated is decoded before this point.
        byte[] expectedMac = B64.encode(mac(key.get(), kind, payload));
        if (macText.length() != MAC_CHARS
                || !MessageDigest.isEqual(expectedMac, macText.getBytes(StandardCharsets.US_ASCII))) {
            return refused(RejectReason.BAD_SIGNATURE, keyId, payload, macText);
        }
        // A matching mac means this codec made the token, so its parts are well-formed by construction: the
        // character checks below run for refused links only, which keeps them off the path of every genuine click.
        return decodeSigned(kind, keyId, payload);
    }

    /**
     * {@code reason}, unless the token is not even well-formed: then MALFORMED, whichever other check failed first
     * (docs/link-format.md orders MALFORMED before every other reason). The key id is logged only when it is one.
     */
    private static LinkVerification.Rejected refused(RejectReason reason, String keyId, String payload,
                                                     String macText) {
        boolean keyIdOk = LinkFieldRules.isKeyId(keyId);
        if (!keyIdOk || !LinkFieldRules.isBase64Url(payload) || macText.length() != MAC_CHARS
                || !LinkFieldRules.isBase64Url(macText)) {
            return new LinkVerification.Rejected(RejectReason.MALFORMED, keyIdOk ? keyId : "");
        }
        return new LinkVerification.Rejected(reason, keyId);
    }

    private LinkVerification decodeSigned(LinkKind kind, String keyId, String payload) {
        String[] fields;
        try {
            fields = new String(B64D.decode(payload), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            return new LinkVerification.Rejected(RejectReason.MALFORMED, keyId);
        }
        if (fields.length != 5) {
            return new LinkVerification.Rejected(RejectReason.MALFORMED, keyId);
        }
        TrackingLink link;
        try {
            link = new TrackingLink(kind, fields[0], fields[1], fields[2], fields[3], fields[4]);
        } catch (IllegalArgumentException e) {
            // Which rule failed is looked up only now: checking the target before the constructor checked it
            // again doubled the cost of every valid click.
            boolean badTarget = kind == LinkKind.CLICK && !LinkFieldRules.isTarget(fields[4]);
            return new LinkVerification.Rejected(badTarget ? RejectReason.INVALID_TARGET : RejectReason.MALFORMED,
                    keyId);
        }
        if (kind == LinkKind.CLICK && !allowedTargetHosts.isEmpty()
                && !allowedTargetHosts.contains(LinkFieldRules.hostOf(link.target()))) {
            return new LinkVerification.Rejected(RejectReason.TARGET_NOT_ALLOWED, keyId);
        }
        return new LinkVerification.Valid(link, keyId);
    }

    /** HMAC-SHA256 over "proklik-link-1\n{kind}\n{key id}\n{payload}", cut to 16 bytes (docs/link-format.md). */
    private byte[] mac(SigningKey key, LinkKind kind, String payload) {
        Map<String, KeyMac> mine = macs.get();
        KeyMac keyMac = mine.get(key.id());
        if (keyMac == null || keyMac.key() != key) {
            if (mine.size() > 64) {
                mine.clear(); // keys of rings long replaced
            }
            keyMac = newMac(key);
            mine.put(key.id(), keyMac);
        }
        Mac mac = keyMac.mac();
        mac.update(keyMac.prefixByKind()[kind.ordinal()]);
        mac.update(payload.getBytes(StandardCharsets.US_ASCII));
        byte[] full = mac.doFinal();
        byte[] truncated = new byte[MAC_BYTES];
        System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
        return truncated;
    }

    private static KeyMac newMac(SigningKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            byte[][] prefixes = new byte[LinkKind.values().length][];
            for (LinkKind kind : LinkKind.values()) {
                prefixes[kind.ordinal()] = (DOMAIN + "\n" + kind.pathSegment() + "\n" + key.id() + "\n")
                        .getBytes(StandardCharsets.US_ASCII);
            }
            return new KeyMac(key, mac, prefixes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

package cz.proklik.tracking.link;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mints and verifies tracking links of format v1 (docs/link-format.md). Thread-safe; each thread keeps its own
 * initialised {@link Mac} per key, because initialising one costs more than the HMAC itself.
 */
public final class LinkCodec {
    static final String VERSION = "1";
    private static final String DOMAIN = "proklik-link-1";
    private static final int MAC_BYTES = 16;
    private static final int MAC_CHARS = 22; // base64url of 16 bytes without padding
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final KeyRing keyRing;
    private final Set<String> allowedTargetHosts;
    private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);

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

    /** The token (the part after /c/, /o/ or /u/), signed with the ring's signing key. */
    public String token(TrackingLink link) {
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
        String loggedKeyId = LinkFieldRules.isKeyId(keyId) ? keyId : "";
        if (!loggedKeyId.equals(keyId) || !isBase64Url(payload) || macText.length() != MAC_CHARS
                || !isBase64Url(macText)) {
            return new LinkVerification.Rejected(RejectReason.MALFORMED, loggedKeyId);
        }
        if (!VERSION.equals(version)) {
            return new LinkVerification.Rejected(RejectReason.UNSUPPORTED_VERSION, keyId);
        }
        Optional<SigningKey> key = keyRing.find(keyId);
        if (key.isEmpty()) {
            return new LinkVerification.Rejected(RejectReason.UNKNOWN_KEY, keyId);
        }
        if (!key.get().active()) {
            return new LinkVerification.Rejected(RejectReason.RETIRED_KEY, keyId);
        }
        // Compared as canonical text, not decoded bytes: the last base64url character of 16 bytes has 4 spare
        // bits, so decoding would let an altered link verify. The mac is checked over the payload text, so
        // nothing unauthenticated is decoded before this point.
        byte[] expectedMac = B64.encode(mac(key.get(), kind, payload));
        if (!MessageDigest.isEqual(expectedMac, macText.getBytes(StandardCharsets.US_ASCII))) {
            return new LinkVerification.Rejected(RejectReason.BAD_SIGNATURE, keyId);
        }
        return decodeSigned(kind, keyId, payload);
    }

    private static boolean isBase64Url(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
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

    private byte[] mac(SigningKey key, LinkKind kind, String payload) {
        Mac mac = macs.get().computeIfAbsent(key.id(), id -> newMac(key));
        mac.update(DOMAIN.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '\n');
        mac.update(kind.pathSegment().getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '\n');
        mac.update(key.id().getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '\n');
        mac.update(payload.getBytes(StandardCharsets.US_ASCII));
        byte[] full = mac.doFinal();
        byte[] truncated = new byte[MAC_BYTES];
        System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
        return truncated;
    }

    private static Mac newMac(SigningKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

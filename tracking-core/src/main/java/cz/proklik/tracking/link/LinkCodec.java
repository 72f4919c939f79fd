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
    private static final byte[] B64_URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            .getBytes(StandardCharsets.US_ASCII);

    private volatile KeyRing keyRing;
    private final Set<String> allowedTargetHosts;
    private final ThreadLocal<Map<String, KeyMac>> macs = ThreadLocal.withInitial(HashMap::new);

    /**
     * One key's initialised Mac, per link kind the bytes every mac of that key and kind starts with, and this
     * thread's buffers for building tokens; made for {@code key} exactly (a reloaded ring brings new key objects, so
     * a changed secret never meets an old Mac). Used by one thread only.
     */
    private static final class KeyMac {
        private final SigningKey key;
        private final Mac mac;
        private final byte[][] prefixByKind;
        private final byte[] tokenPrefix;
        /**
         * Per link kind, SHA-256 having absorbed the key's inner pad and that kind's mac prefix; and having
         * absorbed the outer pad. HMAC (RFC 2104) begins every inner and outer hash with those blocks, so signing
         * from copies of these states saves two of the seven SHA-256 blocks of a typical link (and javax.crypto's
         * per-call bookkeeping); the result is the same HMAC, checked against {@link Mac} by the tests.
         */
        private final MessageDigest[] innerByKind;
        private final MessageDigest outer;
        private final byte[] full = new byte[32];
        private byte[] raw = new byte[512];
        private byte[] out = new byte[1024];

        KeyMac(SigningKey key, Mac mac, byte[][] prefixByKind, byte[] tokenPrefix, MessageDigest[] innerByKind,
               MessageDigest outer) {
            this.key = key;
            this.mac = mac;
            this.prefixByKind = prefixByKind;
            this.tokenPrefix = tokenPrefix;
            this.innerByKind = innerByKind;
            this.outer = outer;
        }

        /** HMAC-SHA256 over this kind's mac prefix and {@code len} bytes of {@code data}, into {@link #full()}. */
        void hmac(LinkKind kind, byte[] data, int from, int len) {
            try {
                MessageDigest inner = (MessageDigest) innerByKind[kind.ordinal()].clone();
                inner.update(data, from, len);
                inner.digest(full, 0, 32);
                MessageDigest last = (MessageDigest) outer.clone();
                last.update(full, 0, 32);
                last.digest(full, 0, 32);
            } catch (CloneNotSupportedException | GeneralSecurityException e) {
                throw new IllegalStateException("the JDK's SHA-256 can be copied and fills 32 bytes", e);
            }
        }

        SigningKey key() {
            return key;
        }

        Mac mac() {
            return mac;
        }

        byte[][] prefixByKind() {
            return prefixByKind;
        }

        /** "1.{kid}.", the start of every token of this key. */
        byte[] tokenPrefix() {
            return tokenPrefix;
        }

        /** Room for the whole HMAC. */
        byte[] full() {
            return full;
        }

        /** This thread's payload buffer, at least {@code size} bytes. */
        byte[] raw(int size) {
            if (raw.length < size) {
                raw = new byte[Math.max(size, raw.length * 2)];
            }
            return raw;
        }

        /** This thread's output buffer, at least {@code size} bytes. */
        byte[] out(int size) {
            if (out.length < size) {
                out = new byte[Math.max(size, out.length * 2)];
            }
            return out;
        }
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
        return sign("", link.kind(), link.campaign(), link.recipient(), link.link(), link.variant(), link.target());
    }

    /** The full URL, e.g. {@code https://t.example.com/c/1.k1....}. */
    public String url(String baseUrl, TrackingLink link) {
        return sign(urlPrefix(baseUrl, link.kind()), link.kind(), link.campaign(), link.recipient(), link.link(),
                link.variant(), link.target());
    }

    /**
     * The full URL of {@code link} made out to {@code recipient} instead: the same string as {@link #url} of that
     * link, but only the recipient is checked, since {@code link} was checked when it was made. A mailer signs the
     * same links of a campaign for every recipient; checking and normalising each target again per recipient was
     * a fifth of its signing time.
     *
     * @throws IllegalArgumentException when {@code recipient} breaks the field rules (docs/link-format.md)
     */
    public String url(String baseUrl, TrackingLink link, String recipient) {
        if (!LinkFieldRules.isId(recipient)) {
            throw new IllegalArgumentException("recipient must be 1-64 of [A-Za-z0-9._:-]: " + recipient);
        }
        return sign(urlPrefix(baseUrl, link.kind()), link.kind(), link.campaign(), recipient, link.link(),
                link.variant(), link.target());
    }

    /** The base URL's "{base}/{kind}/" prefixes, kept for the last base URL (one per service or campaign). */
    private record UrlPrefixes(String baseUrl, String[] byKind) {
    }

    private volatile UrlPrefixes urlPrefixes = new UrlPrefixes(null, null);

    private String urlPrefix(String baseUrl, LinkKind kind) {
        UrlPrefixes cached = urlPrefixes;
        if (!baseUrl.equals(cached.baseUrl())) {
            String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            String[] byKind = new String[LinkKind.values().length];
            for (LinkKind k : LinkKind.values()) {
                byKind[k.ordinal()] = base + "/" + k.pathSegment() + "/";
            }
            cached = new UrlPrefixes(baseUrl, byKind);
            urlPrefixes = cached;
        }
        return cached.byKind()[kind.ordinal()];
    }

    /**
     * {@code prefix} + the token, built in one per-thread byte buffer: every part of a link is ASCII (the id
     * fields by their rule, the target checked here), so the payload is written as bytes without encoding, its
     * base64url is computed once and MACed where it lies, and the one String made is the result. A mailer signs
     * 22 links per e-mail: the copies and encoders of a String-built token were a third of its cost.
     */
    private String sign(String prefix, LinkKind kind, String campaign, String recipient, String linkId,
                        String variant, String target) {
        if (!TargetUrls.isAscii(target)) {
            // Undertow would send such a target garbled; TrackingLink.click makes the ASCII form.
            throw new IllegalArgumentException("target must be normalised to ASCII before it is signed: " + target);
        }
        SigningKey key = keyRing.signingKey()
                .orElseThrow(() -> new IllegalStateException("the key ring has no active key: run 'proklik keys generate'"));
        KeyMac km = keyMac(key);
        byte[] raw = km.raw(campaign.length() + recipient.length() + linkId.length()
                + variant.length() + target.length() + 4);
        int n = ascii(campaign, raw, 0);
        raw[n++] = '\n';
        n = ascii(recipient, raw, n);
        raw[n++] = '\n';
        n = ascii(linkId, raw, n);
        raw[n++] = '\n';
        n = ascii(variant, raw, n);
        raw[n++] = '\n';
        n = ascii(target, raw, n);
        int tokenLength = km.tokenPrefix().length + (n * 4 + 2) / 3 + 1 + MAC_CHARS;
        if (tokenLength > LinkFieldRules.MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("link too long: " + tokenLength + " > "
                    + LinkFieldRules.MAX_TOKEN_LENGTH + " characters");
        }
        byte[] out = km.out(prefix.length() + tokenLength);
        int p = ascii(prefix, out, 0);
        System.arraycopy(km.tokenPrefix(), 0, out, p, km.tokenPrefix().length);
        p += km.tokenPrefix().length;
        int payloadStart = p;
        p = base64Url(raw, 0, n, out, p);
        km.hmac(kind, out, payloadStart, p - payloadStart);
        out[p++] = '.';
        p = base64Url(km.full(), 0, MAC_BYTES, out, p);
        return new String(out, 0, p, StandardCharsets.ISO_8859_1);
    }

    /** Writes the chars of {@code s}, all ASCII, as bytes. */
    private static int ascii(String s, byte[] to, int at) {
        for (int i = 0, len = s.length(); i < len; i++) {
            to[at++] = (byte) s.charAt(i);
        }
        return at;
    }

    /** base64url without padding (RFC 4648 §5) of {@code len} bytes from {@code from}, as {@link Base64} writes it. */
    private static int base64Url(byte[] src, int from, int len, byte[] to, int at) {
        int i = from;
        int end = from + len;
        for (; i + 3 <= end; i += 3) {
            int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
            to[at++] = B64_URL[bits >>> 18];
            to[at++] = B64_URL[(bits >>> 12) & 0x3f];
            to[at++] = B64_URL[(bits >>> 6) & 0x3f];
            to[at++] = B64_URL[bits & 0x3f];
        }
        int rest = end - i;
        if (rest == 1) {
            int bits = (src[i] & 0xff) << 16;
            to[at++] = B64_URL[bits >>> 18];
            to[at++] = B64_URL[(bits >>> 12) & 0x3f];
        } else if (rest == 2) {
            int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8;
            to[at++] = B64_URL[bits >>> 18];
            to[at++] = B64_URL[(bits >>> 12) & 0x3f];
            to[at++] = B64_URL[(bits >>> 6) & 0x3f];
        }
        return at;
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
        KeyMac keyMac = keyMac(key);
        Mac mac = keyMac.mac();
        mac.update(keyMac.prefixByKind()[kind.ordinal()]);
        mac.update(payload.getBytes(StandardCharsets.US_ASCII));
        byte[] full = mac.doFinal();
        byte[] truncated = new byte[MAC_BYTES];
        System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
        return truncated;
    }

    /** This thread's initialised Mac (and buffers) for {@code key}, made again when the ring brought a new object. */
    private KeyMac keyMac(SigningKey key) {
        Map<String, KeyMac> mine = macs.get();
        KeyMac keyMac = mine.get(key.id());
        if (keyMac == null || keyMac.key() != key) {
            if (mine.size() > 64) {
                mine.clear(); // keys of rings long replaced
            }
            keyMac = newMac(key);
            mine.put(key.id(), keyMac);
        }
        return keyMac;
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
            byte[] secret = key.secret();
            if (secret.length > 64) {
                secret = MessageDigest.getInstance("SHA-256").digest(secret); // RFC 2104: a long key is hashed
            }
            byte[] innerPad = new byte[64];
            byte[] outerPad = new byte[64];
            for (int i = 0; i < 64; i++) {
                byte k = i < secret.length ? secret[i] : 0;
                innerPad[i] = (byte) (k ^ 0x36);
                outerPad[i] = (byte) (k ^ 0x5c);
            }
            MessageDigest[] inner = new MessageDigest[prefixes.length];
            for (int kind = 0; kind < prefixes.length; kind++) {
                inner[kind] = MessageDigest.getInstance("SHA-256");
                inner[kind].update(innerPad);
                inner[kind].update(prefixes[kind]);
            }
            MessageDigest outer = MessageDigest.getInstance("SHA-256");
            outer.update(outerPad);
            return new KeyMac(key, mac, prefixes, (VERSION + "." + key.id() + ".").getBytes(StandardCharsets.US_ASCII),
                    inner, outer);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

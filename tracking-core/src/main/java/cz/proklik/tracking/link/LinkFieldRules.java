package cz.proklik.tracking.link;

import java.util.Locale;

/**
 * The value rules of link format v1 (docs/link-format.md). Shared by the signer, which refuses to mint a link
 * that breaks them, and by the verifier and the click-log reader, which refuse to accept one.
 */
public final class LinkFieldRules {
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_VARIANT_LENGTH = 16;
    public static final int MAX_TARGET_LENGTH = 2048;
    public static final int MAX_TOKEN_LENGTH = 4096;

    private LinkFieldRules() {
    }

    // The checks below run on every click the redirect page answers, so they are plain loops over ASCII class
    // tables, not regular expressions or java.net.URI (those were a fifth of the page's CPU time in
    // bench/RESULTS.md), nor chains of comparisons per character.
    private static final boolean[] ID_CHARS = ascii(alnum() + "._:-");
    private static final boolean[] KEY_ID_CHARS = ascii(alnum() + "_-");
    private static final boolean[] BASE64URL_CHARS = ascii(alnum() + "_-");
    private static final boolean[] HOST_CHARS = ascii(alnum() + "-.");
    /** What a target may not hold: controls, space, DEL and the characters RFC 3986 never allows unescaped. */
    private static final boolean[] NOT_IN_TARGET = notInTarget();

    public static boolean isId(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_ID_LENGTH && allIdChars(value);
    }

    public static boolean isOptionalId(String value) {
        return value != null && (value.isEmpty() || isId(value));
    }

    public static boolean isVariant(String value) {
        return value != null && value.length() <= MAX_VARIANT_LENGTH && allIdChars(value);
    }

    public static boolean isKeyId(String value) {
        if (value == null || value.isEmpty() || value.length() > 32) {
            return false;
        }
        return allIn(value, KEY_ID_CHARS);
    }

    /** Non-empty base64url text without padding. */
    public static boolean isBase64Url(String value) {
        return !value.isEmpty() && allIn(value, BASE64URL_CHARS);
    }

    /**
     * An absolute http(s) URL with a host, no user info, no white space or control characters, at most 2048
     * characters, and nothing java.net.URI would refuse in its authority.
     */
    public static boolean isTarget(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_TARGET_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128 ? NOT_IN_TARGET[c] : !isAllowedNonAscii(value, i)) {
                return false;
            }
        }
        int hostStart = schemeEnd(value);
        if (hostStart < 0) {
            return false;
        }
        int authorityEnd = authorityEnd(value, hostStart);
        int hostEnd = authorityEnd;
        int colon = value.indexOf(':', hostStart);
        if (colon >= 0 && colon < authorityEnd) {
            hostEnd = colon;
            if (colon + 1 == authorityEnd || authorityEnd - colon - 1 > 5) {
                return false;
            }
            int port = 0;
            for (int i = colon + 1; i < authorityEnd; i++) {
                if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                    return false;
                }
                port = port * 10 + value.charAt(i) - '0';
            }
            if (port > 65535) {
                return false;
            }
        }
        if (hostEnd == hostStart) {
            return false;
        }
        // Host names only (IDN hosts arrive punycoded): no user info '@', no IPv6 literals, no '%' escapes.
        if (!allIn(value, hostStart, hostEnd, HOST_CHARS)) {
            return false;
        }
        return value.charAt(hostStart) != '.' && value.charAt(hostEnd - 1) != '.'
                && value.charAt(hostStart) != '-';
    }

    /**
     * A non-ASCII character a target may hold (links minted before targets were normalised to ASCII): not a C1
     * control, not a Unicode line or paragraph separator, and no half of a surrogate pair.
     */
    private static boolean isAllowedNonAscii(String value, int i) {
        char c = value.charAt(i);
        if (c <= 0x9f || c == 0x2028 || c == 0x2029) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
        }
        return true;
    }

    /** The host of a target that {@link #isTarget} accepted, lower-cased. */
    public static String hostOf(String target) {
        int hostStart = schemeEnd(target);
        int end = authorityEnd(target, hostStart);
        int colon = target.indexOf(':', hostStart);
        if (colon >= 0 && colon < end) {
            end = colon;
        }
        return target.substring(hostStart, end).toLowerCase(Locale.ROOT);
    }

    /** Index after "http://" or "https://" (any case), or -1. */
    static int schemeEnd(String value) {
        if (value.regionMatches(true, 0, "https://", 0, 8)) {
            return 8;
        }
        if (value.regionMatches(true, 0, "http://", 0, 7)) {
            return 7;
        }
        return -1;
    }

    static int authorityEnd(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return value.length();
    }

    private static boolean allIdChars(String value) {
        return allIn(value, ID_CHARS);
    }

    private static boolean allIn(String value, boolean[] allowed) {
        return allIn(value, 0, value.length(), allowed);
    }

    private static boolean allIn(String value, int from, int to, boolean[] allowed) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c >= 128 || !allowed[c]) {
                return false;
            }
        }
        return true;
    }

    private static String alnum() {
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    }

    private static boolean[] ascii(String members) {
        boolean[] table = new boolean[128];
        for (int i = 0; i < members.length(); i++) {
            table[members.charAt(i)] = true;
        }
        return table;
    }

    private static boolean[] notInTarget() {
        boolean[] table = ascii("\"<>\\^`{|}\u007f");
        for (char c = 0; c <= ' '; c++) {
            table[c] = true;
        }
        return table;
    }
}

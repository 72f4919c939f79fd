package cz.proklik.tracking.link;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Click targets as they are signed and sent: ASCII only (docs/link-format.md, "Targets"). A redirect's
 * {@code Location} header goes out byte for byte, and Undertow writes each header character as one Latin-1 byte,
 * so a non-ASCII character would reach the browser as its low byte ({@code č} as a space). Hence an IDN host
 * becomes punycode and every other non-ASCII character its UTF-8 bytes percent-encoded, exactly what a browser
 * does with such an address; ASCII, including {@code %XX} escapes already there, is left as it is.
 */
public final class TargetUrls {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TargetUrls() {
    }

    /**
     * The ASCII form of an absolute http(s) URL, for minting a link.
     *
     * @throws IllegalArgumentException when it has no http(s) scheme and host, its host is no valid IDN, or it holds
     *                                  an unpaired surrogate
     */
    public static String normalise(String url) {
        if (url == null || isAscii(url)) {
            return url;
        }
        int hostStart = LinkFieldRules.schemeEnd(url);
        if (hostStart < 0) {
            throw new IllegalArgumentException("target must be an absolute http(s) URL: " + url);
        }
        int authorityEnd = LinkFieldRules.authorityEnd(url, hostStart);
        int colon = url.indexOf(':', hostStart);
        int hostEnd = colon >= 0 && colon < authorityEnd ? colon : authorityEnd;
        String host = url.substring(hostStart, hostEnd);
        String asciiHost;
        try {
            asciiHost = isAscii(host) ? host : IDN.toASCII(host, 0).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target host is not a valid international domain name: " + host, e);
        }
        return url.substring(0, hostStart) + asciiHost + url.substring(hostEnd, authorityEnd)
                + percentEncodeNonAscii(url.substring(authorityEnd));
    }

    /**
     * The target as the redirect page must send it: unchanged when ASCII (every link minted since targets are
     * normalised), else with its non-ASCII characters percent-encoded as UTF-8 — a link minted before that keeps
     * working instead of arriving garbled. Never throws: the target has passed {@link LinkFieldRules#isTarget}.
     */
    public static String forHeader(String target) {
        return isAscii(target) ? target : percentEncodeNonAscii(target);
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static String percentEncodeNonAscii(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (cp < 128) {
                out.append((char) cp);
            } else {
                if (Character.isSurrogate(s.charAt(i)) && n == 1) {
                    throw new IllegalArgumentException("target holds an unpaired surrogate at index " + i);
                }
                for (byte b : s.substring(i, i + n).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
            i += n;
        }
        return out.toString();
    }
}

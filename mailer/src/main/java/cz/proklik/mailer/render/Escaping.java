package cz.proklik.mailer.render;

import com.samskivert.mustache.Mustache;

import java.nio.charset.StandardCharsets;

/**
 * One escaper per output context. HTML text and quoted attributes: JMustache's HTML escaper ({@code & < > " ' `
 * =}). A keyword inside an href: percent-encoding of everything but unreserved characters, so contact data can
 * neither end the attribute nor add a scheme, host or parameter; a {@link SafeUrl} passes unchanged. Headers and
 * the plain-text part: nothing to escape, but control characters (CR/LF) are replaced, so no data can start a
 * header.
 */
public final class Escaping {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Escaping() {
    }

    /**
     * The entities of JMustache's {@code Escapers.HTML} ({@code & ' " < > \` =}), in one pass instead of seven
     * {@code String.replace} calls, and no copy at all for a value with nothing to escape (most of them).
     */
    public static final Mustache.Escaper HTML = Escaping::html;

    public static String html(String raw) {
        int n = raw.length();
        int i = 0;
        while (i < n && entity(raw.charAt(i)) == null) {
            i++;
        }
        if (i == n) {
            return raw;
        }
        StringBuilder out = new StringBuilder(n + 16).append(raw, 0, i);
        for (; i < n; i++) {
            char c = raw.charAt(i);
            String e = entity(c);
            if (e == null) {
                out.append(c);
            } else {
                out.append(e);
            }
        }
        return out.toString();
    }

    private static String entity(char c) {
        switch (c) {
            case '&': return "&amp;";
            case '\'': return "&#39;";
            case '"': return "&quot;";
            case '<': return "&lt;";
            case '>': return "&gt;";
            case '`': return "&#x60;";
            case '=': return "&#x3D;";
            default: return null;
        }
    }

    public static final Mustache.Escaper URL = new Mustache.Escaper() {
        @Override
        public String escape(String raw) {
            return percentEncode(raw);
        }

        @Override
        public CharSequence escape(CharSequence raw) {
            return raw instanceof SafeUrl ? raw : percentEncode(raw.toString());
        }
    };

    public static final Mustache.Escaper TEXT = Escaping::noControls;

    public static String percentEncode(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return out.toString();
    }

    /** Every control character (CR, LF, TAB, NUL, DEL, C1) becomes one space. */
    public static String noControls(String raw) {
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (out == null) {
                    out = new StringBuilder(raw.length()).append(raw, 0, i);
                }
                out.append(' ');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? raw : out.toString();
    }
}

package cz.proklik.mailer.render;

import java.util.Locale;

/**
 * A URL that Proklik made or checked (a product image, a signed link), as opposed to contact data. Inside an href
 * it is inserted as it is; any other value there is percent-encoded ({@link Escaping#URL}). In HTML it is still
 * HTML-escaped like everything else.
 */
public final class SafeUrl implements CharSequence {
    private final String url;

    private SafeUrl(String url) {
        this.url = url;
    }

    /** A URL from data Proklik does not control (a product image, a shop pattern): checked. */
    public static SafeUrl checked(String url) {
        if (!isHttpUrl(url)) {
            throw new RenderException("not an absolute http(s) URL without spaces or quotes: " + url);
        }
        return new SafeUrl(url);
    }

    /** A URL Proklik just minted from its configured base URL and a signed token. */
    static SafeUrl minted(String url) {
        return new SafeUrl(url);
    }

    public String url() {
        return url;
    }

    public static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://")) || url.length() > 2048) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`' || c == 127) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int length() {
        return url.length();
    }

    @Override
    public char charAt(int index) {
        return url.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return url.subSequence(start, end);
    }

    @Override
    public String toString() {
        return url;
    }
}
